/**
 * Issue 15's "done means", in a browser against the built server, with a real SMTP server (smtp-server on a
 * loopback port, started here) receiving what the forum sends: verify an address from the e-mail, reset the
 * password through /forgot, sign in with the new one; then a reply arrives by e-mail "at once", and its
 * one-click unsubscribe works without signing in.
 */
import { e2eSmtpPort } from "../playwright.config";
import { startSmtp, type TestSmtp } from "../setup/smtp";
import { expect, expectNoAxeViolations, joinAs, PASSWORD, signIn, signOut, test, uniqueName } from "./fixtures";

const THREAD = "/threads/following-up";
let smtp: TestSmtp;

test.beforeAll(async () => {
  smtp = await startSmtp(e2eSmtpPort);
});
test.afterAll(async () => {
  await smtp.stop();
});

test("a member verifies an address, resets the password by e-mail, and gets a reply by e-mail with one-click unsubscribe", async ({
  page,
  browser,
  request,
}) => {
  const username = uniqueName("mailer");
  const address = `${username}@example.org`;
  await joinAs(page, username);

  // Add the address; it is used only once the link in the e-mail is opened.
  await page.goto("/settings");
  await page.getByRole("link", { name: "Your address and e-mail notifications" }).click();
  await page.getByLabel("E-mail address", { exact: true }).fill(address);
  await page.getByRole("button", { name: "Send the confirmation link" }).click();
  await expect(page.getByRole("status")).toContainText(`We sent a link to ${address}`);
  await expectNoAxeViolations(page);
  const verification = await smtp.waitFor((m) => m.to === address && m.parsed.subject!.startsWith("Confirm"));
  await page.goto(verification.link("/verify-email/"));
  await page.getByRole("button", { name: `Confirm ${address}` }).click();
  await expect(page.getByRole("heading", { name: "Address confirmed" })).toBeVisible();

  // Signed out, reset the password from the next e-mail.
  await page.goto("/");
  await signOut(page);
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Your username or e-mail address").fill(address);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("we sent it a link");
  await expectNoAxeViolations(page);
  const reset = await smtp.waitFor((m) => m.to === address && m.parsed.subject!.startsWith("Reset"));
  await page.goto(reset.link("/reset/"));
  await page.getByLabel("New password").fill("a completely new password");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  await signIn(page, username, "a completely new password");

  // The old password no longer works (checked in a fresh browser so this one stays signed in).
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/login");
  await strangerPage.getByLabel("Username").fill(username);
  await strangerPage.getByLabel("Password").fill(PASSWORD);
  await strangerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(strangerPage.getByText("That username and password do not match.")).toBeVisible();
  await stranger.close();

  // Replies and mentions: at once.
  await page.goto("/settings/email");
  await page
    .getByRole("group", { name: /Replies and mentions/ })
    .getByLabel("At once")
    .check();
  await page.getByRole("button", { name: "Save e-mail choices" }).click();
  await expect(page.getByRole("status")).toContainText("Your e-mail choices are saved");
  await expectNoAxeViolations(page);

  // A comment to reply to.
  const mine = `Does a second follow-up ever work? ${uniqueName("q")}`;
  await page.goto(THREAD);
  await page.getByLabel("Your comment").fill(mine);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator("article.post").filter({ hasText: mine })).toBeVisible();

  // Another member replies, naming a third person the anonymiser takes out.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const replier = uniqueName("replier");
  await joinAs(otherPage, replier);
  await otherPage.goto(THREAD);
  await otherPage.locator("article.post").filter({ hasText: mine }).getByRole("link", { name: "Reply" }).click();
  // Reply adds a quote in place once it arrives: what is typed after it replaces the whole text.
  await expect(otherPage.getByRole("heading", { name: /^Reply to #/ })).toBeVisible();
  const words = "It did for me: I wrote to Margaret Thornbury at margaret@acme.example a week later";
  await otherPage.getByLabel("Your comment").fill(`${words}.`);
  await otherPage.getByRole("button", { name: "Post comment" }).click();
  await expect(otherPage.getByText("It did for me")).toBeVisible();
  await other.close();

  const notice = await smtp.waitFor((m) => m.to === address && m.parsed.subject!.startsWith(replier), 30_000);
  expect(notice.parsed.subject).toContain("replied to your post");
  for (const part of [notice.parsed.text!, notice.parsed.html as string]) {
    expect(part).toContain("It did for me: I wrote to");
    expect(part).not.toContain("Thornbury");
    expect(part).not.toContain("margaret@acme.example");
  }
  expect(notice.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  const unsubscribe = notice.header("List-Unsubscribe")!.slice(1, -1);

  // One click, as a mail provider sends it: a POST with no cookie and no Origin.
  const answer = await request.post(unsubscribe, {
    form: { "List-Unsubscribe": "One-Click" },
    headers: { Cookie: "" },
  });
  expect(answer.status()).toBe(200);
  await page.goto("/settings/email");
  await expect(page.getByRole("group", { name: /Replies and mentions/ }).getByLabel("Off")).toBeChecked();
  // No sideways scroll on a 320 px screen.
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test("/forgot answers the same for an account and for nobody", async ({ page }) => {
  for (const entry of ["nobody_by_this_name", "nobody@example.org"]) {
    await page.goto("/forgot");
    await page.getByLabel("Your username or e-mail address").fill(entry);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page).toHaveURL(/\/forgot\?sent=1$/);
    await expect(page.getByRole("status")).toContainText("If there is an account");
  }
});
