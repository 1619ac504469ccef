/**
 * The finished interface (decision 0016): every page a visitor, member or moderator reaches, at phone and
 * desktop widths, in light and dark themes, scrolls only downwards and passes axe (colour contrast
 * included); and its HTML, as the server sends it, passes the W3C Nu HTML Checker (vnu.jar, on the
 * machine's Java: scripts/test.js installs Debian's default-jre-headless when it is missing).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { APIResponse, Browser, Page } from "@playwright/test";
import { xssPayloads } from "../fixtures/xss-payloads";
import { expect, joinAs, setRole, test, uniqueName } from "./fixtures";

const THREAD = "/threads/the-opener";
const WIDTHS = [320, 390, 1280];
const THEMES = ["light", "dark"] as const;

// Dozens of pages, each loaded six times and checked by axe four: minutes on a shared two-core machine.
test.setTimeout(900_000);

/**
 * A page to check: an address, or a page reached by a form (the workshop's feedback exists only as the
 * answer to a POST), with the form's fields so that its HTML can be fetched for the Nu HTML Checker too.
 */
type Visit = string | { address: string; label: string; fill: Record<string, string>; submit: string };
interface Pages {
  visitor: Visit[];
  member: Visit[];
  moderator: Visit[];
}

const WORKSHOP: Visit = {
  address: "/workshop",
  label: "/workshop with feedback",
  fill: { "Your draft": "Hi, I saw your talk on onboarding and loved the part on pairing. Could we talk next week?" },
  submit: "Get feedback",
};

async function open(tab: Page, visit: Visit): Promise<void> {
  if (typeof visit === "string") {
    await tab.goto(visit);
    return;
  }
  await tab.goto(visit.address);
  for (const [label, value] of Object.entries(visit.fill)) await tab.getByLabel(label).fill(value);
  await tab.getByRole("button", { name: visit.submit }).click();
  await expect(tab.getByRole("heading", { level: 2, name: "Feedback" })).toBeVisible();
}

/** The page's HTML as the server sends it: a GET, or the form's POST with the same fields. */
async function fetchHtml(tab: Page, visit: Visit): Promise<APIResponse> {
  if (typeof visit === "string") return tab.request.get(visit);
  await tab.goto(visit.address);
  const form: Record<string, string> = { intent: "check", kind: "approach" };
  form.text = Object.values(visit.fill)[0];
  return tab.request.post(visit.address, { form, headers: { Origin: new URL(tab.url()).origin } });
}

const labelOf = (visit: Visit) => (typeof visit === "string" ? visit : visit.label);
let pages: Pages;
let member: Page;
let moderator: Page;

async function postComment(page: Page, body: string): Promise<string> {
  await page.goto(THREAD);
  await page.getByLabel("Your comment").fill(body);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator("article.post").last()).toBeVisible();
  await page.waitForURL(/#post-\d+$/);
  return page.url().split("#")[1];
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  // Pages of their own contexts: axe refuses pages made with browser.newPage().
  member = await (await browser.newContext()).newPage();
  const name = uniqueName("looks_member");
  await joinAs(member, name);
  // The fixtures that broke the phone layout: a long code line, a long word, hostile Markdown.
  const code = await postComment(
    member,
    "A long line:\n\n```\nconst greeting = connectWithPeopleBeyondTheBasicHello(firstMessage, followUp);\n```\n\n" +
      `Averyveryverylongwordwithoutanyspacesthatwouldneverwrapbyitselfonaphonescreen${"x".repeat(40)}`,
  );
  await postComment(
    member,
    xssPayloads
      .slice(0, 12)
      .map((p) => p.markdown)
      .join("\n\n"),
  );
  await member.goto(`${THREAD}#${code}`);
  await member.locator(`#${code}`).getByRole("link", { name: "Edit" }).click();
  await member
    .getByLabel("Your comment")
    .fill("A long line, shortened:\n\n```\nconst hello = connect(firstMessage);\n```");
  await member.getByRole("button", { name: "Save changes" }).click();
  await member.locator(`#${code}`).getByRole("link", { name: "edited" }).click();
  const history = new URL(member.url()).pathname;
  await member.goto(`${THREAD}/share?kind=approach`);
  await member.getByLabel("The message you sent").fill("Loved your talk on onboarding. What would you change now?");
  await member.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await member.getByRole("button", { name: "Post this anonymised message" }).click();
  const approach = (await member.locator("article.post--approach").last().getAttribute("id"))!;
  const postId = await member.locator(`#${approach}`).getByRole("link", { name: "Edit" }).getAttribute("href");

  // A received reply too, so the guide shows both marks.
  await member.goto(`${THREAD}/share?kind=received_reply`);
  await member.getByLabel("The reply you received").fill("Thanks for reaching out. Happy to talk on Tuesday.");
  await member.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await member.getByRole("button", { name: "Post this anonymised message" }).click();
  const reply = (await member.locator("article.post--received_reply").last().getAttribute("id"))!;

  moderator = await (await browser.newContext()).newPage();
  const mod = uniqueName("looks_mod");
  await joinAs(moderator, mod);
  setRole(mod, "admin");
  const id = postId!.split("/")[2];
  // The guide with both marks: a section, the member's approach as one to avoid, their reply as one to follow.
  // Adding them notifies the member, so /notifications has something to show.
  const sectionTitle = `Looks ${uniqueName("s")}`;
  await moderator.goto("/mod/guide");
  const newSection = moderator.getByRole("region", { name: "New guide section" });
  await newSection.getByLabel("Title").fill(sectionTitle);
  await newSection.getByRole("button", { name: "Create section" }).click();
  await expect(moderator.getByRole("region", { name: new RegExp(sectionTitle) })).toBeVisible();
  for (const [anchor, mark] of [
    [approach, "Avoid"],
    [reply, "Do"],
  ] as const) {
    await moderator.goto(`${THREAD}#${anchor}`);
    const card = moderator.locator(`#${anchor}`);
    await card.getByText("Add to guide", { exact: true }).first().click();
    await card.getByLabel("Guide section").selectOption({ label: sectionTitle });
    await card.getByRole("radio", { name: new RegExp(`^${mark} — `) }).check();
    await card.getByLabel("Why it works — or why to avoid it").fill(`Marked ${mark} for the looks check.`);
    await card.getByRole("button", { name: "Add to guide" }).click();
    await expect(card.getByText("Added to the guide.")).toBeVisible();
  }
  // The pages below show what they are meant to: notifications for the member, results for the search.
  await member.goto("/notifications");
  await expect(member.locator(".notification").first()).toBeVisible();
  await member.goto("/search?q=onboarding");
  await expect(member.locator(".search-result").first()).toBeVisible();
  pages = {
    visitor: [
      "/",
      THREAD,
      `${THREAD}?sort=top`,
      `${THREAD}?view=pairs`,
      "/guide",
      "/guide/history",
      "/about",
      "/login",
      "/join",
      "/forgot",
      "/moderation-log",
      `/u/${name}`,
      history,
      "/search?q=onboarding",
      "/insights",
      WORKSHOP,
      "/no-such-page",
    ],
    // A Reply without JavaScript: the composer filled with the quote (issue 17); the member's list with its life.
    member: [
      THREAD,
      `${THREAD}?reply=1`,
      "/",
      `${THREAD}/share?kind=received_reply`,
      "/settings",
      "/settings/notifications",
      "/settings/email",
      "/notifications",
      `/posts/${id}/guide`,
      `/posts/${id}/edit-message`,
      `/posts/${id}/outcome`,
      `/u/${name}`,
      "/search?q=onboarding",
      WORKSHOP,
    ],
    moderator: [
      "/mod",
      `/mod/posts/${id}`,
      `/posts/${id}/flag`,
      "/mod/guide",
      "/mod/members",
      "/mod/threads/new",
      "/mod/threads/the-opener",
      THREAD,
    ],
  };
});

