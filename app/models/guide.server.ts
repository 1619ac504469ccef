/**
 * The curated guide: guide sections, each with guide entries that promote an
 * example message from a thread with a moderator's note. Every change is made
 * in one transaction with its entry in the public moderation log; the log's
 * summaries name messages by number and thread, never by their words.
 */
import type { Kysely, Transaction } from "kysely";
import { renderMarkdown } from "~/utils/markdown";
import { pageTag } from "~/utils/page-cache.server";
import { firstFreeSlug, slugify } from "~/utils/slug";
import type { Database } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { logAction, type LogInput } from "./moderation-log.server";
import { readersCanSee } from "./post-view.server";
import { type ExampleKind } from "./post.server";

type Db = Kysely<Database> | Transaction<Database>;

export type Direction = "up" | "down";

/** A refusal with the words to show, and the form field it belongs beside. */
export class GuideError extends Error {
  constructor(
    message: string,
    readonly field: string = "form",
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

export interface GuideMessage {
  postId: number;
  number: number;
  kind: ExampleKind;
  /** Anonymised plain text, for the Markdown download. */
  body: string;
  bodyHtml: string;
  contextLine: string | null;
  authenticCount: number;
  notAuthenticCount: number;
  threadSlug: string;
  threadTitle: string;
}

export interface GuideEntryView {
  id: number;
  noteMd: string;
  noteHtml: string;
  /** Hidden, deleted or awaiting review in its thread: only moderators see the entry, so they can act on it. */
  withdrawn: boolean;
  /** The message as curated (`message`) differs from its thread's version, which `current` holds, until a moderator accepts it. */
  changedSinceCurated: boolean;
  /** The message as its thread shows it now; for the moderators' editor only, never for readers' pages. */
  current: { bodyHtml: string; contextLine: string | null };
  /** `body`, `bodyHtml` and `contextLine` are the version the moderator chose, whatever the author changed since. */
  message: GuideMessage;
}

export interface GuideSectionView {
  id: number;
  slug: string;
  title: string;
  introMd: string;
  introHtml: string;
  entries: GuideEntryView[];
}

/**
 * The guide in reading order. Readers get only entries whose message is
 * visible in its thread; `includeWithdrawn` (for moderators) keeps the others,
 * marked. Two queries whatever the size of the guide.
 */
export async function getGuide(
  db: Db,
  { includeWithdrawn = false }: { includeWithdrawn?: boolean } = {},
): Promise<GuideSectionView[]> {
  const sections = await db
    .selectFrom("guide_section")
    .select(["id", "slug", "title", "intro_md", "intro_html"])
    .orderBy("position")
    .orderBy("id")
    .execute();
  // A CROSS JOIN, with the join condition in WHERE, makes SQLite read the few guide entries first
  // and look each post up by its key; as an inner join, without statistics, it chose to scan every
  // post instead (5 ms on 12,000 posts). PostgreSQL plans both forms alike.
  let entryQuery = db
    .selectFrom("guide_entry as entry")
    .crossJoin("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .whereRef("post.id", "=", "entry.post_id")
    .select([
      "entry.id",
      "entry.section_id",
      "entry.note_md",
      "entry.note_html",
      "entry.curated_body",
      "entry.curated_body_html",
      "entry.curated_context_line",
      "post.id as post_id",
      "post.number",
      "post.kind",
      "post.body",
      "post.body_html",
      "post.context_line",
      "post.authentic_count",
      "post.not_authentic_count",
      "thread.slug as thread_slug",
      "thread.title as thread_title",
    ])
    .select((eb) => readersCanSee(eb).as("readers_can_see"))
    .orderBy("entry.position")
    .orderBy("entry.id");
  if (!includeWithdrawn) entryQuery = entryQuery.where((eb) => readersCanSee(eb));
  const entries = await entryQuery.execute();

  const bySection = new Map<number, GuideEntryView[]>(sections.map((s) => [s.id, []]));
  for (const row of entries) {
    bySection.get(row.section_id)?.push({
      id: row.id,
      noteMd: row.note_md,
      noteHtml: row.note_html,
      withdrawn: !row.readers_can_see,
      changedSinceCurated: row.curated_body !== row.body || row.curated_context_line !== row.context_line,
      current: { bodyHtml: row.body_html, contextLine: row.context_line },
      message: {
        postId: row.post_id,
        number: row.number,
        // Only example messages are ever added (addEntry checks), so the kind is never "comment".
        kind: row.kind as ExampleKind,
        body: row.curated_body,
        bodyHtml: row.curated_body_html,
        contextLine: row.curated_context_line,
        authenticCount: row.authentic_count,
        notAuthenticCount: row.not_authentic_count,
        threadSlug: row.thread_slug,
        threadTitle: row.thread_title,
      },
    });
  }
  return sections.map((s) => ({
    id: s.id,
    slug: s.slug,
    title: s.title,
    introMd: s.intro_md,
    introHtml: s.intro_html,
    entries: bySection.get(s.id) ?? [],
  }));
}

/** The guide sections as choices for an "Add to guide" form. */
export async function listSectionsBrief(db: Db): Promise<{ id: number; title: string }[]> {
  return db.selectFrom("guide_section").select(["id", "title"]).orderBy("position").orderBy("id").execute();
}

// --- guide sections -------------------------------------------------------

async function unusedSlug(db: Db, base: string): Promise<string> {
  const taken = await db
    .selectFrom("guide_section")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .execute();
  return firstFreeSlug(base, new Set(taken.map((row) => row.slug)));
}

async function nextSectionPosition(db: Db): Promise<number> {
  const row = await db
    .selectFrom("guide_section")
    .select((eb) => eb.fn.max("position").as("last"))
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

/** Every change to the guide shows on the guide's page as well as on the log. */
function logGuideChange(trx: Transaction<Database>, input: LogInput): Promise<void> {
  dropPages(pageTag.guide);
  return logAction(trx, input);
}

/** A new guide section at the end of the guide; its slug (the anchor on /guide) is unique and never changes. */
export async function createSection(
  db: Kysely<Database>,
  { actorId, title, intro, now = Date.now() }: { actorId: number; title: string; intro: string; now?: number },
): Promise<{ id: number; slug: string }> {
  return db.transaction().execute(async (trx) => {
    const section = await trx
      .insertInto("guide_section")
      .values({
        slug: await unusedSlug(trx, slugify(title, "section")), // the section's anchor on /guide
        title,
        intro_md: intro,
        intro_html: intro.trim() ? renderMarkdown(intro) : "",
        position: await nextSectionPosition(trx),
        created_at: now,
        updated_at: now,
      })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    await logGuideChange(trx, {
      actorId,
      action: "guide.section.create",
      summary: `Created the guide section “${title}”.`,
      guideSectionId: section.id,
      now,
    });
    return section;
  });
}

async function sectionOrRefuse(db: Db, sectionId: number) {
  const section = await db
    .selectFrom("guide_section")
    .select(["id", "title", "position"])
    .where("id", "=", sectionId)
    .executeTakeFirst();
  if (!section) throw new GuideError("That guide section no longer exists.", "sectionId", 404);
  return section;
}

/**
 * Renames a guide section and replaces its introduction. The slug stays, so
 * links to the section's place on /guide keep working after a rename.
 */
export async function updateSection(
  db: Kysely<Database>,
  {
    actorId,
    sectionId,
    title,
    intro,
    now = Date.now(),
  }: { actorId: number; sectionId: number; title: string; intro: string; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await sectionOrRefuse(trx, sectionId);
    await trx
      .updateTable("guide_section")
      .set({ title, intro_md: intro, intro_html: intro.trim() ? renderMarkdown(intro) : "", updated_at: now })
      .where("id", "=", sectionId)
      .execute();
    const summary =
      before.title === title
        ? `Edited the guide section “${title}”.`
        : `Renamed the guide section “${before.title}” to “${title}” and saved its introduction.`;
    await logGuideChange(trx, { actorId, action: "guide.section.edit", summary, guideSectionId: sectionId, now });
  });
}

/** Where a neighbour lies: "up" is the nearest lower position, "down" the nearest higher one. */
function neighbourOrder(direction: Direction) {
  return direction === "up" ? ({ op: "<", order: "desc" } as const) : ({ op: ">", order: "asc" } as const);
}

/** Swaps a guide section with its neighbour. At either end nothing changes and nothing is logged; returns whether it moved. */
export async function moveSection(
  db: Kysely<Database>,
  {
    actorId,
    sectionId,
    direction,
    now = Date.now(),
  }: { actorId: number; sectionId: number; direction: Direction; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const section = await sectionOrRefuse(trx, sectionId);
    const { op, order } = neighbourOrder(direction);
    const neighbour = await trx
      .selectFrom("guide_section")
      .select(["id", "position"])
      .where("position", op, section.position)
      .orderBy("position", order)
      .executeTakeFirst();
    if (!neighbour) return false;
    await trx
      .updateTable("guide_section")
      .set({ position: neighbour.position, updated_at: now })
      .where("id", "=", section.id)
      .execute();
    await trx
      .updateTable("guide_section")
      .set({ position: section.position, updated_at: now })
      .where("id", "=", neighbour.id)
      .execute();
    await logGuideChange(trx, {
      actorId,
      action: "guide.section.move",
      summary: `Moved the guide section “${section.title}” ${direction}.`,
      guideSectionId: sectionId,
      now,
    });
    return true;
  });
}

/** Removes a guide section and, by the foreign key's cascade, its entries. */
export async function removeSection(
  db: Kysely<Database>,
  { actorId, sectionId, now = Date.now() }: { actorId: number; sectionId: number; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const section = await sectionOrRefuse(trx, sectionId);
    const { count } = await trx
      .selectFrom("guide_entry")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("section_id", "=", sectionId)
      .executeTakeFirstOrThrow();
    const entries = Number(count) === 1 ? "its 1 entry" : `its ${count} entries`;
    // Logged first, while the section exists; the log's foreign key then sets guide_section_id to null, and the summary keeps the title.
    await logGuideChange(trx, {
      actorId,
      action: "guide.section.remove",
      summary: `Removed the guide section “${section.title}” and ${entries}.`,
      guideSectionId: sectionId,
      now,
    });
    await trx.deleteFrom("guide_section").where("id", "=", sectionId).execute();
  });
}

// --- guide entries ----------------------------------------------------------

async function nextEntryPosition(db: Db, sectionId: number): Promise<number> {
  const row = await db
    .selectFrom("guide_entry")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("section_id", "=", sectionId)
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

/** Why a post was refused, in words for the moderator: looked up only once the refusal has happened. */
async function whyNotAddable(db: Db, postId: number): Promise<GuideError> {
  const existing = await db
    .selectFrom("guide_entry")
    .innerJoin("guide_section", "guide_section.id", "guide_entry.section_id")
    .select("guide_section.title")
    .where("guide_entry.post_id", "=", postId)
    .executeTakeFirst();
  if (existing) return new GuideError(`This message is already in the guide, in “${existing.title}”.`, "postId", 409);
  const post = await db.selectFrom("post").select("kind").where("id", "=", postId).executeTakeFirst();
  if (!post) return new GuideError("There is no such message.", "postId", 404);
  if (post.kind === "comment")
    return new GuideError(
      "Only example messages (messages sent and replies received) can go in the guide, not comments.",
      "postId",
    );
  return new GuideError(
    "This message is hidden, deleted or waiting for review in its thread, so it cannot go in the guide.",
    "postId",
  );
}

/**
 * Promotes an example message to the end of a guide section with a note.
 * Refuses comments, messages readers cannot see, and messages already in
 * the guide (a message appears in the guide once).
 */
export async function addEntry(
  db: Kysely<Database>,
  {
    actorId,
    postId,
    sectionId,
    note,
    now = Date.now(),
  }: { actorId: number; postId: number; sectionId: number; note: string; now?: number },
): Promise<{ id: number }> {
  return db.transaction().execute(async (trx) => {
    const section = await sectionOrRefuse(trx, sectionId);
    const post = await trx
      .selectFrom("post")
      .innerJoin("thread", "thread.id", "post.thread_id")
      .select([
        "post.id",
        "post.number",
        "post.thread_id",
        "post.body",
        "post.body_html",
        "post.context_line",
        "thread.title as thread_title",
      ])
      .where("post.id", "=", postId)
      .where("post.kind", "in", ["approach", "received_reply"])
      .where((eb) => readersCanSee(eb))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom("guide_entry").select("guide_entry.id").whereRef("guide_entry.post_id", "=", "post.id"),
          ),
        ),
      )
      .executeTakeFirst();
    if (!post) throw await whyNotAddable(trx, postId);
    const entry = await trx
      .insertInto("guide_entry")
      .values({
        section_id: sectionId,
        post_id: postId,
        note_md: note,
        note_html: renderMarkdown(note),
        curated_body: post.body,
        curated_body_html: post.body_html,
        curated_context_line: post.context_line,
        position: await nextEntryPosition(trx, sectionId),
        created_by: actorId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.add",
      summary: `Added message #${post.number} in “${post.thread_title}” to the guide section “${section.title}”.`,
      guideSectionId: sectionId,
      postId,
      threadId: post.thread_id,
      now,
    });
    return entry;
  });
}

