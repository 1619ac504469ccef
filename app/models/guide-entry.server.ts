/**
 * The guide's entries, for moderators: an example message added to a section with a note, its note
 * edited, a new version of its message accepted, moved within or between sections, removed; each logged.
 */
import type { Kysely, Transaction } from "kysely";
import { GUIDE_MARK_LABEL, type GuideMark } from "~/utils/guide-marks";
import { renderMarkdown } from "~/utils/markdown";
import type { Database } from "../../db/schema";
import { sectionOrRefuse } from "./guide-section.server";
import { GuideError, logGuideChange, neighbourOrder, type Direction } from "./guide.server";
import { notifyPostAuthor } from "./notifications.server";
import { readersCanSee } from "./post-view.server";
import { reindexPost } from "./search-index.server";

type Db = Kysely<Database> | Transaction<Database>;

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
    .where("guide_entry.withdrawn_at", "is", null)
    .executeTakeFirst();
  if (existing) return new GuideError(`This message is already in the guide, in “${existing.title}”.`, "postId", 409);
  const post = await db
    .selectFrom("post")
    .select(["kind", "guide_consent"])
    .where("id", "=", postId)
    .executeTakeFirst();
  if (!post) return new GuideError("There is no such message.", "postId", 404);
  if (post.guide_consent === "withdrawn")
    return new GuideError(
      "Its author withdrew this message from the guide: it can go back only if they allow it.",
      "postId",
      409,
    );
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
 * Promotes an example message to the end of a guide section with a note, marked "do" or "avoid"
 * ("do" unless said: the guide is first a guide to what works).
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
    mark = "do",
    now = Date.now(),
  }: { actorId: number; postId: number; sectionId: number; note: string; mark?: GuideMark; now?: number },
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
      .where((eb) => eb.or([eb("post.guide_consent", "is", null), eb("post.guide_consent", "!=", "withdrawn")]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("guide_entry")
              .select("guide_entry.id")
              .whereRef("guide_entry.post_id", "=", "post.id")
              .where("guide_entry.withdrawn_at", "is", null),
          ),
        ),
      )
      .executeTakeFirst();
    if (!post) throw await whyNotAddable(trx, postId);
    // Withdrawn once, then allowed again by its author: the old entry makes way for the new one.
    await trx.deleteFrom("guide_entry").where("post_id", "=", postId).where("withdrawn_at", "is not", null).execute();
    const entry = await trx
      .insertInto("guide_entry")
      .values({
        section_id: sectionId,
        post_id: postId,
        note_md: note,
        note_html: renderMarkdown(note),
        mark,
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
    await reindexPost(trx, postId);
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.add",
      summary: `Added message #${post.number} in “${post.thread_title}” to the guide section “${section.title}”, marked “${GUIDE_MARK_LABEL[mark]}”.`,
      guideSectionId: sectionId,
      postId,
      threadId: post.thread_id,
      now,
    });
    await notifyPostAuthor(trx, { postId, kind: "guide_added", moderatorId: actorId, detail: note }, now);
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
      "entry.mark",
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
    await reindexPost(trx, entry.post_id);
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

/** Marks a guide entry "do" or "avoid"; the mark it already has changes nothing and logs nothing. Returns whether it changed. */
export async function markEntry(
  db: Kysely<Database>,
  { actorId, entryId, mark, now = Date.now() }: { actorId: number; entryId: number; mark: GuideMark; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const entry = await entryOrRefuse(trx, entryId);
    if (entry.mark === mark) return false;
    await trx.updateTable("guide_entry").set({ mark, updated_at: now }).where("id", "=", entryId).execute();
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.mark",
      summary: `Marked ${entry.described} “${GUIDE_MARK_LABEL[mark]}” (was “${GUIDE_MARK_LABEL[entry.mark]}”) in the guide section “${entry.section_title}”.`,
      guideSectionId: entry.section_id,
      postId: entry.post_id,
      threadId: entry.thread_id,
      now,
    });
    return true;
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
    await reindexPost(trx, entry.post_id);
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

/** Takes an example message out of the guide; the message stays in its thread. Returns the section it was in. */
export async function removeEntry(
  db: Kysely<Database>,
  { actorId, entryId, now = Date.now() }: { actorId: number; entryId: number; now?: number },
): Promise<{ sectionId: number }> {
  return db.transaction().execute(async (trx) => {
    const entry = await entryOrRefuse(trx, entryId);
    await trx.deleteFrom("guide_entry").where("id", "=", entryId).execute();
    await reindexPost(trx, entry.post_id);
    await logGuideChange(trx, {
      actorId,
      action: "guide.entry.remove",
      summary: `Removed ${entry.described} from the guide section “${entry.section_title}”.`,
      guideSectionId: entry.section_id,
      postId: entry.post_id,
      threadId: entry.thread_id,
      now,
    });
    return { sectionId: entry.section_id };
  });
}
