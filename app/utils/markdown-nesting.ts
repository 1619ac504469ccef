/**
 * Bounds how deep quotes and lists nest, before marked sees the text.
 *
 * marked lexes each quote and list item's contents with a nested call, re-reading them at every level:
 * `'> - '.repeat(5000)` or `'>'.repeat(20000)` costs a second or more, then overflows the stack (issue 13).
 * Past MAX_BLOCK_DEPTH markers at the start of one line, the next marker is escaped, so the rest of the line
 * is shown as text inside the deepest quote or item. Nothing a reader could follow is lost: the sanitiser
 * already unwrapped elements nested past 32 levels, and no real post quotes a dozen levels deep.
 */

export const MAX_BLOCK_DEPTH = 12;

// A line that is only `-`, `*` or `_` marks (three or more) is a rule, not a list.
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^[ \t]*(?:[>*+-]|\d{1,9}[.)])?[ \t]*(`{3,}|~{3,})/;

/** Index just past one container marker at `i` (with the spaces before it), or -1 when there is none. */
function markerEnd(line: string, i: number): { start: number; end: number } | null {
  let start = i;
  while (start < line.length && start - i < 4 && line[start] === " ") start += 1;
  const ch = line[start];
  if (ch === ">") return { start, end: start + 1 };
  const next = (at: number) => at >= line.length || line[at] === " " || line[at] === "\t";
  if ((ch === "-" || ch === "*" || ch === "+") && next(start + 1)) return { start, end: start + 1 };
  const ordered = /^\d{1,9}[.)]/.exec(line.slice(start, start + 10));
  if (ordered && next(start + ordered[0].length)) return { start, end: start + ordered[0].length };
  return null;
}

function limitLine(line: string): string {
  if (THEMATIC_BREAK.test(line)) return line;
  let depth = 0;
  let i = 0;
  for (;;) {
    const marker = markerEnd(line, i);
    if (!marker) return line;
    if (depth === MAX_BLOCK_DEPTH) return `${line.slice(0, marker.start)}\\${line.slice(marker.start)}`;
    depth += 1;
    i = marker.end;
  }
}

// marked looks for a reference link (`[text][label]`) from every `[` to the next `]`, stepping over escaped
// brackets: `'[\\'.repeat(10000)` is quadratic. Past a few dozen escaped `[`, they are written as the entity
// instead, which reads the same. (Inside an inline code span it would show as `&#91;`: a post with that many
// escaped brackets in code can use a fenced block, which is left alone.)
const MANY_ESCAPED_BRACKETS = 32;

function bracketsAsEntities(line: string): string {
  return line.replaceAll("\\[", "&#91;");
}

/**
 * Bounds the nesting of quotes and lists (MAX_BLOCK_DEPTH markers a line) and, in a post with many of them,
 * writes escaped `[` as `&#91;`: the two shapes marked cannot lex in linear time by any tokenizer option.
 */
export function boundNesting(markdown: string): string {
  const deep = /(?:[>*+-][ \t]*|\d[.)][ \t]*){13}/.test(markdown);
  const brackets = markdown.split("\\[", MANY_ESCAPED_BRACKETS + 2).length > MANY_ESCAPED_BRACKETS + 1;
  if (!deep && !brackets) return markdown;
  const rewrite = (line: string) => {
    const limited = deep ? limitLine(line) : line;
    return brackets ? bracketsAsEntities(limited) : limited;
  };
  return rewriteOutsideFences(markdown, rewrite);
}

function rewriteOutsideFences(markdown: string, rewrite: (line: string) => string): string {
  let fence: string | null = null;
  return markdown
    .split("\n")
    .map((line) => {
      const opening = FENCE.exec(line);
      if (fence) {
        if (opening && opening[1].startsWith(fence)) fence = null;
        return line;
      }
      if (opening) {
        fence = opening[1];
        return line;
      }
      return rewrite(line);
    })
    .join("\n");
}
