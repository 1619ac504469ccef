import { expect, expectNoAxeViolations, joinAs, PASSWORD, signIn, test, uniqueName } from "./fixtures";

test("a member changes their password, downloads their data and deletes their account", async ({ page, browser }) => {
  const username = uniqueName("leaver");
  await joinAs(page, username);
  await page.goto("/threads/meeting-in-person");
  await page.getByLabel("Your comment").fill(`Words I keep writing ${username}`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator("article.post").last()).toContainText(`Words I keep writing ${username}`);

  // Another browser signed in as the same member is signed out by the password change.
  const elsewhere = await browser.newPage();
  await signIn(elsewhere, username);

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill("a second long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("a second long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed.")).toBeVisible();
  await elsewhere.reload();
  await expect(elsewhere.getByRole("link", { name: "Sign in" })).toBeVisible();
  await elsewhere.close();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`beyond-hello-${username}.json`);
  const exported = JSON.parse(await (await import("node:fs/promises")).readFile(await file.path(), "utf8"));
  expect(exported.posts.map((p: { text: string }) => p.text)).toContain(`Words I keep writing ${username}`);

  await page.getByLabel("Type your username to confirm").fill(username);
  await page.getByLabel("Your password", { exact: true }).fill("a second long password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Your account has been deleted");
  await page.goto("/threads/meeting-in-person");
  const post = page.locator("article.post").filter({ hasText: `Words I keep writing ${username}` });
  await expect(post.getByText("former member")).toBeVisible();
  await expect(page.getByRole("link", { name: username })).toHaveCount(0);
});
