/**
 * compromise's part-of-speech tagger, as the anonymiser uses it: loaded on first use, asked only
 * when a rule needs a word's tags, and with a quicker sweep through its contextual rules that
 * gives exactly its own answers.
 *
 * Why the sweep: compromise's second pass ("postTagger") holds ~1,000 match rules, filed under
 * ~2,000 keys (a word or tag a rule needs). For each sentence its own sweep walks every key to see
 * which the sentence holds, gathers their rules, drops repeats by comparing pattern strings, then
 * keeps the rules whose needs the sentence meets — nearly half the tagger's time, for a sentence that
 * holds a few dozen keys. `sweep` below does the same steps in the same order from the keys the
 * sentence holds (sorted into compromise's order) and marks repeats by number, then runs the
 * rules with compromise's own `match`; results are identical (the test compares the two on every
 * corpus text). It reads compromise's internals (`methods.one.bulkMatch`, a rule net's `hooks`
 * and `always`, `methods.one.cacheDoc` and `match`, as in compromise 14); when they are not
 * shaped as expected, compromise's own sweep runs.
 */
import { createRequire } from "node:module";
import type Compromise from "compromise/two";

/** compromise is slow on long texts (5–20 ms per 1,000 characters); past this it only sees a prefix. */
export const NLP_CHAR_CAP = 600;

interface Rule {
  match: string;
  needs: string[];
  ifNo?: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  unTag?: unknown;
}
interface Net {
  hooks: Record<string, Rule[]>;
  always: Rule[];
}
type Sentence = unknown[];
interface One {
  bulkMatch?: (document: Sentence[], net: unknown, methods: unknown, opts?: { matchOne?: boolean }) => unknown;
  cacheDoc?: (document: Sentence[]) => Set<string>[];
  match?: (docs: Sentence[], rule: Rule) => { ptrs: number[][] };
}

/** Per rule net (compromise builds each once): its keys' order, and a number per pattern. */
const prepared = new WeakMap<
  object,
  { order: Map<string, number>; ids: Map<string, number>; seen: Int32Array; stamp: number }
>();

function prepare(hooks: Net["hooks"]) {
  let p = prepared.get(hooks);
  if (!p) {
    const keys = Object.keys(hooks);
    const ids = new Map<string, number>();
    for (const key of keys) for (const rule of hooks[key]) if (!ids.has(rule.match)) ids.set(rule.match, ids.size);
    p = { order: new Map(keys.map((key, i) => [key, i])), ids, seen: new Int32Array(ids.size), stamp: 0 };
    prepared.set(hooks, p);
  }
  return p;
}

/** compromise's `bulkMatch` (sweep/index.js and its three steps), step for step. */
function sweep(document: Sentence[], net: Net, one: Required<One>, opts: { matchOne?: boolean } = {}) {
  const p = prepare(net.hooks);
  const { order, ids, seen } = p;
  const results: (Rule & { pointer: number[] })[] = [];
  const caches = one.cacheDoc(document);
  for (let n = 0; n < caches.length; n++) {
    const haves = caches[n];
    const terms = document[n].length;
    const keys = [...haves].filter((key) => order.has(key));
    keys.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    // Each net counts its own sentences, so a number in `seen` is never one another net left there.
    if (++p.stamp > 2 ** 30) {
      seen.fill(0);
      p.stamp = 1;
    }
    const stamp = p.stamp;
    const todo: Rule[] = [];
    for (const key of keys)
      for (const rule of net.hooks[key]) {
        // The first of a pattern is the one kept, whether or not it passes the checks below.
        const id = ids.get(rule.match) ?? 0;
        if (seen[id] === stamp) continue;
        seen[id] = stamp;
        if (!rule.needs.every((need) => haves.has(need))) continue;
        if (rule.ifNo !== undefined && rule.ifNo.some((no) => haves.has(no))) continue;
        if (rule.wants.length > 0 && rule.wants.filter((want) => haves.has(want)).length < rule.minWant) continue;
        if (terms >= rule.minWords) todo.push(rule);
      }
    for (const rule of net.always) if (terms >= rule.minWords) todo.push(rule);
    for (const rule of todo) {
      const found = one.match([document[n]], rule);
      if (found.ptrs.length === 0) continue;
      for (const ptr of found.ptrs) {
        ptr[0] = n;
        const result = Object.assign({}, rule, { pointer: ptr });
        if (rule.unTag !== undefined) result.unTag = rule.unTag;
        results.push(result);
      }
      if (opts.matchOne === true) return [results[0]];
    }
  }
  return results;
}

