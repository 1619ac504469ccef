/**
 * Issue 14's "done means", in Chromium against the built server: A posts an approach; B replies with @A and
 * votes; A sees 2 in the header, opens /notifications, follows the links, and the count drops to 0; a
 * moderator adds A's message to the guide; A withdraws it and it is gone from /guide and /guide.md; on /,
 * B sees the thread marked with new posts after A comments, and it opens at the first new post.
 */
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, joinAs, setRole, test, uniqueName } from "./fixtures";

const THREAD = "/threads/following-up";

/** The thread page that holds post-N: other specs post here too, so a new post can be past the first 50. */
function pageWith(anchor: string): string {
  return `${THREAD}?page=${Math.max(1, Math.ceil(Number(anchor.replace(/^post-/, "")) / 50))}`;
}

function unreadBadge(page: Page) {
  return page.getByRole("banner").getByTestId("unread-count");
}

test("notifications, consent to the guide, and unread markers", async ({ page: a, browser }) => {
  // Each member in a browser context of their own (their own cookies); axe needs pages made this way.
  const b = await (await browser.newContext()).newPage();
  const moderator = await (await browser.newContext()).newPage();
  const aName = uniqueName("a");
  await joinAs(a, aName);
  const text = `When you look back on this year, what surprised you most? ${uniqueName("n")}`;
  await a.goto(`${THREAD}/share?kind=approach`);
  await a.getByLabel("The message you sent").fill(text);
  await a.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await a.getByRole("button", { name: "Post this anonymised message" }).click();
  const card = a.locator("article.post--approach", { hasText: text.slice(-10) });
  await expect(card).toBeVisible();
  const postId = (await card.getAttribute("id"))!;

  await joinAs(b, uniqueName("b"));
  await b.goto(pageWith(postId));
  const bCard = b.locator(`#${postId}`);
  await bCard.getByRole("link", { name: "Reply" }).click();
  await expect(b.getByRole("heading", { name: /^Reply to #/ })).toBeVisible(); // the quote is in
  await b.getByLabel("Your comment").fill(`@${aName} this is a kind question.`);
  await b.getByRole("button", { name: "Post comment" }).click();
  await expect(b.getByRole("link", { name: `@${aName}` })).toBeVisible();
  // The button shows as pressed at once (optimistic); the notification exists once the server has answered.
  const voted = b.waitForResponse((r) => r.request().method() === "POST" && /\/vote(\.data)?\b/.test(r.url()));
  await b
    .locator(`#${postId}`)
    .getByRole("button", { name: /^Feels authentic/ })
    .click();
  expect((await voted).ok()).toBe(true);
  await expect(b.locator(`#${postId}`).getByRole("button", { name: "Feels authentic", pressed: true })).toBeVisible();

  await a.goto("/");
  await expect(unreadBadge(a)).toHaveText("2");
  await expect(a.getByRole("link", { name: /Notifications \(2 unread\)/ })).toBeVisible();
  await a.getByRole("link", { name: /Notifications/ }).click();
  await expect(a.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expectNoAxeViolations(a);
  await a.getByRole("link", { name: /replied to your post/ }).click();
  await expect(a).toHaveURL(/\/threads\/following-up\?page=\d+#post-\d+/);
  await expect(unreadBadge(a)).toHaveText("1");
  await a.goto("/notifications");
  await a.getByRole("link", { name: /first vote/ }).click();
  await expect(a).toHaveURL(/\/threads\/following-up/);
  await expect(unreadBadge(a)).toHaveCount(0);

  const modName = uniqueName("mod");
  await joinAs(moderator, modName);
  setRole(modName, "moderator");
  const sectionTitle = `Questions ${uniqueName("s")}`;
  await moderator.goto("/mod/guide");
  const newSection = moderator.getByRole("region", { name: "New guide section" });
  await newSection.getByLabel("Title").fill(sectionTitle);
  await newSection.getByRole("button", { name: "Create section" }).click();
  await expect(moderator.getByRole("heading", { level: 2, name: new RegExp(sectionTitle) })).toBeVisible();
  await moderator.goto(pageWith(postId));
  const modCard = moderator.locator(`#${postId}`);
  await modCard.getByText("Add to guide", { exact: true }).first().click();
  await modCard.getByLabel("Guide section").selectOption({ label: sectionTitle });
  await modCard.getByLabel("Why it works — or why to avoid it").fill("It asks about them, not you.");
  await modCard.getByRole("button", { name: "Add to guide" }).click();
  await expect(modCard.getByText("Added to the guide.")).toBeVisible();
  await moderator.goto("/guide");
  await expect(moderator.getByText(text)).toBeVisible();
  await expect(moderator.getByText("Its author did not object.").first()).toBeVisible();

  await a.goto("/notifications");
  await expect(a.getByText("It asks about them, not you.")).toBeVisible();
  await a.getByRole("button", { name: "Withdraw it from the guide" }).click();
  await expect(a.getByRole("button", { name: "Withdraw it from the guide" })).toHaveCount(0);
  await moderator.goto("/guide");
  await expect(moderator.getByText(text)).toHaveCount(0);
  const markdown = await (await moderator.request.get("/guide.md")).text();
  expect(markdown).not.toContain(text.slice(-10));
  await moderator.goto("/mod/guide");
  await expect(moderator.getByText("Withdrawn by its author: not shown to readers.")).toBeVisible();

  await b.goto("/");
  const threadCard = b.locator(".thread-card", { has: b.locator(`a[href^="${THREAD}"]`) });
  await expect(threadCard).not.toContainText("new post");
  await a.goto(THREAD);
  await a.getByLabel("Your comment").fill("Thank you both: a new thought for the thread.");
  await a.getByRole("button", { name: "Post comment" }).click();
  await expect(a.getByText("Thank you both: a new thought for the thread.")).toBeVisible();
  await b.goto("/");
  await expect(threadCard).toContainText("1 new post");
  await expect(threadCard).toHaveClass(/thread-card--unread/);
  await expectNoAxeViolations(b);
  await threadCard.getByRole("link").first().click();
  await expect(b).toHaveURL(/\/threads\/following-up\?page=\d+#post-\d+/);
  const newSince = b.getByText("New since your last visit");
  await expect(newSince).toBeVisible();
  await expect(b.locator("li", { has: newSince })).toContainText("Thank you both");
});
