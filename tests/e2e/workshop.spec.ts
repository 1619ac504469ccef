/**
 * The draft workshop at phone size: the article's own opener meets the invasive-question check
 * with its quote; a revision clears it; the revision is shared for votes through the usual
 * anonymised two-step form; the unshared draft leaves no trace in the database or its WAL.
 * (The server's output is searched too, by tests/integration/workshop.test.ts.)
 */
import fs from "node:fs";
import { e2eDatabasePath } from "../playwright.config";
import { expect, expectNoAxeViolations, joinAs, test, uniqueName } from "./fixtures";

const OPENER = "If you could change one thing about your life or your business, what would it be?";
const INVASIVE = "A personal question to someone who does not know you";

test.use({ viewport: { width: 360, height: 780 } });

function databaseHolds(marker: string): boolean {
  return [e2eDatabasePath, `${e2eDatabasePath}-wal`]
    .filter((file) => fs.existsSync(file))
    .some((file) => fs.readFileSync(file).toString("latin1").includes(marker));
}

async function noSidewaysScroll(page: import("@playwright/test").Page) {
  await page.setViewportSize({ width: 320, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 360, height: 780 });
}

test("a member checks the article's opener, revises it, and asks the community", async ({ page }) => {
  await joinAs(page, uniqueName("drafter"));
  await page.getByRole("link", { name: "Workshop" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Draft workshop" })).toBeVisible();

  // The unshared draft carries a marker found nowhere else.
  const marker = uniqueName("Quorvex");
  await page.getByRole("textbox", { name: "Your draft" }).fill(`${OPENER} ${marker}`);
  // With JavaScript, the feedback follows the typing.
  const lesson = page.locator('[data-rule="invasive-question"]');
  await expect(lesson.getByRole("heading", { name: INVASIVE })).toBeVisible();
  await expect(lesson.locator("blockquote")).toHaveText(OPENER);
  await expect(lesson.locator("mark").first()).toHaveText("change one thing");
  await expect(page.getByRole("heading", { name: "Plain facts" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "1", exact: true }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await noSidewaysScroll(page);

  // Revise: a reason for writing, a question about their public work.
  const revised = `I read your post on rainwater tanks and sized mine the way you described. How did you pick the pump? ${uniqueName("Rev")}`;
  await page.getByRole("textbox", { name: "Your draft" }).fill(revised);
  await expect(page.getByText("Your draft runs into none of the article’s lessons.")).toBeVisible();
  await expect(lesson).toHaveCount(0);

  await page.getByLabel("Thread to share it in").selectOption({ label: "Authentic or spam?" });
  await page.getByRole("button", { name: "Ask the community" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ask the community" })).toBeVisible();
  const preview = page.getByRole("region", { name: "What will be posted" });
  await expect(preview.locator("blockquote")).toContainText("I read your post on rainwater tanks");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Post this anonymised message" }).click();
  await expect(page).toHaveURL(/\/threads\/authentic-or-spam/);
  const card = page.locator("article.post--approach").last();
  await expect(card.locator("blockquote")).toContainText("sized mine the way you described");

  expect(databaseHolds("rainwater tanks and sized mine")).toBe(true); // the shared one was stored…
  expect(databaseHolds(marker)).toBe(false); // …the unshared draft never was
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a visitor gets the same feedback from a form post, with the draft kept in the field", async ({ page }) => {
    await page.goto("/workshop");
    const marker = uniqueName("Plinketh");
    await page
      .getByRole("textbox", { name: "Your draft" })
      .fill(`Just following up! I would love to hear back from you. ${marker}`);
    await page.getByRole("button", { name: "Get feedback" }).click();
    await expect(page).toHaveURL(/\/workshop$/); // never in the address
    await expect(page.getByRole("heading", { name: "Follow-up pressure" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Your draft" })).toHaveValue(new RegExp(marker));
    await expect(page.getByRole("link", { name: "Sign in" }).last()).toBeVisible();

    await page.getByRole("textbox", { name: "Your draft" }).fill("   ");
    await page.getByRole("button", { name: "Get feedback" }).click();
    await expect(page.getByText("Paste or write your draft first.")).toBeVisible();
    expect(databaseHolds(marker)).toBe(false);
  });
});
