/** A comment's HTML with its @mentions of existing members linked to their pages (only those: a name nobody holds stays text). */
import type { Kysely } from "kysely";
import { renderMarkdown } from "~/utils/markdown";
import { linkMentions, mentionedNames } from "~/utils/mentions";
import type { Database } from "../../db/schema";

export async function commentHtml(db: Kysely<Database>, body: string): Promise<string> {
  const html = renderMarkdown(body);
  const names = mentionedNames(body);
  if (names.length === 0) return html;
  const members = await db
    .selectFrom("user")
    .select(["username", "username_key"])
    .where("username_key", "in", names)
    .where("deleted_at", "is", null)
    .execute();
  return linkMentions(html, new Map(members.map((m) => [m.username_key, m.username])));
}
