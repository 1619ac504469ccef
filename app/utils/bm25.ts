/**
 * A small in-memory BM25 index (Robertson & Zaragoza's Okapi BM25, k1 = 1.2, b = 0.75) for
 * "similar messages". Built once in the background, queried by many requests: a query visits
 * its rarest terms first and stops after a budget of postings, so a draft full of common words
 * costs no more than a fixed amount of work however large the forum grows.
 */
import { contentWords } from "./phrases";

const K1 = 1.2;
const B = 0.75;
/** Postings a query reads at most: about 1 ms of work (decision 0017). */
const DEFAULT_BUDGET = 40_000;

interface Postings {
  docs: number[];
  tf: number[];
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[] = [];
  private totalLength = 0;

  /** Adds a document; returns its number (0, 1, 2…), which query results refer to. */
  add(text: string): number {
    const doc = this.lengths.length;
    const words = contentWords(text);
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const [w, n] of tf) {
      let p = this.postings.get(w);
      if (!p) {
        p = { docs: [], tf: [] };
        this.postings.set(w, p);
      }
      p.docs.push(doc);
      p.tf.push(n);
    }
    this.lengths.push(words.length);
    this.totalLength += words.length;
    return doc;
  }

  get size(): number {
    return this.lengths.length;
  }

  /**
   * Scores of the documents sharing words with the text, best first, each passing `keep`.
   * `budget` caps the postings read (rarest terms first: they carry the most weight).
   */
  query(text: string, { budget = DEFAULT_BUDGET, keep }: { budget?: number; keep?: (doc: number) => boolean } = {}) {
    const hits: Bm25Hit[] = [];
    for (const [doc, score] of this.scores(text, budget)) if (!keep || keep(doc)) hits.push({ doc, score });
    return hits.sort((x, y) => y.score - x.score || x.doc - y.doc);
  }

  /**
   * The best `k` documents of each group (e.g. "feels authentic" and "doesn't"), in one pass and
   * without sorting every hit: what a request needs, at a cost bounded by the budget.
   */
  topPerGroup<G extends string>(text: string, groupOf: (doc: number) => G | null, k: number, budget = DEFAULT_BUDGET) {
    const top = new Map<G, Bm25Hit[]>();
    for (const [doc, score] of this.scores(text, budget)) {
      const group = groupOf(doc);
      if (group === null) continue;
      const list = top.get(group) ?? [];
      if (list.length === k && !better(score, doc, list[k - 1])) continue;
      list.push({ doc, score });
      list.sort((x, y) => (better(x.score, x.doc, y) ? -1 : 1));
      if (list.length > k) list.pop();
      top.set(group, list);
    }
    return top;
  }

  private scores(text: string, budget: number): Map<number, number> {
    const n = this.lengths.length;
    const scores = new Map<number, number>();
    if (n === 0) return scores;
    const avg = this.totalLength / n || 1;
    const terms = [...new Set(contentWords(text))]
      .map((w) => this.postings.get(w))
      .filter((p): p is Postings => p !== undefined)
      .sort((x, y) => x.docs.length - y.docs.length);
    let visited = 0;
    for (const p of terms) {
      if (visited + p.docs.length > budget && visited > 0) break;
      visited += p.docs.length;
      const df = p.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < df; i++) {
        const doc = p.docs[i];
        const tf = p.tf[i];
        const norm = tf + K1 * (1 - B + (B * this.lengths[doc]) / avg);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (K1 + 1)) / norm);
      }
    }
    return scores;
  }
}

/** Higher score first; on a tie, the older document (lower number), so results are stable. */
function better(score: number, doc: number, than: Bm25Hit): boolean {
  return score > than.score || (score === than.score && doc < than.doc);
}
