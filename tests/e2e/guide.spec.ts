import fs from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, joinAs, setRole, signIn, signOut, test, uniqueName } from "./fixtures";

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
    { intent: "add-entry", postId, sectionId, note, mark: "do", returnTo: thread },
  );
}

/** Adds a message through the thread page's "Add to guide" form where it is wired in, otherwise by posting that form. */
async function addToGuide(
  page: Page,
  message: { thread: string; card: string },
  sectionTitle: string,
  note: string,
  mark: "Do" | "Avoid" = "Do",
): Promise<void> {
  await page.goto(message.thread);
  const card = page.locator(message.card).first();
  await card.getByText("Add to guide", { exact: true }).first().click();
  await card.getByLabel("Guide section").selectOption({ label: sectionTitle });
  // "Do" is checked when the form opens; the moderator changes it for an example to avoid.
  await expect(card.getByRole("radio", { name: /^Do — / })).toBeChecked();
  await card.getByRole("radio", { name: new RegExp(`^${mark} — `) }).check();
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
  await addToGuide(page, APPROACH, sectionTitle, approachNote, "Avoid");
  // A submission without a note comes back on /mod/guide with the form to finish it.
  await postAddEntry(page, REPLY, sectionTitle, "");
  const retry = page.getByRole("region", { name: "Adding to the guide did not work" });
  await expect(retry.getByText("Write a note: why it works, or why to avoid it.")).toBeVisible();
  await retry.getByLabel("Why it works — or why to avoid it").fill(replyNote);
  await retry.getByRole("button", { name: "Add to guide" }).click();
  // Back to the message, told it was added (`?added=`, shown under it on the thread page).
  await expect(page).toHaveURL(new RegExp(`${REPLY.thread}\\?added=\\d+$`));

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
  await expect(entries.nth(0).locator(".guide-mark")).toHaveText("Do");
  await expect(entries.nth(1).locator(".guide-mark")).toHaveText("Avoid");
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
  expect(markdown).toMatch(/### Do: Reply received — (no votes yet|\d+% feel authentic)/);
  expect(markdown).toMatch(/### Avoid: Message sent — (no votes yet|\d+% feel authentic)/);
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

/** Three of the article's own messages that no other test puts in the guide. */
const MORE = ["/threads/authentic-or-spam", "/threads/the-opener", "/threads/why-did-you-accept"].map((thread) => ({
  thread,
  card: "article.post--approach",
}));

test("the editor keeps focus on the pressed button after a move or a new mark; cards are apart; badges read in both themes", async ({
  page,
  browser,
}) => {
  const username = await becomeModerator(page);
  const sectionTitle = `Focus kept ${uniqueName("s")}`;
  await page.goto("/mod/guide");
  const newSection = page.getByRole("region", { name: "New guide section" });
  await newSection.getByLabel("Title").fill(sectionTitle);
  await newSection.getByRole("button", { name: "Create section" }).click();
  // Created: the form is empty for the next section.
  await expect(newSection.getByLabel("Title")).toHaveValue("");
  const notes = MORE.map((_, i) => `Focus note ${i} ${uniqueName("n")}`);
  for (const [i, message] of MORE.entries())
    await addToGuide(page, message, sectionTitle, notes[i], i === 1 ? "Avoid" : "Do");

  await page.goto("/mod/guide");
  const editor = page.getByRole("region", { name: new RegExp(sectionTitle) });
  const entries = entriesIn(page, editor);
  await expect(entries).toHaveCount(3);
  const note = (i: number) => entries.nth(i).getByLabel(/^Note on message/);

  // Cards do not touch.
  const boxes = await entries.evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().toJSON()));
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].top - boxes[i - 1].bottom).toBeGreaterThanOrEqual(12);

  // The last moves up one place: focus stays on its "Move up", now the middle entry's.
  await entries
    .nth(2)
    .getByRole("button", { name: /^Move up/ })
    .click();
  await expect(note(1)).toHaveValue(notes[2]);
  await expect(entries.nth(1).getByRole("button", { name: /^Move up/ })).toBeFocused();
  await expect(page).toHaveURL(/#entry-\d+$/);
  // What was done is said beside it.
  await expect(entries.nth(1).getByRole("status")).toHaveText("Moved up.");
  await expect(page.getByRole("status").filter({ hasText: "Moved up." })).toHaveCount(1);
  // Keyboard: Enter moves it up again, to the top, where there is no "Move up": its "Move down" takes focus.
  await page.keyboard.press("Enter");
  await expect(note(0)).toHaveValue(notes[2]);
  await expect(entries.nth(0).getByRole("button", { name: /^Move down/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(note(1)).toHaveValue(notes[2]);
  await expect(entries.nth(1).getByRole("button", { name: /^Move down/ })).toBeFocused();

  // A new mark: the badge changes and focus stays on "Save mark".
  const first = entries.nth(0);
  await expect(first.locator(".guide-mark")).toHaveText("Do");
  await first.getByRole("radio", { name: /^Avoid — / }).check();
  await first.getByRole("button", { name: /^Save mark/ }).click();
  await expect(first.locator(".guide-mark")).toHaveText("Avoid");
  await expect(first.getByRole("button", { name: /^Save mark/ })).toBeFocused();
  await expect(first.getByRole("status")).toHaveText("Mark saved.");
  // A saved note: the form is rebuilt with the new text, focus stays on "Save note".
  await note(0).fill(`${notes[0]} (edited)`);
  await first.getByRole("button", { name: "Save note" }).click();
  await expect(note(0)).toHaveValue(`${notes[0]} (edited)`);
  await expect(first.getByRole("button", { name: "Save note" })).toBeFocused();

  // Without JavaScript the redirect lands on the moved entry, its move buttons in view.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await signIn(noJs, username);
  await noJs.goto("/mod/guide");
  const plainEntries = entriesIn(noJs, noJs.getByRole("region", { name: new RegExp(sectionTitle) }));
  const movedId = await plainEntries.nth(2).getAttribute("id");
  await plainEntries
    .nth(2)
    .getByRole("button", { name: /^Move up/ })
    .click();
  await expect(noJs).toHaveURL(new RegExp(`#${movedId}$`));
  await expect(plainEntries.nth(1)).toHaveAttribute("id", movedId!);
  await expect(plainEntries.nth(1).getByRole("button", { name: /^Move up/ })).toBeInViewport();
  await expect(plainEntries.nth(1).getByRole("status")).toHaveText("Moved up.");
  await plain.close();

  // On /guide the marks are words in badges, readable in the light and the dark theme.
  await page.goto("/guide");
  const section = page.getByRole("region", { name: sectionTitle });
  await expect(section.locator(".guide-mark")).toHaveText(["Avoid", "Avoid", "Do"]);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoAxeViolations(page);
  }
});

test("a made-up notice name shows no notice and breaks nothing", async ({ page }) => {
  await becomeModerator(page);
  for (const done of ["__proto__", "toString", "nothing-like-it"]) {
    await page.goto(`/mod/guide?done=${done}`);
    await expect(page.getByRole("heading", { level: 1, name: "Edit the guide" })).toBeVisible();
    await expect(page.locator(".guide-editor__done")).toHaveCount(0);
  }
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

  test("a moderator adds a message from its thread with a plain form post, and the message says it was added", async ({
    page,
  }) => {
    await becomeModerator(page);
    const title = `Plain add ${uniqueName("s")}`;
    await page.goto("/mod/guide");
    const newSection = page.getByRole("region", { name: "New guide section" });
    await newSection.getByLabel("Title").fill(title);
    await newSection.getByRole("button", { name: "Create section" }).click();
    await expect(page.getByRole("region", { name: new RegExp(title) })).toBeVisible();

    const words = `Your talk on onboarding stayed with me ${uniqueName("w")}`;
    await page.goto("/threads/accepted-then-silence/share?kind=approach");
    await page.getByLabel("The message you sent").fill(words);
    await page.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
    await page.getByRole("button", { name: "Post this anonymised message" }).click();
    const card = page.locator("article.post--approach", { hasText: words.slice(-8) });
    await card.getByText("Add to guide", { exact: true }).first().click();
    await card.getByLabel("Guide section").selectOption({ label: title });
    await card.getByLabel("Why it works — or why to avoid it").fill("Names what stayed with them.");
    await card.getByRole("button", { name: "Add to guide" }).click();
    await expect(page).toHaveURL(/[?&]added=\d+#post-\d+$/);
    await expect(card.getByRole("status")).toHaveText(/Added to the guide\./);
  });

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
