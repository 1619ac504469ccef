/**
 * The database, as Kysely sees it. One interface per table; columns that the
 * database fills are `Generated<>`, nullable columns are `T | null`.
 *
 * Times are Unix milliseconds (integers): cheap to compare and index, and the
 * same in SQLite and PostgreSQL.
 */
import type { Generated } from "kysely";
import type { FlagReason } from "../app/utils/flag-reasons";
import type { GuideMark } from "../app/utils/guide-marks";
import type { EmailChoice, NotificationFamily, NotificationKind } from "../app/utils/notification-kinds";
import type { OutcomeStatus } from "../app/utils/outcomes";
import type { Role } from "../app/utils/permissions";
import type { VoteReason } from "../app/utils/vote-reasons";
import type { EmailTables } from "./schema-email";

// The value lists live beside the code that labels and checks them (app/utils/, the bottom layer);
// the schema takes their types from there.
export type {
  EmailChoice,
  FlagReason,
  GuideMark,
  NotificationFamily,
  NotificationKind,
  OutcomeStatus,
  Role,
  VoteReason,
};
export type PostKind = "comment" | "approach" | "received_reply";
export type VoteValue = "authentic" | "not_authentic";
export type FlagResolution = "hidden" | "restored" | "dismissed";

export interface UserTable {
  id: Generated<number>;
  username: string;
  /** Lower-cased username: uniqueness regardless of case. */
  username_key: string;
  /** Null for accounts that cannot sign in (the article's author). */
  password_hash: string | null;
  role: Generated<Role>;
  created_at: number;
  /** Set when a member deletes their account; their posts stay as "former member". */
  deleted_at: number | null;
}

export interface SessionTable {
  /** SHA-256 (hex) of the session token; the token itself is never stored. */
  id: string;
  user_id: number;
  expires_at: number;
  created_at: number;
}

export interface ThreadTable {
  id: Generated<number>;
  slug: string;
  title: string;
  prompt: string;
  context_md: string;
  context_html: string;
  /** Marks a thread the seed opened, so that seeding again never duplicates or overwrites it. */
  seed_key: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
  locked_at: number | null;
  /** Posts that are not deleted; kept in the transaction that writes a post. */
  post_count: Generated<number>;
  /** Example messages (approaches and received replies) that are not deleted; kept like post_count. */
  example_count: Generated<number>;
  /** Highest post number in the thread (posts are numbered 1, 2, 3… per thread). */
  last_post_number: Generated<number>;
  last_activity_at: number | null;
}

export interface PostTable {
  id: Generated<number>;
  thread_id: number;
  /** Position in the thread, from 1; deleted posts keep their number. */
  number: number;
  author_id: number;
  kind: PostKind;
  /** Markdown for comments; anonymised plain text for example messages. */
  body: string;
  /** Rendered and sanitised once when written; pages never render on read. */
  body_html: string;
  /** Optional line of context for example messages ("reply to my second follow-up"), anonymised. */
  context_line: string | null;
  /** The post this one answers. */
  reply_to_id: number | null;
  /** For a received reply: the member's own approach that prompted it. */
  approach_id: number | null;
  reply_count: Generated<number>;
  created_at: number;
  edited_at: number | null;
  revision_count: Generated<number>;
  deleted_at: number | null;
  hidden_at: number | null;
  hidden_by: number | null;
  hidden_reason: string | null;
  /** Set by the first "not properly anonymised" flag: hidden from others until a moderator rules. */
  review_pending_at: number | null;
  authentic_count: Generated<number>;
  not_authentic_count: Generated<number>;
  /** Lower bound of the Wilson score interval (95%) of the authentic share; for sorting. */
  authenticity_rank: Generated<number>;
  /** The author's word on the guide: agreed, withdrawn (it may not be added again), or null: did not object. */
  guide_consent: GuideConsent | null;
}

export type GuideConsent = "agreed" | "withdrawn";

export interface PostRevisionTable {
  id: Generated<number>;
  post_id: number;
  editor_id: number;
  /** The text as it was before this edit. */
  body: string;
  body_html: string;
  context_line: string | null;
  created_at: number;
}

export interface VoteTable {
  post_id: number;
  user_id: number;
  value: VoteValue;
  created_at: number;
  updated_at: number;
}

export interface VoteReasonTable {
  post_id: number;
  user_id: number;
  reason: VoteReason;
}

export interface FlagTable {
  id: Generated<number>;
  post_id: number;
  user_id: number;
  reason: FlagReason;
  note: string | null;
  created_at: number;
  resolved_at: number | null;
  resolved_by: number | null;
  resolution: FlagResolution | null;
  /** For "not properly anonymised": the words that identify someone. Moderators only; erased when the flag closes. */
  identifying_words: string | null;
  /** The flagger took the flag back while it was open (resolved_at is set too; resolution stays null). */
  withdrawn_at: number | null;
  /** Set when this flag was enough on its own to withhold the post (a trusted flagger's "not anonymised"). */
  withheld_at: number | null;
}

