/**
 * The "markdown worst case" row of `npm run bench`: every case of the Markdown fuzzer
 * (tests/fixtures/markdown-worst-cases.ts) rendered with the site's one renderer, the slowest reported.
 * Run alone: `node --import tsx tests/bench/markdown-worst-case.ts`.
 */
import { renderMarkdown } from "../../app/utils/markdown";
import { FUZZ_LENGTH, measureWorstCase } from "../fixtures/markdown-worst-cases";

export const MARKDOWN_WORST_CASE_MS = 50;

export function markdownWorstCaseTarget() {
  // One warm-up pass so the row measures rendering, not the JIT's first compile.
  measureWorstCase(renderMarkdown, 1_000);
  const worst = measureWorstCase(renderMarkdown);
  return {
    target: `markdown worst case (${FUZZ_LENGTH.toLocaleString("en")} characters) ≤ ${MARKDOWN_WORST_CASE_MS} ms`,
    value: worst.ms,
    shown: `${worst.ms.toFixed(1)} ms CPU, ${worst.wallMs.toFixed(1)} ms wall (${worst.name})`,
    pass: worst.ms <= MARKDOWN_WORST_CASE_MS,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const row = markdownWorstCaseTarget();
  console.log(`${row.target}: ${row.shown} ${row.pass ? "PASS" : "FAIL"}`);
}
