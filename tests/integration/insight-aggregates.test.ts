/**
 * The aggregates /insights reads are kept in the transactions that change them (decision 0018). After
 * 2,000 random writes of every kind that moves them, they must equal a full recount, on both engines.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { flagPost, withdrawFlag } from "../../app/models/flag.server";
import { recountInsightCells, storedInsightCells } from "../../app/models/insight-aggregates.server";
import { decideOnPost } from "../../app/models/moderation.server";
import { setOutcome } from "../../app/models/outcome.server";
import { addPost, deletePost, editPost } from "../../app/models/post.server";
import { deleteAccount } from "../../app/models/user.server";
import { castVote } from "../../app/models/vote.server";
import { OUTCOME_STATUSES } from "../../app/utils/outcomes";
import type { VoteReason } from "../../db/schema";
import { seed } from "../../db/seed";
import { prng } from "../bench/generate";

const WORDS = [
  "hello",
  "coffee?",
  "would",
  "you",
  "meet",
  "your",
  "work",
  "on",
  "onboarding",
  "thanks",
  "why?",
  "call",
];
const DAY = 86_400_000;

let threadIds: number[] = [];
let moderatorId: number;

async function member(role: "member" | "moderator" = "member") {
  const name = `m${Math.random().toString(36).slice(2, 10)}`;
  const row = await getDb()
    .insertInto("user")
    .values({ username: name, username_key: name, password_hash: null, role, created_at: Date.now(), deleted_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  await seed(getDb());
  threadIds = (await getDb().selectFrom("thread").select("id").orderBy("id").limit(3).execute()).map((t) => t.id);
  moderatorId = await member("moderator");
});

describe("insight aggregates", () => {
  it("equal a full recount after 2,000 random writes", { timeout: 600_000 }, async () => {
    const db = getDb();
    const rand = prng(19);
    const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
    const members: number[] = [];
    for (let i = 0; i < 12; i++) members.push(await member());
    const posts: { id: number; authorId: number; kind: "approach" | "received_reply" | "comment" }[] = [];
    const text = () => Array.from({ length: 1 + Math.floor(rand() * 120) }, () => pick(WORDS)).join(" ");
    // Spread over several weeks, so weekly counts move between weeks too.
    let clock = Date.UTC(2026, 8, 1);
    const tick = () => (clock += Math.floor(rand() * DAY));
    const kinds: Record<string, number> = {};

    for (let step = 0; step < 2000; step++) {
      const roll = rand();
      const op =
        posts.length < 5 || roll < 0.2
          ? "post"
          : roll < 0.45
            ? "vote"
            : roll < 0.65
              ? "outcome"
              : roll < 0.72
                ? "edit"
                : roll < 0.77
                  ? "delete"
                  : roll < 0.85
                    ? "moderate"
                    : roll < 0.93
                      ? "flag"
                      : roll < 0.99
                        ? "withdraw"
                        : "account";
      kinds[op] = (kinds[op] ?? 0) + 1;
      const now = tick();
      const post = pick(posts.length ? posts : [{ id: 0, authorId: 0, kind: "comment" as const }]);
      switch (op) {
        case "post": {
          const kind = pick(["approach", "approach", "received_reply", "comment"] as const);
          const body = text();
          const authorId = pick(members);
          const added = await addPost(db, { threadId: pick(threadIds), authorId, kind, body, bodyHtml: body, now });
          posts.push({ id: added.id, authorId, kind });
          break;
        }
        case "vote": {
          const choice = pick([
            { value: "authentic" },
            { value: "not_authentic", reasons: [] as VoteReason[] },
            { value: null },
          ] as const);
          await castVote(db, { postId: post.id, userId: pick(members), choice, now });
          break;
        }
        case "outcome": {
          const outcome =
            rand() < 0.15
              ? null
              : { status: pick([...OUTCOME_STATUSES]), followUp: Math.floor(rand() * 4), happenedAt: now };
          // Sometimes by someone else: refused, and nothing may move.
          const authorId = rand() < 0.9 ? post.authorId : pick(members);
          await setOutcome(db, { postId: post.id, authorId, outcome, now });
          break;
        }
        case "edit":
          await editPost(db, { postId: post.id, editorId: post.authorId, body: text(), bodyHtml: "x", now });
          break;
        case "delete":
          await deletePost(db, { postId: post.id, authorId: post.authorId, now });
          break;
        case "moderate":
          await decideOnPost(db, pick(["hide", "restore", "dismiss"] as const), {
            postId: post.id,
            moderatorId,
            reason: "test",
            now,
          });
          break;
        case "flag":
          await flagPost(db, {
            postId: post.id,
            userId: pick(members),
            reason: "not_anonymised",
            note: null,
            identifyingWords: "x",
            now,
          });
          break;
        case "withdraw": {
          const flag = await db
            .selectFrom("flag")
            .select(["post_id", "user_id"])
            .where("resolved_at", "is", null)
            .executeTakeFirst();
          if (flag) await withdrawFlag(db, { postId: flag.post_id, userId: flag.user_id, now });
          break;
        }
        case "account": {
          const gone = pick(members);
          await deleteAccount(db, { userId: gone, now });
          members.splice(members.indexOf(gone), 1);
          members.push(await member());
          break;
        }
      }
    }
    const stored = await storedInsightCells(db);
    const recount = await recountInsightCells(db);
    expect(Object.fromEntries([...stored].sort())).toEqual(Object.fromEntries([...recount].sort()));
    // The run exercised what it claims to: outcomes, votes and hidden posts all in the counts.
    const charts = new Set([...recount.keys()].map((k) => k.split("|")[0]));
    expect([...charts].sort()).toEqual([
      "examples",
      "followup",
      "length",
      "meeting",
      "question",
      "score",
      "thread",
      "votes",
    ]);
    expect(Object.keys(kinds).length).toBe(9);
  });
});