let quick = true;
/** For the test that compares the two ways: false runs compromise's own sweep. */
export function setQuickerSweep(on: boolean): void {
  quick = on;
}

function installSweep(methods: { one?: One }): void {
  const one = methods.one;
  const original = one?.bulkMatch;
  if (!one || !original || typeof one.cacheDoc !== "function" || typeof one.match !== "function") return;
  const own = one as Required<One>;
  one.bulkMatch = function (this: unknown, document, net, allMethods, opts) {
    const shaped =
      quick &&
      typeof net === "object" &&
      net !== null &&
      typeof (net as Net).hooks === "object" &&
      Array.isArray((net as Net).always);
    // compromise's sweep reads cacheDoc and match from the methods it is handed: so does this one.
    const given = (allMethods as { one?: One } | null)?.one;
    const from = given?.cacheDoc && given.match ? (given as Required<One>) : own;
    return shaped ? sweep(document, net as Net, from, opts) : original.call(this, document, net, allMethods, opts);
  };
}

/**
 * compromise, loaded on first use: it costs about 40 MB and 0.4 s to load, and only sharing,
 * editing, reviewing an example message and the draft workshop need it, so a server that is only
 * read pays nothing. Its second level (the tagger) is all the anonymiser reads: the third adds
 * phrase chunking on every call and no tags or words (the test checks both give the same tags).
 */
let compromise: { nlp: typeof Compromise; lexicon: Record<string, string | string[] | undefined> } | undefined;
export function loadCompromise() {
  if (!compromise) {
    const nlp = createRequire(import.meta.url)("compromise/two") as typeof Compromise;
    installSweep((nlp.world() as { methods: { one?: One } }).methods);
    // The slice of its model we read: the lexicon of known words and their tags.
    const model = nlp.model() as { one?: { lexicon?: Record<string, string | string[]> } };
    compromise = { nlp, lexicon: model.one?.lexicon ?? {} };
  }
  return compromise;
}

/** Tags compromise gives each word of the (capped) text, keyed by the word's start offset. */
export function nlpTagsByOffset(text: string): Map<number, ReadonlySet<string>> {
  const byOffset = new Map<number, ReadonlySet<string>>();
  const cut = text.length <= NLP_CHAR_CAP ? text.length : text.lastIndexOf("\n", NLP_CHAR_CAP);
  const seen = text.slice(0, cut > 0 ? cut : NLP_CHAR_CAP);
  type TermJson = { text: string; tags: string[]; offset: { start: number } };
  const sentences = loadCompromise()
    .nlp(seen)
    .json({ offset: true, terms: { offset: true } }) as { terms: TermJson[] }[];
  for (const sentence of sentences) {
    for (const term of sentence.terms) byOffset.set(term.offset.start, new Set(term.tags));
  }
  return byOffset;
}

/**
 * A text's tags, asked for word by word: compromise runs the first time a rule asks, once, and
 * not at all for a text whose words the word lists settle (at least half of the bench's short drafts).
 */
export function lazyTags(text: string): (offset: number) => ReadonlySet<string> | undefined {
  let tags: Map<number, ReadonlySet<string>> | undefined;
  return (offset) => (tags ??= nlpTagsByOffset(text)).get(offset);
}
