/**
 * A small in-memory BM25 index (Robertson & Zaragoza's Okapi BM25, k1 = 1.2, b = 0.75) for
 * "similar messages". Built once in the background, queried by many requests: a query visits
 * its rarest terms first and stops after a budget of postings, so a draft full of common words
 * costs no more than a fixed amount of work however large the forum grows.
 */
import { contentWords } from "./phrases";

const K1 = 1.2;
const B = 0.75;
/** Postings a query reads at most: well under 1 ms of work (decision 0017). */
const DEFAULT_BUDGET = 10_000;

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
  /** Reused by every query (requests run one at a time in a process): no allocation per query. */
  private scratch = new Float64Array(0);

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
    this.scores(text, budget, (doc, score) => {
      if (!keep || keep(doc)) hits.push({ doc, score });
    });
    return hits.sort((x, y) => y.score - x.score || x.doc - y.doc);
  }

  /**
   * The best `k` documents of each group (e.g. "feels authentic" and "doesn't"), in one pass and
   * without sorting every hit: what a request needs, at a cost bounded by the budget.
   */
  topPerGroup<G extends string>(text: string, groupOf: (doc: number) => G | null, k: number, budget = DEFAULT_BUDGET) {
    const top = new Map<G, Bm25Hit[]>();
    this.scores(text, budget, (doc, score) => {
      const group = groupOf(doc);
      if (group === null) return;
      let list = top.get(group);
      if (!list) top.set(group, (list = []));
      if (list.length === k && !better(score, doc, list[k - 1])) return;
      // Insertion into a list of at most k: cheaper than sorting every hit.
      let at = list.length === k ? k - 1 : list.length;
      list[at] = { doc, score };
      while (at > 0 && better(score, doc, list[at - 1])) {
        [list[at - 1], list[at]] = [list[at], list[at - 1]];
        at -= 1;
      }
    });
    return top;
  }

  /**
   * Scores every document sharing a term with the text. Terms are read rarest first; a term in
   * more than a quarter of the documents says little about likeness and is skipped while rarer
   * ones exist; once the budget is spent, a long list is read from its end (the newest messages).
   * Each document's score goes to `visit`, in the order first reached (no list of hits is made).
   */
  private scores(text: string, budget: number, visit: (doc: number, score: number) => void): void {
    const n = this.lengths.length;
    if (n === 0) return;
    const avg = this.totalLength / n || 1;
    const all = [...new Set(contentWords(text))]
      .map((w) => this.postings.get(w))
      .filter((p): p is Postings => p !== undefined)
      .sort((x, y) => x.docs.length - y.docs.length);
    // (Below a few hundred documents every term counts: a quarter of a handful is no evidence.)
    const informative = all.filter((p) => p.docs.length <= Math.max(n / 4, 100));
    const terms = informative.length ? informative : all;
    if (this.scratch.length !== n) this.scratch = new Float64Array(n);
    const acc = this.scratch;
    const touched: number[] = [];
    let left = budget;
    for (const p of terms) {
      if (left <= 0) break;
      const df = p.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const from = Math.max(0, df - left);
      left -= df - from;
      for (let i = from; i < df; i++) {
        const doc = p.docs[i];
        const tf = p.tf[i];
        if (acc[doc] === 0) touched.push(doc);
        acc[doc] += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[doc]) / avg));
      }
    }
    for (const doc of touched) {
      const score = acc[doc];
      acc[doc] = 0;
      visit(doc, score);
    }
  }
}

/** Higher score first; on a tie, the older document (lower number), so results are stable. */
function better(score: number, doc: number, than: Bm25Hit): boolean {
  return score > than.score || (score === than.score && doc < than.doc);
}
