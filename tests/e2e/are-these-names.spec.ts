import { expect, expectNoAxeViolations, joinAs, test, uniqueName } from "./fixtures";

const SHARE = "/threads/accepted-then-silence/share?kind=received_reply";
const TEXT = "Loved the Hunter piece you shared, and the Zephyrine launch too. Speak soon!";

async function removeSuggestedWord(page: import("@playwright/test").Page): Promise<void> {
  const preview = page.getByRole("region", { name: "What will be posted" });
  const unsure = preview.getByRole("group", { name: "Are these names?" });
  await expect(unsure.getByRole("button", { name: "Remove “Hunter”" })).toBeVisible();
  await unsure.getByRole("button", { name: "Remove “Zephyrine”" }).click();
  // One press: the word is gone from the preview, listed among the words to remove, and no longer offered.
  await expect(preview.locator("blockquote")).toContainText("and the [detail] launch too.");
  await expect(preview.locator("blockquote")).not.toContainText("Zephyrine");
  await expect(page.getByLabel("More words to remove (optional)")).toHaveValue("Zephyrine");
  await expect(unsure.getByRole("button", { name: "Remove “Zephyrine”" })).toHaveCount(0);
  await expect(unsure.getByRole("button", { name: "Remove “Hunter”" })).toBeVisible();
  await expect(page.getByLabel("The reply you received")).toHaveValue(TEXT); // what was pasted is still there
}

test("'Are these names?' removes a suggested word with one press", async ({ page }) => {
  await joinAs(page, uniqueName("unsure"));
  await page.goto(SHARE);
  await page.getByLabel("The reply you received").fill(TEXT);
  await removeSuggestedWord(page);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Post this anonymised message" }).click();
  const card = page.locator("article.post--received_reply").last();
  await expect(card.locator("blockquote")).toContainText("and the [detail] launch too.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("'Are these names?' removes a suggested word with one press", async ({ page }) => {
    await joinAs(page, uniqueName("unsurenojs"));
    await page.goto(SHARE);
    await page.getByLabel("The reply you received").fill(TEXT);
    await page.getByRole("button", { name: "Preview anonymised message" }).click();
    await removeSuggestedWord(page);
    await page.getByRole("button", { name: "Post this anonymised message" }).click();
    const card = page.locator("article.post--received_reply").last();
    await expect(card.locator("blockquote")).toContainText("and the [detail] launch too.");
    await expect(card.locator("blockquote")).not.toContainText("Zephyrine");
  });
});
