/**
 * Decision 0019: a visitor's reading pages load none of the app's JavaScript; an inline script shows their
 * times as "3 h ago", as the app does on a member's pages. Voting still goes through signing in, and a
 * member's pages still run the app (a vote in place, without a page load).
 */
import type { Page } from "@playwright/test";
import { LOCAL_TIME_OPTIONS, relativeTime } from "../../app/utils/relative-time";
import { expect, joinAs, PASSWORD, signOut, test, uniqueName } from "./fixtures";

const THREAD = "/threads/did-i-handle-it-well";

/** Every JavaScript file the page asks for from now on. */
function scriptRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script" || new URL(request.url()).pathname.endsWith(".js"))
      urls.push(request.url());
  });
  return urls;
}

/**
 * The page's clock runs 3½ hours ahead, so every time on it reads "… ago"; each marked <time> then shows
 * what relativeTime says, the exact local time as its title, and that again as hidden text.
 */
async function expectRelativeTimes(page: Page, path: string) {
  const now = Date.now() + 3.5 * 3_600_000;
  await page.clock.setFixedTime(now);
  await page.goto(path);
  const times = page.locator("time[data-relative]");
  await expect(times.first()).toHaveText(/ ago \(/);
  expect(await times.count()).toBeGreaterThan(0);
  for (const time of await times.all()) {
    const at = Date.parse((await time.getAttribute("datetime"))!);
    const exact = await page.evaluate(([at, options]) => new Intl.DateTimeFormat(undefined, options).format(at), [
      at,
      LOCAL_TIME_OPTIONS,
    ] as const);
    expect(relativeTime(at, now)).toMatch(/^\d+ (h|d|w|mo|y) ago$/);
    await expect(time).toHaveAttribute("title", exact);
    await expect(time).toHaveText(`${relativeTime(at, now)} (${exact})`);
    await expect(time.locator(".visually-hidden")).toHaveText(` (${exact})`);
  }
}

test("a visitor's thread page, / and /guide load no JavaScript file", async ({ page }) => {
  const scripts = scriptRequests(page);
  for (const path of [THREAD, "/", "/guide"]) {
    await page.goto(path);
    await page.waitForLoadState("load");
    await expect(page.locator("main h1")).toBeVisible();
  }
  expect(scripts).toEqual([]);
  // The same pages again, from the page cache, where the inline scripts run by their hashes.
  await page.goto(THREAD);
  await expect(page.locator("time[data-relative]").first()).toHaveText(/ago|just now/);
  expect(scripts).toEqual([]);
});

test("times read '3 h ago' with the exact local time, for a visitor without the app", async ({ page }) => {
  const scripts = scriptRequests(page);
  await expectRelativeTimes(page, THREAD);
  await expectRelativeTimes(page, "/");
  expect(scripts).toEqual([]);
});

test("times read the same for a member, from the app", async ({ page }) => {
  await joinAs(page, uniqueName("clock"));
  const scripts = scriptRequests(page);
  await expectRelativeTimes(page, THREAD);
  expect(scripts.length).toBeGreaterThan(0);
});

test("a visitor's vote goes through signing in and is cast on the same message", async ({ page, browser }) => {
  const voter = uniqueName("readvoter");
  const other = await browser.newPage();
  await joinAs(other, voter);
  await signOut(other);
  await other.close();

  const scripts = scriptRequests(page);
  await page.goto(THREAD);
  const card = page.locator("article.post--received_reply, article.post--approach").first();
  const id = (await card.getAttribute("id"))!;
  await expect(card.getByText("Vote to see how others rated it.")).toBeVisible();
  await card.getByRole("button", { name: "Feels authentic" }).click();
  await expect(page.getByText("Sign in to record your vote")).toBeVisible();
  // The sign-in page runs the app: it empties the password and moves focus after a refusal.
  expect(scripts.length).toBeGreaterThan(0);
  await page.getByLabel("Username").fill(voter);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${THREAD}#${id}$`));
  await expect(page.locator(`#${id}`).getByRole("button", { name: "Feels authentic" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.locator(`#${id}`).getByText(/\d+% feel authentic/)).toBeVisible();
});

test("a member's thread page runs the app: a vote is saved in place, with no page load", async ({ page }) => {
  await joinAs(page, uniqueName("inplace"));
  await page.goto(THREAD);
  const card = page.locator("article.post--received_reply, article.post--approach").first();
  const authentic = card.getByRole("button", { name: "Feels authentic" });
  // The app adds this field once it has hydrated: the vote then goes through the fetcher.
  await expect(card.locator('input[name="mode"][value="fetch"]')).toHaveCount(1);
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await authentic.click();
  await expect(authentic).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByText(/\d+% feel authentic/)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await authentic.click();
  await expect(card.getByText("Vote to see how others rated it.")).toBeVisible();
});