test.afterAll(async () => {
  await member?.context().close();
  await moderator?.context().close();
});

/** How far the page scrolls sideways, and the widest elements that make it (for the failure message). */
async function sidewaysScroll(page: Page): Promise<string> {
  return page.evaluate(() => {
    const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (over <= 0) return "none";
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return `${over} px (${wide.join(", ")})`;
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

for (const who of ["visitor", "member", "moderator"] as const) {
  test(`no sideways scroll and no axe violation for a ${who}, at 320/390/1280 px, light and dark`, async ({ page }) => {
    const tab = who === "visitor" ? page : who === "member" ? member : moderator;
    for (const theme of THEMES) {
      await tab.emulateMedia({ colorScheme: theme });
      for (const width of WIDTHS) {
        await tab.setViewportSize({ width, height: 800 });
        for (const visit of pages[who]) {
          await open(tab, visit);
          const where = `${labelOf(visit)} at ${width} px, ${theme}`;
          expect.soft(await sidewaysScroll(tab), where).toBe("none");
          // axe at one phone width and the desktop width: the narrowest adds no colours, only wrapping.
          if (width !== 320) expect.soft(await axeViolations(tab), where).toEqual([]);
        }
      }
    }
  });
}

test("the theme switch keeps its choice in a cookie and applies it before the first paint", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await page.getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // The attribute is set by the inline script in <head>, before the body exists.
  const early = await page.evaluate(async () => {
    const html = await (await fetch("/")).text();
    return html.indexOf("data-theme") < html.indexOf("<body");
  });
  expect(early).toBe(true);
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).toBe("rgb(20, 24, 26)");
  await page.getByRole("button", { name: "Auto" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", "dark");
  // One palette, either way round: a system in dark mode with "Light" chosen shows the light colours.
  await page.emulateMedia({ colorScheme: "dark" });
  const paper = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await paper()).toBe("rgb(20, 24, 26)");
  await page.getByRole("button", { name: "Light" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await paper()).toBe("rgb(247, 246, 242)");
  await page.reload();
  expect(await paper()).toBe("rgb(247, 246, 242)");
});

test("every page's HTML, as sent, passes the W3C Nu HTML Checker", async ({ page }) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "beyond-hello-vnu-"));
  const files: string[] = [];
  for (const [who, tab] of [
    ["visitor", page],
    ["member", member],
    ["moderator", moderator],
  ] as const) {
    for (const visit of pages[who]) {
      const response = await fetchHtml(tab, visit);
      expect(response.status(), labelOf(visit)).toBe(visit === "/no-such-page" ? 404 : 200);
      const file = path.join(folder, `${who}-${files.length}.html`);
      fs.writeFileSync(file, await response.text());
      files.push(file);
    }
  }
  const jar = path.resolve("node_modules/vnu-jar/build/dist/vnu.jar");
  // vnu writes its findings to standard error, as JSON with --format json.
  const run = spawnSync("java", ["-jar", jar, "--format", "json", "--exit-zero-always", ...files], {
    encoding: "utf8",
  });
  expect(run.error).toBeUndefined();
  const { messages } = JSON.parse(run.stderr) as { messages: { type: string; url: string; message: string }[] };
  const errors = messages
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map((m) => `${path.basename(m.url)}: ${m.message}`);
  expect(errors).toEqual([]);
  fs.rmSync(folder, { recursive: true, force: true });
});
