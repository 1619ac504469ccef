/**
 * What the draft workshop compares a draft with, built in the background from the rated example
 * messages (decision 0017): the similarity index and the community's figures, kept in memory per
 * server process, and the phrase statistics, written to `workshop_phrase` for every process to
 * read. Never built per request: the first request after start waits for the first build, later
 * ones start a rebuild at most every REFRESH_MS, and only when votes or messages changed; the
 * requests meanwhile use the previous build.
 */
import type { Kysely } from "kysely";
import { Bm25Index } from "~/utils/bm25";
import { PhraseCounter, significantPhrases, type RatedMessage } from "~/utils/phrase-stats";
import { phrasesOf } from "~/utils/phrases";
import type { VoteReason } from "~/utils/vote-reasons";
import { messageFacts, medianFacts, type MessageFacts } from "~/workshop/facts";
import type { Database } from "../../db/schema";
import { readersCanSee } from "./post-view.server";

export const REFRESH_MS = 3 * 60_000;
/** A message takes part in "similar messages" once this many members have rated it. */
export const SIMILAR_MIN_VOTES = 3;
/** A phrase is judged once seen in this many distinct messages, rated by this many distinct members. */
export const PHRASE_MIN_MESSAGES = 5;
export const PHRASE_MIN_VOTERS = 5;
/** |z| of the log-odds test: the 95% line. */
export const PHRASE_MIN_Z = 1.96;
/** Phrases kept at most (the strongest): bounds the table and the rewrite. */
const PHRASE_LIMIT = 5_000;
/** "The community's most authentic messages": the best this many by Wilson rank. */
const MOST_AUTHENTIC = 50;
// Small batches: between them the build yields to requests, so none waits long behind it.
const BATCH = 250;

export type Leaning = "authentic" | "not_authentic";

export interface Corpus {
  index: Bm25Index;
  /** Per index document: the post and which way its votes lean. */
  docs: { postId: number; leaning: Leaning }[];
  /** Median facts of the most authentic messages, or null while too few are rated. */
  mostAuthentic: (MessageFacts & { messages: number }) | null;
  builtAt: number;
  signature: string;
}

interface State {
  corpus: Corpus | null;
  refreshing: Promise<Corpus> | null;
  checkedAt: number;
}

// Per database handle, so tests that open several databases never share a corpus.
const states = new WeakMap<Kysely<Database>, State>();

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What changes when a rebuild could give a different answer: votes cast, changed or withdrawn, messages added or edited. */
async function signatureOf(db: Kysely<Database>): Promise<string> {
  const votes = await db
    .selectFrom("vote")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("updated_at").as("last")])
    .executeTakeFirstOrThrow();
  const posts = await db
    .selectFrom("post")
    .select((eb) => [
      eb.fn.max("id").as("id"),
      eb.fn.max("edited_at").as("edited"),
      eb.fn.max("hidden_at").as("hidden"),
      eb.fn.max("deleted_at").as("deleted"),
    ])
    .executeTakeFirstOrThrow();
  return [votes.n, votes.last, posts.id, posts.edited, posts.hidden, posts.deleted].map(String).join(":");
}

