/**
 * Opens the article's prompt threads and posts its own messages as their
 * first examples. Idempotent: a thread already seeded (matched by its seed
 * key) is left exactly as it is, whatever a moderator has changed since, and
 * the article's messages are posted only once. Run on every start and by
 * `npm run db:seed` (scripts/db-seed.ts).
 */
import type { Kysely } from "kysely";
import { addExampleMessage } from "../app/models/post.server";
import { renderMarkdown } from "../app/utils/markdown";
import type { Database } from "./schema";
import { refreshThreadInSearch } from "./search-documents";
import { ARTICLE_AUTHOR, seedExamples, seedThreads } from "./seed-threads";

export interface SeedResult {
  threadsAdded: number;
  examplesAdded: number;
}

export async function seed(db: Kysely<Database>, now = Date.now()): Promise<SeedResult> {
  let threadsAdded = 0;
  await db.transaction().execute(async (trx) => {
    for (const thread of seedThreads) {
      const result = await trx
        .insertInto("thread")
        .values({
          seed_key: thread.seedKey,
          slug: thread.slug,
          title: thread.title,
          prompt: thread.prompt,
          context_md: thread.context,
          context_html: renderMarkdown(thread.context),
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .executeTakeFirst();
      if (result) await refreshThreadInSearch(trx, result.id);
      threadsAdded += result ? 1 : 0;
    }
  });
  return { threadsAdded, examplesAdded: await seedArticleExamples(db, now) };
}

/** Posts the article's messages once: only when the account they belong to is first created. */
async function seedArticleExamples(db: Kysely<Database>, now: number): Promise<number> {
  const author = await db
    .insertInto("user")
    .values({
      username: ARTICLE_AUTHOR,
      username_key: ARTICLE_AUTHOR,
      password_hash: null,
      created_at: now,
      deleted_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!author) return 0;
  let added = 0;
  for (const example of seedExamples) {
    const thread = await db.selectFrom("thread").select("id").where("slug", "=", example.threadSlug).executeTakeFirst();
    if (!thread) continue;
    await addExampleMessage(db, {
      threadId: thread.id,
      authorId: author.id,
      kind: example.kind,
      draft: { text: example.text, contextLine: example.contextLine, remove: [], keep: [] },
      now,
    });
    added += 1;
  }
  return added;
}
