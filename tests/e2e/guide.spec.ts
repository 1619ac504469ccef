import fs from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, joinAs, setRole, signOut, test, uniqueName } from "./fixtures";

/** The seeded article's own messages: an approach, and the reply that called it invasive. */
const APPROACH = { thread: "/threads/meeting-in-person", card: "article.post--approach" };
const REPLY = { thread: "/threads/did-i-handle-it-well", card: "article.post--received_reply" };

async function becomeModerator(page: Page): Promise<string> {
  const username = uniqueName("curator");
  await joinAs(page, username);
  setRole(username, "moderator");
  return username;
}

/** Posts the "Add to guide" form for the first message of a kind in a thread, as a browser without JavaScript would. */
async function postAddEntry(
  page: Page,
  { thread, card }: { thread: string; card: string },
  sectionTitle: string,
  note: string,
): Promise<void> {
  await page.goto(thread);
  // The moderator can vote on the article's messages, so the vote form names the post.
  const voteAction = await page.locator(card).first().locator('form[action$="/vote"]').getAttribute("action");
  const postId = voteAction!.split("/")[2];
  await page.goto("/mod/guide");
  const sectionId = (await page.getByRole("region", { name: new RegExp(sectionTitle) }).getAttribute("id"))!.replace(
    "section-",
    "",
  );
  await page.evaluate(
    (fields) => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = "/mod/guide";
      for (const [name, value] of Object.entries(fields)) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    { intent: "add-entry", postId, sectionId, note, returnTo: thread },
  );
}

/** Adds a message through the thread page's "Add to guide" form where it is wired in, otherwise by posting that form. */
async function addToGuide(
  page: Page,
  message: { thread: string; card: string },
  sectionTitle: string,
  note: string,
): Promise<void> {
  await page.goto(message.thread);
  const card = page.locator(message.card).first();
  await card.getByText("Add to guide", { exact: true }).first().click();
  await card.getByLabel("Guide section").selectOption({ label: sectionTitle });
  await card.getByLabel("Why it works — or why to avoid it").fill(note);
  await card.getByRole("button", { name: "Add to guide" }).click();
  await expect(card.getByText("Added to the guide.")).toBeVisible();
}

function entriesIn(page: Page, section: Locator) {
  return section.locator("article.guide-entry");
}