async function build(db: Kysely<Database>, signature: string, now = Date.now()): Promise<Corpus> {
  const index = new Bm25Index();
  const docs: Corpus["docs"] = [];
  const counter = new PhraseCounter(PHRASE_MIN_VOTERS);
  const authentic: { rank: number; facts: MessageFacts }[] = [];
  let after = 0;
  for (;;) {
    const posts = await db
      .selectFrom("post")
      .select(["id", "body", "authentic_count", "not_authentic_count", "authenticity_rank"])
      .where("id", ">", after)
      .where("kind", "!=", "comment")
      .where((eb) => readersCanSee(eb))
      .where((eb) => eb(eb("authentic_count", "+", eb.ref("not_authentic_count")), ">", 0))
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (posts.length === 0) break;
    const first = posts[0].id;
    const last = posts[posts.length - 1].id;
    // By key range, not a list of ids: one index range scan per table, whatever the batch.
    const votes = await db
      .selectFrom("vote")
      .select(["post_id", "user_id", "value"])
      .where("post_id", ">=", first)
      .where("post_id", "<=", last)
      .execute();
    const reasons = await db
      .selectFrom("vote_reason")
      .select(["post_id", "user_id", "reason"])
      .where("post_id", ">=", first)
      .where("post_id", "<=", last)
      .execute();
    const reasonsOf = new Map<string, VoteReason[]>();
    for (const r of reasons) {
      const key = `${r.post_id}:${r.user_id}`;
      reasonsOf.set(key, [...(reasonsOf.get(key) ?? []), r.reason]);
    }
    const votesOf = new Map<number, RatedMessage["votes"]>();
    for (const v of votes) {
      const list = votesOf.get(v.post_id) ?? [];
      list.push({ userId: v.user_id, value: v.value, reasons: reasonsOf.get(`${v.post_id}:${v.user_id}`) ?? [] });
      votesOf.set(v.post_id, list);
    }
    for (const post of posts) {
      counter.add({ phrases: phrasesOf(post.body), votes: votesOf.get(post.id) ?? [] });
      const total = post.authentic_count + post.not_authentic_count;
      if (total < SIMILAR_MIN_VOTES || post.authentic_count * 2 === total) continue;
      const leaning: Leaning = post.authentic_count * 2 > total ? "authentic" : "not_authentic";
      index.add(post.body);
      docs.push({ postId: post.id, leaning });
      if (leaning === "authentic") authentic.push({ rank: post.authenticity_rank, facts: messageFacts(post.body) });
    }
    after = last;
    await yieldToRequests();
  }
  await storePhrases(db, counter, now);
  authentic.sort((a, b) => b.rank - a.rank);
  const mostAuthentic = medianFacts(authentic.slice(0, MOST_AUTHENTIC).map((a) => a.facts));
  return { index, docs, mostAuthentic, builtAt: now, signature };
}

async function storePhrases(db: Kysely<Database>, counter: PhraseCounter, now: number): Promise<void> {
  const found = significantPhrases(
    counter,
    { minMessages: PHRASE_MIN_MESSAGES, minVoters: PHRASE_MIN_VOTERS, minZ: PHRASE_MIN_Z },
    PHRASE_LIMIT,
  );
  const rows = found.map((f) => ({
    phrase: f.phrase,
    messages: f.messages,
    voters: f.voters,
    not_authentic_votes: f.notAuthentic,
    authentic_votes: f.authentic,
    z: f.z,
    reasons: f.reasons.map((r) => `${r.reason}:${r.count}`).join(","),
    computed_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("workshop_phrase").execute();
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto("workshop_phrase")
        .values(rows.slice(i, i + 200))
        .execute();
  });
}

function stateOf(db: Kysely<Database>): State {
  let state = states.get(db);
  if (!state) {
    state = { corpus: null, refreshing: null, checkedAt: 0 };
    states.set(db, state);
  }
  return state;
}

/** Rebuilds now (unless nothing changed since the last build, or `force`), and waits for it. */
export async function refreshWorkshopCorpus(db: Kysely<Database>, { force = false } = {}): Promise<Corpus> {
  const state = stateOf(db);
  while (state.refreshing) await state.refreshing.catch(() => null);
  const refreshing = (async () => {
    state.checkedAt = Date.now();
    const signature = await signatureOf(db);
    if (state.corpus && !force && state.corpus.signature === signature) return state.corpus;
    state.corpus = await build(db, signature);
    return state.corpus;
  })();
  state.refreshing = refreshing;
  try {
    return await refreshing;
  } finally {
    if (state.refreshing === refreshing) state.refreshing = null;
  }
}

/**
 * The corpus for a request: the current one, starting a rebuild in the background when the last
 * check is older than REFRESH_MS. Only the first requests after start wait, for the first build.
 */
export async function workshopCorpus(db: Kysely<Database>, now = Date.now()): Promise<Corpus> {
  const state = stateOf(db);
  if (!state.corpus) return state.refreshing ?? refreshWorkshopCorpus(db);
  if (!state.refreshing && now - state.checkedAt > REFRESH_MS) {
    // Another process may be rewriting the phrase table at the same moment; its figures are as good.
    refreshWorkshopCorpus(db).catch((error: unknown) => {
      console.error(
        `workshop: rebuilding the corpus failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
  return state.corpus;
}
