import {
  ageAccount,
  expect,
  expectNoAxeViolations,
  joinAs,
  setRole,
  signIn,
  signOut,
  test,
  uniqueName,
} from "./fixtures";

const THREAD = "/threads/why-did-you-accept";

test("a flagged message disappears for visitors; a moderator fixes its anonymisation and restores it; all of it is logged", async ({
  page,
  browser,
}) => {
  // Four people, two axe runs and a dozen pages: more than a minute when the machine is shared.
  test.slow();
  // A member shares a reply that still names someone the anonymiser cannot know is a name.
  const author = uniqueName("author");
  await joinAs(page, author);
  await page.goto(`${THREAD}/share?kind=received_reply`);
  const nickname = `Zorbley${Date.now().toString(36)}`;
  await page.getByLabel("The reply you received").fill(`I accepted because ${nickname.toLowerCase()} vouched for you.`);
  await page.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await page.getByRole("button", { name: "Post this anonymised message" }).click();
  const id = (await page.locator("article.post--received_reply").last().getAttribute("id"))!;
  await signOut(page);

  // Another member flags it: visitors no longer see it.
  const flagger = await browser.newPage();
  const flaggerName = uniqueName("flagger");
  await joinAs(flagger, flaggerName);
  ageAccount(flaggerName);
  await flagger.goto(THREAD);
  await flagger
    .locator(`#${id}`)
    .getByRole("link", { name: /^Flag post/ })
    .click();
  await flagger.getByLabel(/Not properly anonymised/).check();
  await flagger.getByLabel("Which words identify someone?").fill(nickname.toLowerCase());
  await flagger.getByRole("button", { name: "Send flag" }).click();
  await expect(flagger.getByText("the message is withheld from readers")).toBeVisible();
  await flagger.goto(THREAD);
  await expect(flagger.locator(`#${id}`).getByText("waiting for a moderator")).toBeVisible();
  await flagger.close();
  await page.goto(THREAD);
  await expect(page.locator(`#${id}`).getByText(nickname.toLowerCase())).toHaveCount(0);

  // A moderator finds it first in the queue, fixes it and restores it.
  const moderator = uniqueName("moderator");
  await joinAs(page, moderator);
  setRole(moderator, "moderator");
  await page.goto("/mod");
  await expect(page.getByRole("heading", { level: 1, name: "Flag queue" })).toBeVisible();
  await expectNoAxeViolations(page);
  const item = page.locator(".queue__item").filter({ hasText: author });
  await expect(item.getByText(/Not properly anonymised/)).toBeVisible();
  await item.getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Review reply received/ })).toBeVisible();
  await page.getByLabel("More words to remove (optional)").fill(nickname.toLowerCase());
  // With JavaScript the preview follows the typing (this once crashed the review page).
  await expect(page.getByRole("region", { name: "What will be posted" }).locator("blockquote")).toContainText(
    "I accepted because [detail] vouched for you.",
  );
  await page.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await expect(page.getByRole("region", { name: "What will be posted" }).locator("blockquote")).toContainText(
    "I accepted because [detail] vouched for you.",
  );
  await page.getByRole("button", { name: "Save this anonymised version" }).click();
  // The saved version is shown once the save's round trip is over; only then decide.
  await expect(page.getByRole("article", { name: "The post under review" })).toContainText(
    "I accepted because [detail] vouched for you.",
  );
  await expect(page.getByRole("status")).toContainText("The anonymisation is fixed");
  await page.getByLabel("Reason", { exact: true }).fill("Anonymised now");
  await page.getByRole("button", { name: "Restore post" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Flag queue" })).toBeVisible();
  await expect(page.locator(".queue__item").filter({ hasText: author })).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText("The post is restored");
  await signOut(page);

  // Visitors see it again, anonymised.
  await page.goto(THREAD);
  await expect(page.locator(`#${id} blockquote`)).toContainText("I accepted because [detail] vouched for you.");
  await expect(page.getByText(nickname.toLowerCase())).toHaveCount(0);

  // The public log shows both actions, without the removed words.
  await page.goto("/moderation-log");
  await expect(page.getByText(new RegExp(`${moderator} · Restored post #`))).toBeVisible();
  await expect(page.getByText(new RegExp(`${moderator} · Fixed the anonymisation of post #`))).toBeVisible();
  await expect(page.getByText(nickname.toLowerCase())).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an admin makes a member a moderator and revokes it; a moderator locks a thread", async ({ page, browser }) => {
  const admin = uniqueName("admin");
  await joinAs(page, admin);
  setRole(admin, "admin");
  const member = uniqueName("helper");
  const memberPage = await browser.newPage();
  await joinAs(memberPage, member);
  await memberPage.goto("/mod");
  await expect(memberPage.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  await page.goto(`/mod/members?q=${member}`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: `Make ${member} a moderator` }).click();
  await expect(page.getByRole("button", { name: `Revoke ${member}'s moderator role` })).toBeVisible();

  // The new moderator locks a thread.
  await memberPage.goto("/mod/threads/accepted-then-silence");
  await memberPage.getByLabel("Reason (shown in the public log)").fill("Testing the lock");
  await memberPage.getByRole("button", { name: "Lock thread" }).click();
  await expect(memberPage.getByText("This thread is locked: it takes no new posts.")).toBeVisible();
  await memberPage.goto("/mod/threads/accepted-then-silence");
  await memberPage.getByLabel("Reason (shown in the public log)").fill("Done testing");
  await memberPage.getByRole("button", { name: "Unlock thread" }).click();
  await expect(memberPage.getByText("This thread is locked: it takes no new posts.")).toHaveCount(0);

  await page.getByRole("button", { name: `Revoke ${member}'s moderator role` }).click();
  await expect(page.getByRole("button", { name: `Make ${member} a moderator` })).toBeVisible();
  await memberPage.goto("/mod");
  await expect(memberPage.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await memberPage.close();

  await page.goto("/moderation-log");
  await expect(page.getByText(`${admin} · Made ${member} a moderator`)).toBeVisible();
  await expect(page.getByText(`${admin} · Revoked ${member}'s moderator role`)).toBeVisible();
  await expect(page.getByText(`${member} · Locked “Accepted, then silence”`)).toBeVisible();
  await signOut(page);
  await signIn(page, member);
});
