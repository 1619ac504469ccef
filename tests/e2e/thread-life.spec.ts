/**
 * Issue 17 at phone size: the home page shows each thread's life, and Reply quotes the post with a link
 * back and lands on the composer, with JavaScript (in place, a selection quoted instead) and without
 * (the server fills the composer). A thread of its own, so other specs' posts do not change what is seen.
 */
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, joinAs, setRole, test, uniqueName } from "./fixtures";

const PHONE = { width: 390, height: 844 };
let thread: string;
let author: string;

async function postComment(page: Page, body: string) {
  await page.goto(thread);
  await page.getByLabel("Your comment").fill(body);
  await page.getByRole("button", { name: "Post comment" }).click();
  await page.waitForURL(/#post-\d+$/);
}

async function shareApproach(page: Page, text: string) {
  await page.goto(`${thread}/share?kind=approach`);
  await page.getByLabel("The message you sent").fill(text);
  await page.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await page.getByRole("button", { name: "Post this anonymised message" }).click();
  await page.waitForURL(/#post-\d+$/);
}

const textarea = (page: Page) => page.getByLabel("Your comment");
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  author = uniqueName("life_author");
  await joinAs(page, author);
  setRole(author, "moderator");
  await page.goto("/mod/threads/new");
  await page.getByLabel("Title").fill(`Signs of life ${uniqueName("t")}`);
  await page.getByLabel("Prompt question").fill("What makes a thread feel alive?");
  await page.getByRole("button", { name: "Open the thread" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/threads/"));
  thread = new URL(page.url()).pathname;
  await shareApproach(page, "Loved your talk on onboarding. What would you change about it now?");
  await postComment(
    page,
    "Ask about **their** work first.\nThen listen.\n\nThis second paragraph is not quoted by a plain Reply.",
  );
  await context.close();
});

test.describe("at phone size", () => {
  test.use({ viewport: PHONE });

  test("the home page shows each thread's example count, best opening words and last poster", async ({ page }) => {
    const card = page.locator(".thread-card", { has: page.locator(`a[href="${thread}"]`) });
    await page.goto("/");
    await expect(card).toContainText("2 posts · 1 example message");
    await expect(card.getByRole("link", { name: author })).toBeVisible(); // last post by, with the avatar
    await expect(card.locator(".avatar")).toBeVisible();
    await expect(card).toContainText("Newest example:");
    await card.getByRole("link", { name: /Loved your talk on onboarding/ }).click();
    await expect(page).toHaveURL(new RegExp(`${thread}\\?page=1#post-1$`));

    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto("/");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
    await expectNoAxeViolations(page);
  });

  test("with JavaScript, Reply quotes in place (a comment's selection if there is one; an example by its link) and focus lands after the quote", async ({
    page,
  }) => {
    await joinAs(page, uniqueName("life_js"));
    await page.goto(thread);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.locator("#post-2").getByRole("link", { name: "Reply" }).click();
    await expect(page.getByRole("heading", { name: "Reply to #2" })).toBeVisible();
    const firstQuote = `> Ask about **their** work first.\n> Then listen.\n\n[#2](${thread}?page=1#post-2)\n\n`;
    await expect(textarea(page)).toHaveValue(firstQuote);
    expect(await focusedId(page)).toBe("comment-body");
    expect(await textarea(page).evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(firstQuote.length);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true); // no page load

    // Select words inside the comment: Reply quotes them instead, added after what is there.
    const select = (selector: string, from: number, to: number) =>
      page.evaluate(
        ({ selector, from, to }) => {
          const words = document.querySelector(selector)!.firstChild!;
          const range = document.createRange();
          range.setStart(words, from);
          range.setEnd(words, to);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
        },
        { selector, from, to },
      );
    await select("#post-2-words p", 0, 9);
    await page.locator("#post-2").getByRole("link", { name: "Reply" }).click();
    const twice = `${firstQuote}> Ask about\n\n[#2](${thread}?page=1#post-2)\n\n`;
    await expect(textarea(page)).toHaveValue(twice);
    // An example message's words are other people's: Reply copies none of them, selected or not; the reply
    // links to it ("In reply to #1").
    await select("#post-1-words p", 5, 30);
    await page.locator("#post-1").getByRole("link", { name: "Reply" }).click();
    await expect(page.getByRole("heading", { name: "Reply to #1" })).toBeVisible();
    const both = twice;
    await expect(textarea(page)).toHaveValue(both);
    expect(await textarea(page).evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(both.length);

    await page.keyboard.type("Both good points.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL(/\?page=1#post-\d+$/);
    const reply = page.locator(new URL(page.url()).hash);
    await expect(reply).toBeInViewport();
    await expect(reply.getByText("In reply to #1")).toBeVisible();
    await expect(reply.locator("blockquote").first()).toContainText("Ask about their work first.");
    await expect(reply.locator("blockquote").nth(1)).toHaveText("Ask about");
    // Two quotes of #2, each linking back; #1 is linked once, by "In reply to #1".
    const links = reply.locator(".post__body").getByRole("link", { name: /^#\d$/ });
    await expect(links).toHaveCount(2);
    for (const [i, n] of [2, 2].entries())
      await expect(links.nth(i)).toHaveAttribute("href", `${thread}?page=1#post-${n}`);
    await expect(reply).toContainText("Both good points.");
    await expect(reply).not.toContainText("This second paragraph");
    await expect(reply).not.toContainText("your talk on onboarding");
  });
});

test.describe("without JavaScript, at phone size", () => {
  test.use({ viewport: PHONE, javaScriptEnabled: false });

  test("Reply opens the composer filled with the quote, focused, and posting lands on the new post", async ({
    page,
  }) => {
    await joinAs(page, uniqueName("life_nojs"));
    await page.goto(thread);
    await page.locator("#post-2").getByRole("link", { name: "Reply" }).click();
    await expect(page).toHaveURL(new RegExp(`${thread}\\?reply=2#comment-body$`));
    await expect(page.getByRole("heading", { name: "Reply to #2" })).toBeVisible();
    const quote = `> Ask about **their** work first.\n> Then listen.\n\n[#2](${thread}?page=1#post-2)\n\n`;
    await expect(textarea(page)).toHaveValue(quote);
    expect(await focusedId(page)).toBe("comment-body");
    await textarea(page).press("Control+End");
    await textarea(page).pressSequentially("Agreed.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page).toHaveURL(/\?page=1#post-\d+$/);
    const number = new URL(page.url()).hash.slice(1);
    const reply = page.locator(`#${number}`);
    await expect(reply).toBeInViewport();
    await expect(reply.getByText("In reply to #2")).toBeVisible();
    await expect(reply.locator("blockquote")).toContainText("Ask about their work first.");
    await expect(reply.locator("blockquote")).not.toContainText("Agreed.");
    await expect(reply).toContainText("Agreed.");
  });
});
