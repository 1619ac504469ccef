import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, joinAs, PASSWORD, signOut, test, uniqueName } from "./fixtures";

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
  const notAuthentic = card.getByRole("button", { name: "Doesn't feel authentic", exact: true });

  await authentic.click();
  await expect(authentic).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByText("100% feel authentic")).toBeVisible();
  await expect(card.getByText("1 vote", { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);

  await notAuthentic.click();
  await expect(notAuthentic).toHaveAttribute("aria-pressed", "true");
  await expect(authentic).toHaveAttribute("aria-pressed", "false");
  await expect(card.getByText("0% feel authentic")).toBeVisible();

  await card.getByText(/^Reasons it doesn't feel authentic/).click();
  await card.getByLabel("pushy").check();
  await card.getByRole("button", { name: "Update my reasons" }).click();
  await expect(card.getByLabel("pushy")).toBeChecked();
  // One "Doesn't feel authentic" control, and the reasons given are shown back.
  await expect(card.getByRole("button", { name: /Doesn't feel authentic/ })).toHaveCount(1);
  await page.reload();
  await expect(card.getByText("You said: pushy")).toBeVisible();

  // Pressing the chosen one again withdraws the vote; the score is hidden again.
  await notAuthentic.click();
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

    const voter = uniqueName("plainvoter");
    await joinAs(page, voter);
    await page.goto(THREAD);
    const card = page.locator(`#${id}`);
    await card.getByRole("button", { name: "Feels authentic" }).click();
    await expect(page).toHaveURL(new RegExp(`#${id}$`));
    await expect(page.locator(`#${id}`).getByRole("button", { name: "Feels authentic" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(page.locator(`#${id}`).getByText("100% feel authentic")).toBeVisible();

    await page
      .locator(`#${id}`)
      .getByText(/^Reasons it doesn't feel authentic/)
      .click();
    await page.locator(`#${id}`).getByLabel("too invasive").check();
    await page.locator(`#${id}`).getByRole("button", { name: "Doesn't feel authentic" }).click();
    await expect(page.locator(`#${id}`).getByRole("button", { name: "Doesn't feel authentic" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(page.locator(`#${id}`).getByText("You said: too invasive")).toBeVisible();

    await page.locator(`#${id}`).getByRole("button", { name: "Doesn't feel authentic" }).click();
    await expect(page.locator(`#${id}`).getByText("Vote to see how others rated it.")).toBeVisible();
    await signOut(page);
    // A visitor sees the buttons and no score; pressing one signs in and casts the vote on the same message.
    await page.goto(THREAD);
    await expect(page.locator(`#${id} .score`)).toHaveCount(0);
    await expect(page.locator(`#${id}`).getByText("Vote to see how others rated it.")).toBeVisible();
    await page.locator(`#${id}`).getByRole("button", { name: "Feels authentic" }).click();
    await expect(page.getByText("Sign in to record your vote")).toBeVisible();
    await page.getByLabel("Username").fill(voter);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`#${id}$`));
    await expect(page.locator(`#${id}`).getByRole("button", { name: "Feels authentic" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(page.locator(`#${id}`).getByText("100% feel authentic")).toBeVisible();

    // A newcomer presses a vote and joins instead of signing in: the vote still lands on the message.
    await signOut(page);
    await page.goto(THREAD);
    await page.locator(`#${id}`).getByRole("button", { name: "Doesn't feel authentic" }).click();
    await page.getByRole("link", { name: "Join" }).last().click();
    await expect(page.getByText("Join to record your vote: “Doesn't feel authentic”")).toBeVisible();
    await page.getByLabel("Username").fill(uniqueName("newcomer"));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(new RegExp(`#${id}$`));
    await expect(page.locator(`#${id}`).getByRole("button", { name: "Doesn't feel authentic" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });
});

test("'most authentic' lists only example messages, best first", async ({ page }) => {
  await page.goto(`${THREAD}?sort=top`);
  await expect(page.getByRole("heading", { name: "Example messages, most authentic first" })).toBeVisible();
  await expect(page.locator("article.post--comment")).toHaveCount(0);
  await expect(page.locator("article.post--approach").first()).toBeVisible();
  await expectNoAxeViolations(page);
});