export interface GuideSectionTable {
  id: Generated<number>;
  slug: string;
  title: string;
  intro_md: string;
  intro_html: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface GuideEntryTable {
  id: Generated<number>;
  section_id: number;
  post_id: number;
  note_md: string;
  note_html: string;
  /** The message's text as the moderator chose it: an author's later edit does not change the guide. */
  curated_body: string;
  curated_body_html: string;
  curated_context_line: string | null;
  position: number;
  created_by: number;
  created_at: number;
  updated_at: number;
  /** Its author withdrew it from the guide: no longer public; moderators see "withdrawn by its author". */
  withdrawn_at: number | null;
  /** "do": an example to follow; "avoid": an example of what not to send (issue 17). */
  mark: Generated<GuideMark>;
}

export interface ModerationLogTable {
  id: Generated<number>;
  actor_id: number;
  /** What was done, e.g. "post.hide", "thread.lock", "guide.entry.add", "role.grant". */
  action: string;
  thread_id: number | null;
  post_id: number | null;
  target_user_id: number | null;
  guide_section_id: number | null;
  reason: string | null;
  /** A short human-readable account of the change (never hidden content). */
  summary: string;
  created_at: number;
}

export interface RateLimitTable {
  key: string;
  points: number;
  expires_at: number;
}

/** Something to tell a member (app/models/notifications.server.ts writes them; decision 0013). */
export interface NotificationTable {
  id: Generated<number>;
  /** Who is told. */
  user_id: number;
  kind: NotificationKind;
  /** Who did it (null: the system, or an account since removed); shown as "former member" once deleted. */
  actor_id: number | null;
  thread_id: number | null;
  /** The recipient's own post it is about (the page groups by it); for a followed thread, null. */
  post_id: number | null;
  /** The post that caused it and where its link leads: the reply, the mention, the first new message. */
  source_post_id: number | null;
  /** A moderator's reason or note, or a flag's outcome: shown with the notification. */
  detail: string | null;
  /** The votes a milestone marks, or how many new messages a followed thread's row stands for. */
  count: Generated<number>;
  created_at: number;
  /** Moved forward when a batched row takes another message, so it sorts as new again. */
  updated_at: number;
  read_at: number | null;
  /** Set by the e-mail sender (issue 15) once it has sent or digested this notification. */
  emailed_at: number | null;
}

export type ThreadLevel = "normal" | "following" | "muted";

/** A member's place in a thread: the last post number they were shown, and whether they follow or mute it. */
export interface ThreadReaderTable {
  user_id: number;
  thread_id: number;
  last_read_number: Generated<number>;
  level: Generated<ThreadLevel>;
  updated_at: number;
}

/** Which notifications a member wants, per family; no row means the defaults (in the app, no e-mail). */
export interface NotificationSettingTable {
  user_id: number;
  family: NotificationFamily;
  /** 1: shown in the app (counted in the header); 0: not written at all. */
  in_app: Generated<number>;
  email: Generated<EmailChoice>;
  updated_at: number;
}

/**
 * One searchable thing: a thread, a post or a guide entry (decision 0015). Its words are in the
 * engine's own index (db/dialect/search-index.ts), keyed by this id; derived, never copied.
 */
export interface SearchDocTable {
  /** post id × 4 + 1, thread id × 4 + 2, guide entry id × 4 + 3: stable across rebuilds. */
  id: number;
  kind: PostKind | "thread" | "guide_entry";
  thread_id: number;
  post_id: number | null;
  guide_entry_id: number | null;
  author_id: number | null;
  created_at: number;
  /** 1 when readers may see it (readersCanSee), 0 when hidden or withheld: found by moderators only. */
  visible: number;
}

/** What came of an approach, recorded by its author (issue 19). */
export interface OutcomeTable {
  post_id: number;
  status: OutcomeStatus;
  /** 0 for a first message, 1–2 for that follow-up, 3 for a third or later. */
  follow_up: number;
  /** The day it happened, as the author gave it (midnight UTC). */
  happened_at: number;
  recorded_at: number;
  updated_at: number;
}

/** One count /insights shows: messages in `outcome` for `key` of `chart` (app/models/insight-aggregates.server.ts). */
export interface InsightCellTable {
  chart: string;
  key: string;
  /** The outcome counted, or "" for a chart of plain counts (votes and messages per week). */
  outcome: string;
  messages: number;
}

/** The cells a post is counted in now, so that a change takes exactly those out again. */
export interface InsightContributionTable {
  post_id: number;
  /** JSON array of "chart|key|outcome". */
  cells: string;
}

/** A phrase the votes mark (issue 18): recomputed in the background, read by the draft workshop. */
export interface WorkshopPhraseTable {
  phrase: string;
  messages: number;
  voters: number;
  not_authentic_votes: number;
  authentic_votes: number;
  /** Log-odds z (decision 0017): positive marks "doesn't feel authentic", negative "feels authentic". */
  z: number;
  /** "invasive:12,pushy:3", most given first. */
  reasons: string;
  computed_at: number;
}

export interface Database extends EmailTables {
  user: UserTable;
  session: SessionTable;
  thread: ThreadTable;
  post: PostTable;
  post_revision: PostRevisionTable;
  vote: VoteTable;
  vote_reason: VoteReasonTable;
  flag: FlagTable;
  guide_section: GuideSectionTable;
  guide_entry: GuideEntryTable;
  moderation_log: ModerationLogTable;
  rate_limit: RateLimitTable;
  notification: NotificationTable;
  thread_reader: ThreadReaderTable;
  notification_setting: NotificationSettingTable;
  search_doc: SearchDocTable;
  outcome: OutcomeTable;
  insight_cell: InsightCellTable;
  insight_contribution: InsightContributionTable;
  workshop_phrase: WorkshopPhraseTable;
}
