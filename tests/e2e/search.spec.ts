import { expect, expectNoAxeViolations, joinAs, test, uniqueName } from "./fixtures";

const THREAD = "/threads/beyond-the-basics";

async function noSidewaysScroll(page: import("@playwright/test").Page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(width);
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("search from the header, open a result, land on the post", async ({ page }) => {
    const word = uniqueName("quokka").replace(/_/g, "");
    await joinAs(page, uniqueName("seeker"));
    await page.goto(THREAD);
    await page.getByLabel("Your comment").fill(`Met a ${word} at the conference <b>and</b> followed up.`);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("article.post").last()).toContainText(word);

    await page.goto("/guide");
    const box = page.getByRole("search").getByLabel("Search the forum");
    await box.fill(`${word} conference`);
    await box.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole("status")).toHaveText("About 1 result");
    const result = page.locator(".search-result");
    await expect(result.locator("mark")).toHaveText([word, "conference"]);
    await expect(result).toContainText("<b>and</b>"); // the post's markup is shown as text
    await noSidewaysScroll(page);
    await expectNoAxeViolations(page);

    await result.getByRole("link").click();
    await expect(page).toHaveURL(/\/threads\/beyond-the-basics\?page=\d+#post-\d+$/);
    const target = page.locator(`#${new URL(page.url()).hash.slice(1)}`);
    await expect(target).toContainText(word);
    await expect(target).toBeInViewport();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the header's search box is a plain form; filters and a malformed query answer", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("search").getByLabel("Search the forum").fill("kind:reply invasive");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("status")).toHaveText(/^About \d+ results?/);
    await expect(page.locator(".search-result").first()).toContainText("Received reply");
    await expect(page.getByLabel("Words to find")).toHaveValue("kind:reply invasive");

    await page.goto(`/search?q=${encodeURIComponent('"))) NOT AND * -- :"')}`);
    await expect(page.getByRole("heading", { name: "Search", level: 1 })).toBeVisible();
  });
});
