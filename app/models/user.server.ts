/** Members: creating accounts, checking passwords, roles. */
import type { Kysely } from "kysely";
import { comingBackForExport } from "~/models/coming-back-export.server";
import { pageTag } from "~/utils/page-cache.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/utils/password.server";
import { wilsonLowerBound } from "~/utils/wilson";
import type { Database, Role } from "../../db/schema";
import { dropPages } from "./drop-pages.server";
import { insightsAfterAccountDeletion } from "./insight-aggregates.server";
import { eraseEmailData } from "./member-email.server";
import { outcomesForExport } from "./outcome.server";

export function usernameKey(username: string): string {
  return username.toLowerCase();
}

export class UsernameTakenError extends Error {
  constructor() {
    super("That username is taken.");
  }
}

export async function createUser(
  db: Kysely<Database>,
  { username, password, now = Date.now() }: { username: string; password: string; now?: number },
): Promise<{ id: number; username: string }> {
  const passwordHash = await hashPassword(password);
  const row = await db
    .insertInto("user")
    .values({
      username,
      username_key: usernameKey(username),
      password_hash: passwordHash,
      created_at: now,
      deleted_at: null,
    })
    .onConflict((oc) => oc.column("username_key").doNothing())
    .returning(["id", "username"])
    .executeTakeFirst();
  if (!row) throw new UsernameTakenError();
  return row;
}

/** The user whose password this is, or null; as slow for unknown usernames as for wrong passwords. */
export async function verifyLogin(
  db: Kysely<Database>,
  { username, password }: { username: string; password: string },
): Promise<{ id: number; username: string } | null> {
  const user = await db
    .selectFrom("user")
    .select(["id", "username", "password_hash"])
    .where("username_key", "=", usernameKey(username))
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user?.password_hash) return verifyAgainstDummy(password).then(() => null);
  if (!(await verifyPassword(user.password_hash, password))) return null;
  return { id: user.id, username: user.username };
}

export async function getUserByUsername(db: Kysely<Database>, username: string) {
  return db
    .selectFrom("user")
    .select(["id", "username", "role", "created_at", "deleted_at"])
    .where("username_key", "=", usernameKey(username))
    .executeTakeFirst();
}

/** Sets a member's role; false when no such user exists. */
export async function setRole(
  db: Kysely<Database>,
  { username, role }: { username: string; role: Role },
): Promise<boolean> {
  const result = await db
    .updateTable("user")
    .set({ role })
    .where("username_key", "=", usernameKey(username))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Changes a password after checking the current one; every other session of the member ends. */
export async function changePassword(
  db: Kysely<Database>,
  {
    userId,
    currentPassword,
    newPassword,
    keepSessionId,
  }: { userId: number; currentPassword: string; newPassword: string; keepSessionId: string },
): Promise<boolean> {
  const user = await db
    .selectFrom("user")
    .select("password_hash")
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, currentPassword))) return false;
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    await trx.deleteFrom("session").where("user_id", "=", userId).where("id", "!=", keepSessionId).execute();
  });
  return true;
}

/**
 * Deletes a member's account. Their posts stay, shown as by a former member,
 * so threads keep their sense; their votes go, with every count and ranking
 * they touched corrected in the same transaction; their sessions end; they
 * can no longer sign in. The username stays reserved so nobody can take it
 * over and seem to be them.
 */
export async function deleteAccount(
  db: Kysely<Database>,
  { userId, now = Date.now() }: { userId: number; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const votes = await trx
      .selectFrom("vote")
      .select(["post_id", "value", "created_at"])
      .where("user_id", "=", userId)
      .execute();
    await trx.deleteFrom("vote").where("user_id", "=", userId).execute();
    for (const vote of votes) {
      const post = await trx
        .updateTable("post")
        .set((eb) =>
          vote.value === "authentic"
            ? { authentic_count: eb("authentic_count", "-", 1) }
            : { not_authentic_count: eb("not_authentic_count", "-", 1) },
        )
        .where("id", "=", vote.post_id)
        .returning(["authentic_count", "not_authentic_count"])
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("post")
        .set({
          authenticity_rank: wilsonLowerBound(post.authentic_count, post.authentic_count + post.not_authentic_count),
        })
        .where("id", "=", vote.post_id)
        .execute();
    }
    await insightsAfterAccountDeletion(trx, { userId, votes });
    await trx.deleteFrom("session").where("user_id", "=", userId).execute();
    // What was theirs to read goes; others' notifications about them stay, naming "a former member".
    for (const table of ["notification", "thread_reader", "notification_setting"] as const)
      await trx.deleteFrom(table).where("user_id", "=", userId).execute();
    await eraseEmailData(trx, userId);
    await trx.updateTable("user").set({ deleted_at: now, password_hash: null }).where("id", "=", userId).execute();
  });
  // Their name becomes "former member" wherever it was shown, and scores they voted on change: start afresh.
  dropPages(pageTag.everything);
}

