/**
 * The draft workshop's reads: the phrases the votes mark, and "similar messages". Both use only
 * what the background build prepared (./workshop-corpus.server.ts), so a request costs a lookup
 * and a bounded index query. `similarMessages` is the one place that decides similarity: switch
 * it to the search index when there is one, and nothing else changes.
 */
import type { Kysely } from "kysely";
import { phrasesOf } from "~/utils/phrases";
import { VOTE_REASONS, type VoteReason } from "~/utils/vote-reasons";
import type { Database } from "../../db/schema";
import { readersCanSee } from "./post-view.server";
import { voteViews, type VoteView } from "./vote.server";
import { workshopCorpus, type Corpus, type Leaning } from "./workshop-corpus.server";

/** Phrases shown at most in each direction. */
const PHRASES_SHOWN = 5;
const SIMILAR_SHOWN = 3;

export interface PhraseNote {
  phrase: string;
  leaning: Leaning;
  messages: number;
  voters: number;
  notAuthenticVotes: number;
  authenticVotes: number;
  z: number;
  reasons: { reason: VoteReason; count: number }[];
}

function parseReasons(stored: string): PhraseNote["reasons"] {
  return stored
    .split(",")
    .map((part) => part.split(":"))
    .filter((p): p is [VoteReason, string] => (VOTE_REASONS as readonly string[]).includes(p[0]))
    .map(([reason, count]) => ({ reason, count: Number(count) }));
}

/** "following up" and "following" say the same thing twice: keep the stronger, drop the other. */
function overlaps(a: string, b: string): boolean {
  return ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

/** The marked phrases the draft contains, the strongest few of each leaning. */
export async function phraseNotes(db: Kysely<Database>, text: string): Promise<PhraseNote[]> {
  const phrases = phrasesOf(text);
  if (phrases.length === 0) return [];
  const rows = await db.selectFrom("workshop_phrase").selectAll().where("phrase", "in", phrases).execute();
  rows.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.phrase.localeCompare(b.phrase));
  const chosen: PhraseNote[] = [];
  for (const row of rows) {
    const leaning: Leaning = row.z > 0 ? "not_authentic" : "authentic";
    const same = chosen.filter((c) => c.leaning === leaning);
    if (same.length >= PHRASES_SHOWN || same.some((c) => overlaps(c.phrase, row.phrase))) continue;
    chosen.push({
      phrase: row.phrase,
      leaning,
      messages: row.messages,
      voters: row.voters,
      notAuthenticVotes: row.not_authentic_votes,
      authenticVotes: row.authentic_votes,
      z: row.z,
      reasons: parseReasons(row.reasons),
    });
  }
  return chosen;
}

export interface SimilarMessage {
  postId: number;
  leaning: Leaning;
  kind: "approach" | "received_reply";
  body: string;
  contextLine: string | null;
  threadSlug: string;
  threadTitle: string;
  number: number;
  /** Null where the viewer may not see the score (the thread page's rule, decision 0003). */
  vote: VoteView["score"];
  guideNoteHtml: string | null;
}

/**
 * The example messages most like the text: the best few that feel authentic and the best few
 * that do not, by BM25 over the anonymised messages. Messages withheld since the last build are
 * left out here, as everywhere (`readersCanSee`).
 */
export async function similarMessages(
  db: Kysely<Database>,
  { text, viewer, corpus }: { text: string; viewer: { id: number; role: string } | null; corpus?: Corpus },
): Promise<SimilarMessage[]> {
  const { index, docs } = corpus ?? (await workshopCorpus(db));
  // A few spare in case some were withheld since the build.
  const top = index.topPerGroup(text, (doc) => docs[doc].leaning, SIMILAR_SHOWN + 2);
  const ranked = (["authentic", "not_authentic"] as const).flatMap((leaning) =>
    (top.get(leaning) ?? []).map((hit) => ({ postId: docs[hit.doc].postId, leaning })),
  );
  if (ranked.length === 0) return [];
  const ids = ranked.map((r) => r.postId);
  const rows = await db
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .leftJoin("guide_entry", "guide_entry.post_id", "post.id")
    .select([
      "post.id",
      "post.kind",
      "post.number",
      "post.body",
      "post.context_line",
      "post.author_id",
      "post.authentic_count",
      "post.not_authentic_count",
      "thread.slug",
      "thread.title",
      "thread.locked_at",
      "guide_entry.note_html",
    ])
    .where("post.id", "in", ids)
    .where((eb) => readersCanSee(eb))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const posts = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    authorId: r.author_id,
    state: "visible",
    authenticCount: r.authentic_count,
    notAuthenticCount: r.not_authentic_count,
    locked: r.locked_at !== null,
  }));
  const views = await voteViews(db, { posts, viewer, threadLocked: (p) => p.locked });
  const shown = new Map<Leaning, number>();
  const result: SimilarMessage[] = [];
  for (const { postId, leaning } of ranked) {
    const row = byId.get(postId);
    if (!row || row.kind === "comment" || (shown.get(leaning) ?? 0) >= SIMILAR_SHOWN) continue;
    shown.set(leaning, (shown.get(leaning) ?? 0) + 1);
    result.push({
      postId,
      leaning,
      kind: row.kind,
      body: row.body,
      contextLine: row.context_line,
      threadSlug: row.slug,
      threadTitle: row.title,
      number: row.number,
      vote: views.get(postId)?.score ?? null,
      guideNoteHtml: row.note_html ?? null,
    });
  }
  return result;
}
