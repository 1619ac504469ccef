/**
 * An example message's history cannot undo a removal (decision 0009). When its author or a
 * moderator takes words out, every earlier version, and the guide's curated copy of the
 * message, go through the anonymiser again with those words removed, in the transaction of the
 * edit itself. Comments are not anonymised and keep their public history as it was.
 */
import type { Transaction } from "kysely";
import { anonymiseExample, exampleMessageHtml, type ExampleDraft } from "~/utils/example-message";
import { removedPhrases } from "~/utils/removed-phrases";
import type { Database } from "../../db/schema";
import { reindexPost } from "./search-index.server";

/**
 * The words an edit removes: what the anonymiser took out of the new draft (its own finds and
 * the words listed to remove), and what was deleted by hand from the version it replaces.
 */
export function removalsOf(
  before: { body: string; contextLine: string | null },
  draft: ExampleDraft,
  redacted: { original: string }[],
): string[] {
  const all = [
    ...draft.remove,
    ...redacted.map((r) => r.original.trim()),
    ...removedPhrases(before.body, draft.text),
    ...removedPhrases(before.contextLine ?? "", draft.contextLine),
  ];
  const seen = new Set<string>();
  return all.filter((word) => word !== "" && !seen.has(word.toLowerCase()) && seen.add(word.toLowerCase()));
}

/**
 * Rewrites the post's earlier versions and its guide entry's curated text through the anonymiser
 * with `removals` taken out. `keep` (the anonymiser's false positives the editor undid) applies
 * too, except to a word that is itself being removed. Returns how many earlier versions there are.
 */
export async function redactHistory(
  trx: Transaction<Database>,
  { postId, removals, keep }: { postId: number; removals: string[]; keep: string[] },
): Promise<number> {
  const removing = new Set(removals.map((w) => w.toLowerCase()));
  const options = { remove: removals, keep: keep.filter((w) => !removing.has(w.toLowerCase())) };
  const redact = (body: string, contextLine: string | null) => {
    const result = anonymiseExample({ text: body, contextLine: contextLine ?? "", ...options });
    return { body: result.text, body_html: exampleMessageHtml(result.text), context_line: result.contextLine };
  };
  const revisions = await trx
    .selectFrom("post_revision")
    .select(["id", "body", "context_line"])
    .where("post_id", "=", postId)
    .execute();
  for (const revision of revisions) {
    await trx
      .updateTable("post_revision")
      .set(redact(revision.body, revision.context_line))
      .where("id", "=", revision.id)
      .execute();
  }
  const entry = await trx
    .selectFrom("guide_entry")
    .select(["id", "curated_body", "curated_context_line"])
    .where("post_id", "=", postId)
    .executeTakeFirst();
  if (entry && entry.curated_body !== "") {
    const curated = redact(entry.curated_body, entry.curated_context_line);
    await trx
      .updateTable("guide_entry")
      .set({
        curated_body: curated.body,
        curated_body_html: curated.body_html,
        curated_context_line: curated.context_line,
      })
      .where("id", "=", entry.id)
      .execute();
    await reindexPost(trx, postId);
  }
  return revisions.length;
}
