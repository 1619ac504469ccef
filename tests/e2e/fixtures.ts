/** Shared steps for end-to-end specs: unique members, signing in through the real forms, axe checks. */
import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import SQLite from "better-sqlite3";
import { e2eDatabasePath } from "../playwright.config";

export const PASSWORD = "a long enough password";

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function joinAs(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto("/join");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();
}

export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Gives a member a role the way an operator would: the command line, against the test server's database. */
export function setRole(username: string, role: "member" | "moderator" | "admin"): void {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/user-role.ts", username, role], {
    env: { ...process.env, DATABASE_PATH: e2eDatabasePath },
    stdio: "pipe",
  });
}

/**
 * Makes an account look older, as if it had joined `days` ago: a "not properly anonymised" flag
 * withholds a message at once only from accounts older than a day. Written straight into the test
 * server's database, as an operator could; the server reads the age on each flag.
 */
export function ageAccount(username: string, days = 2): void {
  const db = new SQLite(e2eDatabasePath);
  try {
    db.prepare("update user set created_at = created_at - ? where username_key = ?").run(
      days * 24 * 60 * 60 * 1000,
      username.toLowerCase(),
    );
  } finally {
    db.close();
  }
}

export const test = base;
export { expect };