/** A guide entry with what its log summaries need, or a 404 refusal. */
async function entryOrRefuse(db: Db, entryId: number) {
  const entry = await db
    .selectFrom("guide_entry as entry")
    .innerJoin("guide_section as section", "section.id", "entry.section_id")
    .innerJoin("post", "post.id", "entry.post_id")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select([
      "entry.id",
      "entry.section_id",
      "entry.position",
      "entry.post_id",
      "section.title as section_title",
      "post.number",
      "post.thread_id",
      "thread.title as thread_title",
    ])
    .where("entry.id", "=", entryId)
    .executeTakeFirst();
  if (!entry) throw new GuideError("That guide entry no longer exists.", "entryId", 404);
  return { ...entry, described: `message #${entry.number} in “${entry.thread_title}”` };
}

/** Replaces a guide entry's note. */
export async function updateEntryNote(
  db: Kysely<Database>,
  { actorId, entryId, note, now = Date.now() }: { actorId: number; entryId: number; note: string; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const entry = await entryOrRefuse(trx, entryId);
    await trx
      .updateTable("guide_entry")
      .set({ note_md: note, note_html: renderMarkdown(note), updated_at: now })
      .where("id", "=", entryId)
      .execute();
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.edit",
      summary: `Edited the note on ${entry.described} in the guide section “${entry.section_title}”.`,
      guideSectionId: entry.section_id,
      postId: entry.post_id,
      threadId: entry.thread_id,
      now,
    });
  });
}

