import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, joinAs, signOut, test, uniqueName } from "./fixtures";

const THREAD = "/threads/the-opener";

async function shareApproach(page: Page, text: string): Promise<string> {
  await page.goto(`${THREAD}/share?kind=approach`);
  await page.getByLabel("The message you sent").fill(text);
  await page.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await page.getByRole("button", { name: "Post this anonymised message" }).click();
  await expect(page.locator("article.post--approach").last()).toContainText(text);
  return (await page.locator("article.post--approach").last().getAttribute("id"))!;
}

test("a member votes, changes, gives a reason and withdraws, updating in place", async ({ page, browser }) => {
  const author = await browser.newPage();
  await joinAs(author, uniqueName("author"));
  const text = `What is one thing you are proud of this year? ${uniqueName("vote")}`;
  const id = await shareApproach(author, text);
  // The author sees no vote buttons on their own message.
  await expect(author.locator(`#${id}`).getByRole("button", { name: /Feels authentic/ })).toHaveCount(0);
  await author.close();

  await joinAs(page, uniqueName("voter"));
  await page.goto(THREAD);
  const card = page.locator(`#${id}`);
  await expect(card.getByText("Vote to see how others rated it.")).toBeVisible();
  // The message's words are in the page once: not again in the data the page hydrates from.
  expect((await page.locator("script").allTextContents()).join("\n")).not.toContain(text.slice(-12));
  const authentic = card.getByRole("button", { name: /^Feels authentic/ });
  const notAuthentic = card.getByRole("button", {
    name: /^Doesn't feel authentic$|^Doesn't feel authentic, selected$/,
  });

  await authentic.click();
  await expect(card.getByRole("button", { name: "Feels authentic, selected" })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByText("100% feel authentic")).toBeVisible();
  await expect(card.getByText("1 vote", { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);

  await notAuthentic.click();
  await expect(card.getByRole("button", { name: "Doesn't feel authentic, selected" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(card.getByRole("button", { name: "Feels authentic" })).toHaveAttribute("aria-pressed", "false");
  await expect(card.getByText("0% feel authentic")).toBeVisible();

  await card.getByText("Why doesn't it feel authentic? (optional)").click();
  await card.getByLabel("pushy").check();
  await card.getByRole("button", { name: "Doesn't feel authentic, for these reasons" }).click();
  await expect(card.getByLabel("pushy")).toBeChecked();

  // Pressing the chosen one again withdraws the vote; the score is hidden again.
  await card.getByRole("button", { name: "Doesn't feel authentic, selected" }).click();
  await expect(card.getByText("Vote to see how others rated it.")).toBeVisible();
  await page.reload();
  await expect(card.getByText("Vote to see how others rated it.")).toBeVisible();
  await expect(card.getByRole("button", { name: "Feels authentic" })).toHaveAttribute("aria-pressed", "false");
  // Hydrated, updated in place and then shown again through a client-side navigation, the words stay.
  await expect(card).toContainText(text);
  await page.getByRole("link", { name: "Example messages: newest" }).click();
  await expect(page).toHaveURL(/sort=new/);
  await expect(card).toContainText(text);
  await page.goBack();
  await expect(card).toContainText(text);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("voting is a form post that returns to the same message", async ({ page, browser }) => {
    const author = await browser.newPage();
    await joinAs(author, uniqueName("author"));
    const id = await shareApproach(
      author,
      `Would you share what you wish you had known in your first year? ${uniqueName("nojs")}`,
    );
    await author.close();

    await joinAs(page, uniqueName("plainvoter"));
    await page.goto(THREAD);
    const card = page.locator(`#${id}`);
    await card.getByRole("button", { name: "Feels authentic" }).click();
    await expect(page).toHaveURL(new RegExp(`#${id}$`));
    await expect(page.locator(`#${id}`).getByRole("button", { name: "Feels authentic, selected" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(page.locator(`#${id}`).getByText("100% feel authentic")).toBeVisible();

    await page.locator(`#${id}`).getByText("Why doesn't it feel authentic? (optional)").click();
    await page.locator(`#${id}`).getByLabel("too invasive").check();
    await page.locator(`#${id}`).getByRole("button", { name: "Doesn't feel authentic, for these reasons" }).click();
    await expect(
      page.locator(`#${id}`).getByRole("button", { name: "Doesn't feel authentic, selected" }),
    ).toBeVisible();
    await expect(page.locator(`#${id}`).getByLabel("too invasive")).toBeChecked();

    await page.locator(`#${id}`).getByRole("button", { name: "Doesn't feel authentic, selected" }).click();
    await expect(page.locator(`#${id}`).getByText("Vote to see how others rated it.")).toBeVisible();
    await signOut(page);
    // A visitor sees scores, and no buttons.
    await page.goto(THREAD);
    await expect(page.locator(`#${id}`).getByText(/No votes yet|feel authentic/)).toBeVisible();
    await expect(page.locator(`#${id}`).getByRole("button", { name: /authentic/ })).toHaveCount(0);
  });
});

test("'most authentic' lists only example messages, best first", async ({ page }) => {
  await page.goto(`${THREAD}?sort=top`);
  await expect(page.getByRole("heading", { name: "Example messages, most authentic first" })).toBeVisible();
  await expect(page.locator("article.post--comment")).toHaveCount(0);
  await expect(page.locator("article.post--approach").first()).toBeVisible();
  await expectNoAxeViolations(page);
});
