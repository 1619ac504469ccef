/**
 * The "markdown worst case" row of `npm run bench`: every case of the Markdown fuzzer
 * (tests/fixtures/markdown-worst-cases.ts) filled to the longest Markdown field's limit (a comment, 10,000
 * characters; shorter fields are prefixes of the same shapes) and rendered with the site's one renderer, the
 * slowest reported: CPU time, the median of three runs of each case. Beside it, the same at 20,000 characters,
 * the margin for text stored before the limits (rendered bounded, see app/utils/markdown.ts).
 * Run alone: `node --import tsx tests/bench/markdown-worst-case.ts`.
 */
import { COMMENT_MAX } from "../../app/utils/field-lengths";
import { renderMarkdown } from "../../app/utils/markdown";
import { FUZZ_LENGTH, measureWorstCase } from "../fixtures/markdown-worst-cases";

export const MARKDOWN_WORST_CASE_MS = 50;

export function markdownWorstCaseTarget() {
  // One warm-up pass so the row measures rendering, not the JIT's first compile.
  measureWorstCase(renderMarkdown, 1_000);
  const worst = measureWorstCase(renderMarkdown, COMMENT_MAX, false, 3);
  const margin = measureWorstCase(renderMarkdown, FUZZ_LENGTH);
  return {
    target: `markdown worst case (${COMMENT_MAX.toLocaleString("en")} characters) ≤ ${MARKDOWN_WORST_CASE_MS} ms`,
    value: worst.ms,
    shown:
      `${worst.ms.toFixed(1)} ms CPU, ${worst.wallMs.toFixed(1)} ms wall (${worst.name}); ` +
      `${FUZZ_LENGTH.toLocaleString("en")} characters: ${margin.ms.toFixed(1)} ms (${margin.name})`,
    pass: worst.ms <= MARKDOWN_WORST_CASE_MS,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const row = markdownWorstCaseTarget();
  console.log(`${row.target}: ${row.shown} ${row.pass ? "PASS" : "FAIL"}`);
}