test("a moderator curates a section; a visitor reads it in order, with scores and notes, and downloads it", async ({
  page,
}) => {
  await becomeModerator(page);
  const sectionTitle = `Openers and answers ${uniqueName("s")}`;
  await page.goto("/mod/guide");
  await expect(page.getByRole("heading", { level: 1, name: "Edit the guide" })).toBeVisible();
  const newSection = page.getByRole("region", { name: "New guide section" });
  await newSection.getByLabel("Title").fill(sectionTitle);
  await newSection.getByLabel("Introduction (optional)").fill("How the article's writer opened, and how it *landed*.");
  await newSection.getByRole("button", { name: "Create section" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `1. ${sectionTitle}` })).toBeVisible();

  const approachNote = `Offers something concrete before asking ${uniqueName("n")}`;
  const replyNote = `Shows how a stranger can read a friendly opener ${uniqueName("n")}`;
  await addToGuide(page, APPROACH, sectionTitle, approachNote);
  // A submission without a note comes back on /mod/guide with the form to finish it.
  await postAddEntry(page, REPLY, sectionTitle, "");
  const retry = page.getByRole("region", { name: "Adding to the guide did not work" });
  await expect(retry.getByText("Write a note: why it works, or why to avoid it.")).toBeVisible();
  await retry.getByLabel("Why it works — or why to avoid it").fill(replyNote);
  await retry.getByRole("button", { name: "Add to guide" }).click();
  await expect(page).toHaveURL(new RegExp(`${REPLY.thread}$`));

  await page.goto("/mod/guide");
  const editor = page.getByRole("region", { name: new RegExp(sectionTitle) });
  await expect(entriesIn(page, editor)).toHaveCount(2);
  await expect(
    entriesIn(page, editor)
      .nth(0)
      .getByLabel(/^Note on message/),
  ).toHaveValue(approachNote);
  await expectNoAxeViolations(page);

  // The reply should come first: move it up.
  await entriesIn(page, editor)
    .nth(1)
    .getByRole("button", { name: /^Move up/ })
    .click();
  await expect(
    entriesIn(page, editor)
      .nth(0)
      .getByLabel(/^Note on message/),
  ).toHaveValue(replyNote);
  await expect(
    entriesIn(page, editor)
      .nth(1)
      .getByLabel(/^Note on message/),
  ).toHaveValue(approachNote);

  await signOut(page);
  await page.goto("/guide");
  await expect(page.getByRole("heading", { level: 1, name: "The guide" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: sectionTitle }),
  ).toBeVisible();
  const section = page.getByRole("region", { name: sectionTitle });
  await expect(section.getByText("How the article's writer opened, and how it")).toBeVisible();
  const entries = entriesIn(page, section);
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0).locator(".kind")).toHaveText("Reply received");
  await expect(entries.nth(0)).toContainText(replyNote);
  await expect(entries.nth(1).locator(".kind")).toHaveText("Message sent");
  await expect(entries.nth(1)).toContainText(approachNote);
  for (const i of [0, 1]) {
    await expect(entries.nth(i).locator(".score")).toHaveText(/No votes yet|\d+% feel authentic/);
    await expect(entries.nth(i).getByRole("link", { name: /^Read it in its thread/ })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Edit the guide" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download as Markdown" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("beyond-hello-guide.md");
  const markdown = await fs.readFile(await download.path(), "utf8");
  expect(markdown).toMatch(/^# The Beyond Hello guide/);
  expect(markdown).toContain(`## ${sectionTitle}`);
  expect(markdown.indexOf(replyNote)).toBeGreaterThan(-1);
  expect(markdown.indexOf(replyNote)).toBeLessThan(markdown.indexOf(approachNote));
  expect(markdown).toMatch(/### Reply received — (no votes yet|\d+% feel authentic)/);
  expect(markdown).toContain(`/threads/did-i-handle-it-well?page=1#post-`);

  // On paper: no site navigation, no download link; the messages stay.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(page.getByRole("link", { name: "Download as Markdown" })).toBeHidden();
  await expect(entries.nth(0)).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("banner")).toBeVisible();
});

test("on paper the editor's buttons and forms are hidden too", async ({ page }) => {
  await becomeModerator(page);
  await page.goto("/guide");
  await expect(page.getByRole("link", { name: "Edit the guide" })).toBeVisible();
  await page.goto("/guide/history");
  await expectNoAxeViolations(page);
  await page.goto("/guide");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Edit the guide" })).toBeHidden();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a moderator creates, renames and removes a section with plain form posts", async ({ page }) => {
    await becomeModerator(page);
    const title = `Plain forms ${uniqueName("s")}`;
    await page.goto("/mod/guide");
    const newSection = page.getByRole("region", { name: "New guide section" });
    // A blank title comes back with a message beside the field, and the introduction as typed.
    await newSection.getByLabel("Introduction (optional)").fill("Kept while the title is fixed");
    await newSection.getByLabel("Title").fill(" ");
    await newSection.getByRole("button", { name: "Create section" }).click();
    await expect(newSection.getByText("Give the section a title.")).toBeVisible();
    await expect(newSection.getByLabel("Introduction (optional)")).toHaveValue("Kept while the title is fixed");

    await newSection.getByLabel("Title").fill(title);
    await newSection.getByRole("button", { name: "Create section" }).click();
    const section = page.getByRole("region", { name: new RegExp(title) });
    await expect(section).toBeVisible();
    await section.getByText("Rename or edit the introduction").click();
    await section.getByLabel("Title").fill(`${title} renamed`);
    await section.getByRole("button", { name: "Save section" }).click();
    const renamed = page.getByRole("region", { name: new RegExp(`${title} renamed`) });
    await expect(renamed).toBeVisible();
    // Removing the whole section is the section's last button, set apart from the everyday ones.
    await expect(renamed.getByRole("button").last()).toHaveAccessibleName(/^Remove section and its entries/);
    await expect(renamed.locator(".guide-editor__danger")).toBeVisible();
    await renamed.getByRole("button", { name: /^Remove section and its entries/ }).click();
    await expect(page.getByRole("region", { name: new RegExp(title) })).toHaveCount(0);

    await page.goto("/guide/history");
    await expect(page.getByText(`Removed the guide section “${title} renamed” and its 0 entries.`)).toBeVisible();
    await expect(
      page.getByText(`Renamed the guide section “${title}” to “${title} renamed” and saved its introduction.`),
    ).toBeVisible();
  });
});
