/**
 * The workshop answer's parts, each timed as CPU in this process on the benchmark forum
 * (scripts/bench/workshop.ts prints them under the server's figures): where the answer's time goes.
 */
import { closeDb, getDb } from "../../app/db.server";
import { workshopCorpus } from "../../app/models/workshop-corpus.server";
import { phraseNotes, similarMessages } from "../../app/models/workshop.server";
import { workshopFeedback } from "../../app/server/workshop.server";
import { examplePreview } from "../../app/utils/example-message";
import { messageFacts } from "../../app/workshop/facts";
import { checkDraft } from "../../app/workshop/rules";

/** Each request's draft differs (a number at the end), as a draft does while it is typed. */
export const draftAt = (list: string[], i: number) => `${list[i % list.length]} (${i})`;

const ROUNDS = 400;

async function cpuPerCall(list: string[], run: (text: string) => unknown): Promise<number> {
  for (let i = 0; i < 40; i++) await run(draftAt(list, i));
  const before = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) await run(draftAt(list, i));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / ROUNDS;
}

export async function timeParts(dbFile: string, sets: string[][]): Promise<{ label: string; ms: number[] }[]> {
  process.env.DATABASE_PATH = dbFile;
  const db = getDb();
  try {
    const corpus = await workshopCorpus(db);
    const parts: [string, (text: string) => unknown][] = [
      ["the article's checks and the plain facts", (text) => [checkDraft(text), messageFacts(text)]],
      ["privacy: the anonymiser's preview", (text) => examplePreview({ text, contextLine: "", remove: [], keep: [] })],
      ["phrases the votes mark: one indexed lookup", (text) => phraseNotes(db, text)],
      [
        "similar messages: the BM25 query in memory",
        (text) => corpus.index.topPerGroup(text, (doc) => corpus.docs[doc].leaning, 5),
      ],
      [
        "similar messages: the query and the reads of those shown",
        (text) => similarMessages(db, { text, viewer: null, corpus }),
      ],
      ["all of the feedback (workshopFeedback)", (text) => workshopFeedback(text, null)],
      ["all of the feedback, and its JSON", async (text) => JSON.stringify(await workshopFeedback(text, null))],
    ];
    const result: { label: string; ms: number[] }[] = [];
    for (const [label, run] of parts) {
      const ms: number[] = [];
      for (const list of sets) ms.push(await cpuPerCall(list, run));
      result.push({ label, ms });
    }
    return result;
  } finally {
    await closeDb();
  }
}
