/**
 * Issue 13: a post past the lines or links a post may hold (app/utils/markdown-limits.ts) is refused beside its
 * field, keeping the text, with and without JavaScript; the live preview says why instead of rendering.
 */
import { expect, expectNoAxeViolations, joinAs, test, uniqueName } from "./fixtures";

const THREAD = "/threads/beyond-the-basics";
const TOO_MANY_LINES = "A post can have at most 1,000 lines.";
const body = () => `${uniqueName("lines")}\n${"- a\n".repeat(1_000)}`;

test("the live preview and posting refuse one line too many, beside the field, keeping the text", async ({ page }) => {
  await joinAs(page, uniqueName("limits"));
  await page.goto(THREAD);
  const editor = page.getByLabel("Your comment");
  const text = body();
  await editor.fill(text);
  await expect(page.getByRole("status").filter({ hasText: TOO_MANY_LINES })).toBeVisible();
  await expect(page.getByRole("region", { name: "Preview" })).toHaveCount(0);
  const posts = await page.locator("article.post").count();
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(editor).toHaveAccessibleDescription(new RegExp(TOO_MANY_LINES.replace(".", "\\.")));
  await expect(editor).toHaveValue(text);
  await expect(page.locator("article.post")).toHaveCount(posts);
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the Preview button refuses it beside the field, keeping the text", async ({ page }) => {
    await joinAs(page, uniqueName("limits_nojs"));
    await page.goto(THREAD);
    const text = body();
    await page.getByLabel("Your comment").fill(text);
    await page.getByRole("button", { name: "Preview" }).click();
    const editor = page.getByLabel("Your comment");
    await expect(editor).toHaveAccessibleDescription(new RegExp(TOO_MANY_LINES.replace(".", "\\.")));
    await expect(editor).toHaveValue(text);
  });
});
