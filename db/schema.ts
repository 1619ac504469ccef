/**
 * The database, as Kysely sees it. One interface per table; columns that the
 * database fills are `Generated<>`, nullable columns are `T | null`.
 *
 * Times are Unix milliseconds (integers): cheap to compare and index, and the
 * same in SQLite and PostgreSQL.
 */
import type { Generated } from "kysely";
import type { FlagReason } from "../app/utils/flag-reasons";
import type { Role } from "../app/utils/permissions";
import type { VoteReason } from "../app/utils/vote-reasons";

// The value lists live beside the code that labels and checks them (app/utils/, the bottom layer);
// the schema takes their types from there.
export type { FlagReason, Role, VoteReason };
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
}

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

export interface Database {
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
  workshop_phrase: WorkshopPhraseTable;
}
