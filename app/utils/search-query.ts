/**
 * The search box's query language (issue 16): words (all must match), "exact phrase", -word, word*,
 * and the filters kind:, thread:, by:, in:guide, sort:. Every input is a valid query: whatever is
 * not understood as one of these is searched as plain words, and only letters and digits ever reach
 * an engine's query syntax (db/dialect/search-index.ts builds it from the terms below).
 */
import { cjkQuery, cjkRuns, foldText } from "./search-text";

/** One thing to match: a word or phrase (words in a row), or a CJK run's character pairs. */
export interface SearchTerm {
  script: "words" | "cjk";
  /** Folded words, or CJK tokens (digits); more than one must follow each other. */
  tokens: string[];
  /** The last token matches as the start of a word. */
  prefix: boolean;
  negated: boolean;
}

/** The post kinds (db/schema.ts's PostKind; utils import nothing from the layers above). */
type PostKind = "comment" | "approach" | "received_reply";
export type SearchSort = "relevance" | "new" | "top";
export type SearchKind = PostKind | "thread" | "guide_entry";

export interface SearchQuery {
  terms: SearchTerm[];
  kind: PostKind | null;
  thread: string | null;
  by: string | null;
  inGuide: boolean;
  sort: SearchSort;
  /** Folded words and CJK runs to mark in snippets (not the excluded ones). */
  highlight: { word: string; prefix: boolean }[];
}

export const MAX_QUERY_LENGTH = 500;
const MAX_TERMS = 12;
const MAX_WORD = 64;

const KINDS: Record<string, PostKind> = {
  approach: "approach",
  approaches: "approach",
  reply: "received_reply",
  replies: "received_reply",
  received: "received_reply",
  comment: "comment",
  comments: "comment",
};
const SORTS: Record<string, SearchSort> = { relevance: "relevance", new: "new", newest: "new", top: "top" };

// A run of letters and digits, or one CJK run: what a chunk of the query is made of.
const PIECE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

function termsOf(chunk: string, { prefix, negated }: { prefix: boolean; negated: boolean }): SearchTerm[] {
  const pieces = (foldText(chunk).match(PIECE) ?? []).map((p) => p.slice(0, MAX_WORD));
  const terms: SearchTerm[] = [];
  let words: string[] = [];
  const flushWords = (last: boolean) => {
    if (words.length > 0) terms.push({ script: "words", tokens: words, prefix: prefix && last, negated });
    words = [];
  };
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    if (cjkRuns(piece).length === 0) {
      words.push(piece);
      return;
    }
    flushWords(false);
    const { tokens, prefix: single } = cjkQuery(piece);
    terms.push({ script: "cjk", tokens, prefix: single, negated });
    if (last) words = [];
  });
  flushWords(true);
  return terms;
}

function applyFilter(query: SearchQuery, key: string, value: string): boolean {
  const v = value.toLowerCase();
  switch (key) {
    case "kind":
      if (!(v in KINDS)) return false;
      query.kind = KINDS[v];
      return true;
    case "sort":
      if (!(v in SORTS)) return false;
      query.sort = SORTS[v];
      return true;
    case "in":
      if (v !== "guide") return false;
      query.inGuide = true;
      return true;
    case "thread":
      query.thread = v.slice(0, 200);
      return true;
    case "by":
      query.by = value.replace(/^@/, "").slice(0, 100);
      return true;
    default:
      return false;
  }
}

/** The characters a CJK term's tokens spell: each pair's first character, then the last pair's second. */
function cjkText(tokens: string[]): string {
  const codes = tokens.map((t) => Number(t.slice(0, 6)));
  const last = tokens[tokens.length - 1];
  if (last.length === 12) codes.push(Number(last.slice(6)));
  return String.fromCodePoint(...codes);
}

/** Reads what was typed into the search box; never throws. */
export function parseSearchQuery(input: string): SearchQuery {
  const query: SearchQuery = {
    terms: [],
    kind: null,
    thread: null,
    by: null,
    inGuide: false,
    sort: "relevance",
    highlight: [],
  };
  const text = input.slice(0, MAX_QUERY_LENGTH);
  // A quoted phrase (optionally excluded), or any run of non-space characters.
  const chunks = /(-?)"([^"]*)"|\S+/g;
  for (const match of text.matchAll(chunks)) {
    let chunk = match[0];
    let negated = false;
    let prefix = false;
    if (match[2] !== undefined) {
      negated = match[1] === "-";
      chunk = match[2];
    } else {
      const filter = /^([a-z]+):(\S+)$/i.exec(chunk);
      if (filter && applyFilter(query, filter[1].toLowerCase(), filter[2])) continue;
      if (/^-[\p{L}\p{N}]/u.test(chunk)) {
        negated = true;
        chunk = chunk.slice(1);
      }
      prefix = /[\p{L}\p{N}]\*+$/u.test(chunk);
    }
    for (const term of termsOf(chunk, { prefix, negated })) {
      if (query.terms.length >= MAX_TERMS) break;
      query.terms.push(term);
    }
  }
  // A query of exclusions alone matches nothing useful: its exclusions become words to find.
  if (query.terms.length > 0 && query.terms.every((t) => t.negated))
    query.terms = query.terms.map((t) => ({ ...t, negated: false }));
  for (const term of query.terms) {
    if (term.negated) continue;
    if (term.script === "words")
      term.tokens.forEach((word, i) =>
        query.highlight.push({ word, prefix: term.prefix && i === term.tokens.length - 1 }),
      );
    else query.highlight.push({ word: cjkText(term.tokens), prefix: false });
  }
  return query;
}

/** Whether the query asks for anything at all (words, or a filter to list by). */
export function isEmptyQuery(query: SearchQuery): boolean {
  return (
    query.terms.length === 0 && query.kind === null && query.thread === null && query.by === null && !query.inGuide
  );
}
