/**
 * compromise's part-of-speech tagger, as the anonymiser uses it: loaded on first use, asked only
 * when a rule needs a word's tags, and with a quicker way into its contextual rules that gives
 * exactly its own answers.
 *
 * Why the last: compromise's second pass ("postTagger") runs ~1,000 match rules. For each sentence
 * it first walks every one of its ~2,000 rule keys (words and tags a rule needs) to see which the
 * sentence holds — about a third of the whole tagger's time, for a sentence that holds a few
 * dozen. `quickerSweep` hands it only the keys the text holds, in the order compromise keeps them,
 * so it picks the same rules in the same order and tags the same (the test compares the two on
 * every corpus text). It reaches into compromise's internals (`methods.one.bulkMatch`, a rule
 * net's `hooks`); when they are not shaped as expected, compromise runs untouched.
 */
import { createRequire } from "node:module";
import type Compromise from "compromise/two";

/** compromise is slow on long texts (5–20 ms per 1,000 characters); past this it only sees a prefix. */
export const NLP_CHAR_CAP = 600;

type Hooks = Record<string, unknown>;
type BulkMatch = (document: unknown, net: { hooks?: unknown }, methods: unknown, opts: unknown) => unknown;
interface Methods {
  one?: { bulkMatch?: BulkMatch; cacheDoc?: (document: unknown) => unknown };
}

/** Each rule net's keys and their order, worked out once per net (compromise builds its nets once). */
const keyOrders = new WeakMap<Hooks, Map<string, number>>();

/** The keys of `hooks` that the text's sentences hold, in compromise's own order. */
export function heldHooks(hooks: Hooks, sentences: Iterable<Iterable<string>>): Hooks {
  let order = keyOrders.get(hooks);
  if (!order) {
    order = new Map(Object.keys(hooks).map((key, i) => [key, i]));
    keyOrders.set(hooks, order);
  }
  const held: string[] = [];
  const seen = new Set<string>();
  for (const sentence of sentences)
    for (const key of sentence) if (order.has(key) && !seen.has(key) && seen.add(key)) held.push(key);
  const ranks = order;
  held.sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
  // Object.keys orders integer-like keys first in both objects alike, so the order is kept.
  const out: Hooks = {};
  for (const key of held) out[key] = hooks[key];
  return out;
}

let quick = true;
/** For the test that compares the two ways: false runs compromise's own sweep. */
export function setQuickerSweep(on: boolean): void {
  quick = on;
}

function quickerSweep(methods: Methods): void {
  const one = methods.one;
  const original = one?.bulkMatch;
  const cacheDoc = one?.cacheDoc;
  if (!one || !original || !cacheDoc) return;
  one.bulkMatch = function (this: unknown, document, net, allMethods, opts) {
    const sentences = quick ? cacheDoc(document) : null;
    if (!Array.isArray(sentences) || typeof net.hooks !== "object" || net.hooks === null)
      return original.call(this, document, net, allMethods, opts);
    return original.call(this, document, { ...net, hooks: heldHooks(net.hooks as Hooks, sentences) }, allMethods, opts);
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
    quickerSweep((nlp.world() as { methods: Methods }).methods);
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
 * not at all for a text whose words the word lists settle (a third of short drafts).
 */
export function lazyTags(text: string): (offset: number) => ReadonlySet<string> | undefined {
  let tags: Map<number, ReadonlySet<string>> | undefined;
  return (offset) => (tags ??= nlpTagsByOffset(text)).get(offset);
}