/** Everything a member wrote, as plain data for their download. */
export async function exportMemberData(db: Kysely<Database>, userId: number) {
  const account = await db
    .selectFrom("user")
    .select(["username", "role", "created_at"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const posts = await db
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select([
      "post.id",
      "post.number",
      "post.kind",
      "post.body",
      "post.context_line",
      "post.created_at",
      "post.edited_at",
      "post.deleted_at",
      "thread.slug",
      "thread.title",
    ])
    .where("post.author_id", "=", userId)
    .orderBy("post.id")
    .execute();
  const revisions = await db
    .selectFrom("post_revision")
    .innerJoin("post", "post.id", "post_revision.post_id")
    .select(["post_revision.post_id", "post_revision.body", "post_revision.context_line", "post_revision.created_at"])
    .where("post.author_id", "=", userId)
    .orderBy("post_revision.id")
    .execute();
  const votes = await db
    .selectFrom("vote")
    .innerJoin("post", "post.id", "vote.post_id")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .leftJoin("vote_reason", (join) =>
      join.onRef("vote_reason.post_id", "=", "vote.post_id").onRef("vote_reason.user_id", "=", "vote.user_id"),
    )
    .select(["vote.post_id", "vote.value", "vote.updated_at", "vote_reason.reason", "thread.slug", "post.number"])
    .where("vote.user_id", "=", userId)
    .orderBy("vote.post_id")
    .execute();
  const flags = await db
    .selectFrom("flag")
    .innerJoin("post", "post.id", "flag.post_id")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select(["flag.reason", "flag.note", "flag.created_at", "thread.slug", "post.number"])
    .where("flag.user_id", "=", userId)
    .orderBy("flag.id")
    .execute();
  const email = await db
    .selectFrom("member_email")
    .select(["address", "verified_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const revisionsByPost = new Map<number, typeof revisions>();
  for (const r of revisions) {
    const list = revisionsByPost.get(r.post_id);
    if (list) list.push(r);
    else revisionsByPost.set(r.post_id, [r]);
  }
  const votesByPost = new Map<
    number,
    { thread: string; post: number; value: string; reasons: string[]; at: string | null }
  >();
  for (const v of votes) {
    const entry = votesByPost.get(v.post_id) ?? {
      thread: v.slug,
      post: v.number,
      value: v.value,
      reasons: [],
      at: iso(v.updated_at),
    };
    if (v.reason) entry.reasons.push(v.reason);
    votesByPost.set(v.post_id, entry);
  }
  return {
    account: {
      username: account.username,
      role: account.role,
      joined: iso(account.created_at),
      email: email ? { address: email.address, confirmed: iso(email.verified_at) } : null,
    },
    posts: posts.map((p) => ({
      thread: p.slug,
      threadTitle: p.title,
      number: p.number,
      kind: p.kind,
      text: p.body,
      context: p.context_line,
      written: iso(p.created_at),
      edited: iso(p.edited_at),
      deleted: iso(p.deleted_at),
      earlierVersions: (revisionsByPost.get(p.id) ?? []).map((r) => ({
        text: r.body,
        context: r.context_line,
        replaced: iso(r.created_at),
      })),
    })),
    outcomes: await outcomesForExport(db, userId),
    ...(await comingBackForExport(db, userId)),
    votes: [...votesByPost.values()],
    flags: flags.map((f) => ({
      thread: f.slug,
      post: f.number,
      reason: f.reason,
      note: f.note,
      at: iso(f.created_at),
    })),
  };
}