/**
 * The author edited a guide entry's message since it was curated: the moderator has read the new
 * version and lets the guide show it. Refused (false) while the message is out of readers' view,
 * and a no-op (false, nothing logged) when nothing changed.
 */
export async function acceptEntryVersion(
  db: Kysely<Database>,
  { actorId, entryId, now = Date.now() }: { actorId: number; entryId: number; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const entry = await entryOrRefuse(trx, entryId);
    const post = await trx
      .selectFrom("post")
      .select(["body", "body_html", "context_line"])
      .where("id", "=", entry.post_id)
      .where((eb) => readersCanSee(eb))
      .executeTakeFirst();
    if (!post)
      throw new GuideError("This message is hidden, deleted or waiting for review in its thread.", "entryId", 409);
    const changed = await trx
      .updateTable("guide_entry")
      .set({
        curated_body: post.body,
        curated_body_html: post.body_html,
        curated_context_line: post.context_line,
        updated_at: now,
      })
      .where("id", "=", entryId)
      .where((eb) =>
        eb.or([
          eb("curated_body", "!=", post.body),
          post.context_line === null
            ? eb("curated_context_line", "is not", null)
            : eb.or([eb("curated_context_line", "is", null), eb("curated_context_line", "!=", post.context_line)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return false;
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.accept",
      summary: `Accepted the author's edit of ${entry.described} in the guide section “${entry.section_title}”.`,
      guideSectionId: entry.section_id,
      postId: entry.post_id,
      threadId: entry.thread_id,
      now,
    });
    return true;
  });
}

/** Swaps a guide entry with its neighbour in the same section; at either end nothing changes. Returns whether it moved. */
export async function moveEntry(
  db: Kysely<Database>,
  {
    actorId,
    entryId,
    direction,
    now = Date.now(),
  }: { actorId: number; entryId: number; direction: Direction; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const entry = await entryOrRefuse(trx, entryId);
    const { op, order } = neighbourOrder(direction);
    const neighbour = await trx
      .selectFrom("guide_entry")
      .select(["id", "position"])
      .where("section_id", "=", entry.section_id)
      .where("position", op, entry.position)
      .orderBy("position", order)
      .executeTakeFirst();
    if (!neighbour) return false;
    await trx
      .updateTable("guide_entry")
      .set({ position: neighbour.position, updated_at: now })
      .where("id", "=", entry.id)
      .execute();
    await trx
      .updateTable("guide_entry")
      .set({ position: entry.position, updated_at: now })
      .where("id", "=", neighbour.id)
      .execute();
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.move",
      summary: `Moved ${entry.described} ${direction} in the guide section “${entry.section_title}”.`,
      guideSectionId: entry.section_id,
      postId: entry.post_id,
      threadId: entry.thread_id,
      now,
    });
    return true;
  });
}

