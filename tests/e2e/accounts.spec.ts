import { expect, expectNoAxeViolations, joinAs, PASSWORD, signIn, signOut, test, uniqueName } from "./fixtures";

test("a newcomer joins, signs out, signs back in and sees the eight prompts", async ({ page }) => {
  const username = uniqueName("newcomer");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(8);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Join" }).click();
  await expectNoAxeViolations(page);
  await joinAs(page, username);

  await signOut(page);
  await expect(page.getByText(`Signed in as ${username}`)).toHaveCount(0);

  await signIn(page, username);
  await page.goto("/");
  const prompts = page
    .getByRole("list")
    .filter({ has: page.getByRole("heading", { level: 2 }) })
    .getByRole("listitem");
  await expect(prompts).toHaveCount(8);
  await expect(page.getByRole("link", { name: "Beyond the basics" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The opener: one thing you would change" })).toBeVisible();
});

test("a wrong password shows an error beside the field and keeps the username", async ({ page }) => {
  const username = uniqueName("forgetful");
  await joinAs(page, username);
  await signOut(page);

  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("That username and password do not match.")).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue(username);
  await expect(password).toHaveValue("");
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("joining and a taken username work as plain form posts", async ({ page }) => {
    const username = uniqueName("nojs");
    await joinAs(page, username);
    await signOut(page);
    await page.goto("/join");
    await page.getByLabel("Username").fill(username.toUpperCase());
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("That username is taken. Try another.")).toBeVisible();
    await expect(page.getByLabel("Username")).toHaveValue(username.toUpperCase());
  });
});

test("a thread page shows its prompt and quoted context; an unknown address is a 404 page", async ({ page }) => {
  await page.goto("/threads/following-up");
  await expect(page.getByRole("heading", { level: 1, name: "Following up without pressure" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Context from the article" }).locator("blockquote")).toContainText(
    "Just following up!",
  );
  await expect(page.getByRole("main")).toBeVisible();
  await expectNoAxeViolations(page);

  const response = await page.goto("/threads/no-such-thread");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const missing = await page.goto("/nowhere/at/all");
  expect(missing?.status()).toBe(404);
});

test("the guide is readable without an account", async ({ page }) => {
  await page.goto("/guide");
  await expect(page.getByRole("heading", { level: 1, name: "The guide" })).toBeVisible();
});
