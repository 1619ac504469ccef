import { xssPayloads } from "../fixtures/xss-payloads";
import { expect, expectNoAxeViolations, joinAs, signOut, test, uniqueName } from "./fixtures";

const THREAD = "/threads/beyond-the-basics";

test("a member posts, previews, edits, replies to and deletes comments", async ({ page }) => {
  await joinAs(page, uniqueName("writer"));
  await page.goto(THREAD);
  const editor = page.getByLabel("Your comment");
  const text = `What works for me:\n\n- ask about **their** work\n- [share a link](https://example.org/article)\n\n> Questions are the key ${uniqueName("q")}`;
  await editor.fill(text);
  // Live preview, rendered by the server as the member types.
  await expect(page.getByRole("region", { name: "Preview" }).getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Post comment" }).click();

  const post = page.locator("article.post").last();
  await expect(post.getByRole("listitem")).toHaveCount(2);
  await expect(post.getByRole("link", { name: "share a link" })).toHaveAttribute("rel", "nofollow ugc noopener");
  await expect(post.locator("blockquote")).toContainText("Questions are the key");
  await expect(post.locator("strong")).toHaveText("their");
  await expect(editor).toHaveValue(""); // the form is fresh after posting
  await expectNoAxeViolations(page);

  // Edit it and read the history.
  await post.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: "Edit your comment" })).toBeVisible();
  await page.getByLabel("Your comment").fill("What works for me: asking about *their* work first.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/threads\/beyond-the-basics\?page=1#post-/);
  const edited = page.locator("article.post").last();
  await expect(edited.locator("em")).toHaveText("their");
  await edited.getByRole("link", { name: "edited" }).click();
  await expect(page.getByRole("heading", { name: /^History of post #/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Original, replaced/ })).toBeVisible();
  await expect(page.locator(".history")).toContainText("share a link");
  await expectNoAxeViolations(page);

  // Reply to it.
  await page.goto(THREAD);
  const number = await page.locator("article.post").last().getAttribute("id");
  await page.locator("article.post").last().getByRole("link", { name: "Reply" }).click();
  await expect(page.getByRole("heading", { name: `Reply to #${number!.slice(5)}` })).toBeVisible();
  await page.getByLabel("Your comment").fill("Agreed — and listen more than you ask.");
  await page.getByRole("button", { name: "Post comment" }).click();
  const reply = page.locator("article.post").last();
  await expect(reply.getByText(`In reply to #${number!.slice(5)}`)).toBeVisible();
  await expect(page.locator(`#${number}`).getByText("1 reply")).toBeVisible();

  // Delete the reply: its place stays.
  page.once("dialog", (dialog) => dialog.accept());
  await reply.getByRole("button", { name: "Delete" }).click();
  await expect(page.locator("article.post").last().getByText("This post was deleted by its author.")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("preview and posting are plain form submissions that keep the text", async ({ page }) => {
    await joinAs(page, uniqueName("nojs"));
    await page.goto(THREAD);
    const body = `A *plain* form post ${uniqueName("marker")}`;
    await page.getByLabel("Your comment").fill(body);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: "Preview" }).locator("em")).toHaveText("plain");
    await expect(page.getByLabel("Your comment")).toHaveValue(body);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("article.post").last()).toContainText(body.replace("*plain*", "plain"));

    await page.getByLabel("Your comment").fill("");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText("Write something first.")).toBeVisible();
  });
});

test("a visitor is offered sign-in that returns to the thread", async ({ page }) => {
  await page.goto(THREAD);
  await expect(page.getByLabel("Your comment")).toHaveCount(0);
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fthreads%2Fbeyond-the-basics/);
});

test("attack payloads posted through the browser run no script", async ({ page }) => {
  const chosen = [
    "script tag",
    "img onerror",
    "svg onload",
    "javascript: link",
    "tab entity inside scheme",
    "image alt breakout",
    "math mglyph style",
    "autolink javascript",
    "nested link in link text",
  ];
  const payloads = xssPayloads.filter((p) => chosen.includes(p.name));
  expect(payloads.length).toBeGreaterThanOrEqual(6);
  await page.addInitScript(() => {
    (window as unknown as { __xss: number }).__xss = 0;
    window.alert = () => void ((window as unknown as { __xss: number }).__xss += 1);
  });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await joinAs(page, uniqueName("attacker"));
  await page.goto("/threads/authentic-or-spam");
  for (const payload of payloads) {
    await page.getByLabel("Your comment").fill(payload.markdown);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByLabel("Your comment")).toHaveValue("");
  }
  await page.reload();
  // Click every link the payloads produced and hover everything: nothing may execute.
  for (const link of await page.locator("article.post .post__body a").all()) {
    const href = await link.getAttribute("href");
    expect(href ?? "").toMatch(/^(https?:|mailto:|#|\/)/);
  }
  await page.locator("article.post").last().hover();
  expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
  expect(dialogs).toEqual([]);
  expect(
    await page
      .locator(
        "article.post script, article.post svg, article.post iframe, article.post img, article.post [onerror], article.post [onload]",
      )
      .count(),
  ).toBe(0);
  await signOut(page);
});

test("a page React has to render afresh (a hydration mismatch) keeps every post's words", async ({ page }) => {
  await joinAs(page, uniqueName("hydrate"));
  await page.goto(THREAD);
  const words = `Words that must survive hydration ${uniqueName("w")}`;
  await page.getByLabel("Your comment").fill(words);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator("article.post").last()).toContainText(words);

  // As a browser extension might, change the page before React hydrates it: React gives up on the
  // server's HTML and renders the page afresh from the hydration data, which leaves the words out.
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  await page.route(`**${THREAD}`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace("Skip to content", "Skip to the content") });
  });
  await page.goto(THREAD);
  await expect.poll(() => errors.join("\n")).toMatch(/Minified React error #(418|423|425)|hydrat/i);
  await expect(page.getByRole("link", { name: "Skip to content", exact: true })).toBeAttached();
  await expect(page.locator("article.post").last()).toContainText(words);
});
