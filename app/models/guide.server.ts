/**
 * The curated guide: guide sections, each with guide entries that promote an
 * example message from a thread with a moderator's note. Every change is made
 * in one transaction with its entry in the public moderation log; the log's
 * summaries name messages by number and thread, never by their words. This file reads the guide
 * and holds what the writes share; guide-section.server.ts and guide-entry.server.ts make the changes.
 */
import type { Kysely, Transaction } from "kysely";
import type { GuideMark } from "~/utils/guide-marks";
import { pageTag } from "~/utils/page-cache.server";
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
  /** "do": an example to follow; "avoid": an example of what not to send. */
  mark: GuideMark;
  /** Hidden, deleted or awaiting review in its thread: only moderators see the entry, so they can act on it. */
  withdrawn: boolean;
  /** The message as curated (`message`) differs from its thread's version, which `current` holds, until a moderator accepts it. */
  changedSinceCurated: boolean;
  /** Its author withdrew it from the guide (decision 0013): moderators see it so marked; readers never. */
  withdrawnByAuthor: boolean;
  /** What the guide says of its author's consent: they pressed "I agree", or did not object. */
  authorConsent: "agreed" | "did_not_object";
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
      "entry.mark",
      "entry.curated_body",
      "entry.curated_body_html",
      "entry.curated_context_line",
      "entry.withdrawn_at",
      "post.guide_consent",
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
  if (!includeWithdrawn)
    entryQuery = entryQuery.where((eb) => readersCanSee(eb)).where("entry.withdrawn_at", "is", null);
  const entries = await entryQuery.execute();

  const bySection = new Map<number, GuideEntryView[]>(sections.map((s) => [s.id, []]));
  for (const row of entries) {
    bySection.get(row.section_id)?.push({
      id: row.id,
      noteMd: row.note_md,
      noteHtml: row.note_html,
      mark: row.mark,
      withdrawn: !row.readers_can_see || row.withdrawn_at !== null,
      withdrawnByAuthor: row.withdrawn_at !== null,
      authorConsent: row.guide_consent === "agreed" ? "agreed" : "did_not_object",
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

// --- what the section and entry writes share -----------------------------

/** Every change to the guide shows on the guide's page as well as on the log. */
export function logGuideChange(trx: Transaction<Database>, input: LogInput): Promise<void> {
  dropPages(pageTag.guide);
  return logAction(trx, input);
}

/** Where a neighbour lies: "up" is the nearest lower position, "down" the nearest higher one. */
export function neighbourOrder(direction: Direction) {
  return direction === "up" ? ({ op: "<", order: "desc" } as const) : ({ op: ">", order: "asc" } as const);
}
