import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lazyTags, loadCompromise, nlpTagsByOffset, setQuickerSweep } from "./tagger";

const FIXTURES = path.join(process.cwd(), "tests/fixtures/anonymise");

/** Every text of every corpus, and the first hundred in lower case (texting style takes other paths). */
function corpusTexts(): string[] {
  const texts: string[] = [];
  for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))) {
    const entries = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")) as { text: string }[];
    texts.push(...entries.map((e) => e.text));
  }
  return [...texts, ...texts.slice(0, 100).map((text) => text.toLowerCase())];
}

const asRows = (tags: Map<number, ReadonlySet<string>>) =>
  [...tags].map(([offset, set]) => `${offset}:${[...set].sort().join(",")}`);

describe("the tagger the anonymiser asks", () => {
  afterEach(() => setQuickerSweep(true));

  it("tags every corpus text exactly as compromise's own sweep does", () => {
    const texts = corpusTexts();
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) {
      setQuickerSweep(false);
      const own = asRows(nlpTagsByOffset(text));
      setQuickerSweep(true);
      expect(asRows(nlpTagsByOffset(text)), text.slice(0, 60)).toEqual(own);
    }
  });

  it("finds exactly the matches compromise's own sweep finds, rule by rule", () => {
    const { nlp } = loadCompromise();
    // The tagger's own rule net, caught as compromise hands it to the sweep.
    const one = (nlp.world() as { methods: { one: { bulkMatch: (...args: unknown[]) => unknown } } }).methods.one;
    const sweep = one.bulkMatch;
    let net: unknown;
    one.bulkMatch = function (this: unknown, ...args: unknown[]) {
      net ??= args[1];
      return sweep.apply(this, args);
    };
    nlp("Hello there, Sam.");
    one.bulkMatch = sweep;
    expect(net).toBeDefined();
    type Found = { match: string; view: { fullPointer: number[][] } };
    const found = (text: string) =>
      (nlp(text) as unknown as { sweep: (net: unknown, opts: object) => { found: Found[] } })
        .sweep(net, { tagger: false })
        .found.map((f) => `${f.match}@${JSON.stringify(f.view.fullPointer.map((p) => p.slice(0, 3)))}`);
    const texts = corpusTexts().filter((_, i) => i % 2 === 0);
    let matches = 0;
    for (const text of texts) {
      setQuickerSweep(false);
      const own = found(text.slice(0, 600));
      setQuickerSweep(true);
      expect(found(text.slice(0, 600)), text.slice(0, 60)).toEqual(own);
      matches += own.length;
    }
    expect(matches).toBeGreaterThan(texts.length);
  });

  it("reads compromise's second level, which tags as its third does", () => {
    const three = createRequire(import.meta.url)("compromise") as (text: string) => {
      json: (o: object) => { terms: { tags: string[]; offset: { start: number } }[] }[];
    };
    // Texts under the 600-character cap, which compromise sees whole.
    const texts = corpusTexts()
      .filter((text) => text.length <= 600)
      .filter((_, i) => i % 3 === 0);
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      const expected = new Map<number, ReadonlySet<string>>();
      for (const s of three(text).json({ offset: true, terms: { offset: true } }))
        for (const t of s.terms) expected.set(t.offset.start, new Set(t.tags));
      expect(asRows(nlpTagsByOffset(text)), text.slice(0, 60)).toEqual(asRows(expected));
    }
  });

  it("answers word by word what tagging the whole text gives", () => {
    const text = "Hi Sam, I saw your post about Brightwater and tried it with Priya at Monzo.";
    const all = nlpTagsByOffset(text);
    const tagsAt = lazyTags(text);
    for (const offset of [0, 3, 30, 60, 5]) expect(tagsAt(offset)).toEqual(all.get(offset));
    expect(all.get(3)?.has("Person")).toBe(true);
  });
});