/** Moves a guide entry to the end of another section. Moving it to its own section changes nothing. */
export async function moveEntryToSection(
  db: Kysely<Database>,
  {
    actorId,
    entryId,
    sectionId,
    now = Date.now(),
  }: { actorId: number; entryId: number; sectionId: number; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const entry = await entryOrRefuse(trx, entryId);
    const target = await sectionOrRefuse(trx, sectionId);
    if (target.id === entry.section_id) return false;
    await trx
      .updateTable("guide_entry")
      .set({ section_id: target.id, position: await nextEntryPosition(trx, target.id), updated_at: now })
      .where("id", "=", entryId)
      .execute();
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.move",
      summary: `Moved ${entry.described} from the guide section “${entry.section_title}” to “${target.title}”.`,
      guideSectionId: target.id,
      postId: entry.post_id,
      threadId: entry.thread_id,
      now,
    });
    return true;
  });
}

/** Takes an example message out of the guide; the message stays in its thread. */
export async function removeEntry(
  db: Kysely<Database>,
  { actorId, entryId, now = Date.now() }: { actorId: number; entryId: number; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const entry = await entryOrRefuse(trx, entryId);
    await trx.deleteFrom("guide_entry").where("id", "=", entryId).execute();
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.remove",
      summary: `Removed ${entry.described} from the guide section “${entry.section_title}”.`,
      guideSectionId: entry.section_id,
      postId: entry.post_id,
      threadId: entry.thread_id,
      now,
    });
  });
}
