/**
 * Corpus bench for the anonymiser: removal and keep shares per kind, misses, and timings, for the
 * tuning corpus (tests/fixtures/anonymise/corpus.json) and the held-out ones (holdout.json,
 * holdout-2.json, holdout-3.json, holdout-4.json), side by side. Each held-out corpus was written blind by someone
 * who had not seen the anonymiser; holdout and holdout-2 were then used to improve it, so only the
 * first measurement of each was blind (see the README in tests/fixtures/anonymise/).
 *   node --import tsx scripts/bench-anonymise.ts
 * Exits 1 when a bar from scripts/anonymise-corpus.ts fails on the tuning corpus, the median message
 * takes over 10 ms or a 20,000-character input over 100 ms (CPU time). The held-out corpora are reported, not gated: once their misses have been read and
 * fixed they are no longer blind, so a pass there proves less than a pass on a fresh set would.
 */
import { readFileSync } from "node:fs";
import { anonymise } from "../app/anonymiser";
import {
  adversarialInputs,
  BARS,
  failedBars,
  scoreCorpus,
  type CorpusEntry,
  type CorpusScore,
} from "./anonymise-corpus";

/** The issue's budgets: median per message, and the worst 20,000-character input. */
const MEDIAN_BUDGET_MS = 10;
const WORST_BUDGET_MS = 100;

function load(file: string): CorpusEntry[] {
  return JSON.parse(
    readFileSync(new URL(`../tests/fixtures/anonymise/${file}`, import.meta.url), "utf8"),
  ) as CorpusEntry[];
}

const corpora = [
  { label: "tuning", file: "corpus.json", gated: true, entries: load("corpus.json") },
  { label: "holdout", file: "holdout.json", gated: false, entries: load("holdout.json") },
  { label: "holdout-2", file: "holdout-2.json", gated: false, entries: load("holdout-2.json") },
  { label: "holdout-3", file: "holdout-3.json", gated: false, entries: load("holdout-3.json") },
  { label: "holdout-4", file: "holdout-4.json", gated: false, entries: load("holdout-4.json") },
];

/**
 * Time of one call, in ms of this process's CPU (user + system): on a machine shared with other
 * work, wall-clock time mostly measures the others. Wall time is printed beside it.
 */
function timeMs(text: string): number {
  const c0 = process.cpuUsage();
  anonymise(text);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function wallMs(text: string): number {
  const t0 = performance.now();
  anonymise(text);
  return performance.now() - t0;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

const pct = (share: number | undefined): string => (share === undefined ? "-" : `${(share * 100).toFixed(1)}%`);

anonymise(corpora[0]?.entries[0]?.text ?? "warm up");
const scores = corpora.map((c) => ({ ...c, score: scoreCorpus(c.entries) }));

// One row per kind, one column per corpus: "removed/total share".
const kinds = [...new Set(scores.flatMap((s) => Object.keys(s.score.removal)))] as (keyof CorpusScore["removal"])[];
const cell = (removed: number, total: number, share: number): string =>
  `${removed}/${total} ${pct(share)}`.padStart(16);
console.log(
  scores
    .map((s) => `${s.label} (${s.file}): ${s.entries.length} messages${s.gated ? "" : ", reported only"}`)
    .join("\n"),
);
console.log(`\n${"kind".padEnd(9)}${scores.map((s) => s.label.padStart(16)).join("")}     bar`);
for (const kind of kinds) {
  const cells = scores.map((s) => {
    const r = s.score.removal[kind];
    return r === undefined ? "-".padStart(16) : cell(r.removed, r.total, r.share);
  });
  console.log(`${kind.padEnd(9)}${cells.join("")}  ${pct(BARS[kind]).padStart(6)}`);
}
console.log(
  `${"keep".padEnd(9)}${scores.map((s) => cell(s.score.keep.kept, s.score.keep.total, s.score.keep.share)).join("")}  ${pct(BARS.keep).padStart(6)}`,
);

for (const s of scores) {
  console.log(s.score.misses.length === 0 ? `\n${s.label} misses: none` : `\n${s.label} misses:`);
  for (const miss of s.score.misses)
    console.log(`  ${miss.id}  ${miss.kind === "keep" ? "lost" : `kept ${miss.kind}`}  ${JSON.stringify(miss.text)}`);
}

console.log("");
const allTimes: number[] = [];
for (const s of scores) {
  const times = s.entries.map((e) => timeMs(e.text)).sort((a, b) => a - b);
  allTimes.push(...times);
  console.log(
    `CPU time per ${s.label} message: median ${percentile(times, 0.5).toFixed(2)} ms, ` +
      `p99 ${percentile(times, 0.99).toFixed(2)} ms, max ${(times.at(-1) ?? 0).toFixed(2)} ms`,
  );
}
// Best of three: on a shared machine one run can land on another process's burst.
const bestOf3 = (text: string): number => Math.min(timeMs(text), timeMs(text), timeMs(text));
const adversarial = adversarialInputs().map(({ label, text }) => ({ label, ms: bestOf3(text), wall: wallMs(text) }));
const worst = adversarial.reduce((a, b) => (b.ms > a.ms ? b : a));
const median = percentile(
  allTimes.sort((a, b) => a - b),
  0.5,
);
console.log(
  `adversarial 20,000-char inputs: max ${worst.ms.toFixed(2)} ms CPU (${worst.label}; wall ${worst.wall.toFixed(2)} ms)`,
);
console.log(
  `\nbudgets: median per message ${median.toFixed(2)} ms (≤ ${MEDIAN_BUDGET_MS} ms), ` +
    `worst 20,000-char input ${worst.ms.toFixed(2)} ms (≤ ${WORST_BUDGET_MS} ms)`,
);

const failed = scores.filter((s) => s.gated).flatMap((s) => failedBars(s.score).map((kind) => `${s.label} ${kind}`));
if (worst.ms > WORST_BUDGET_MS) failed.push(`timing (${worst.label})`);
if (median > MEDIAN_BUDGET_MS) failed.push("median timing");
const holdoutFailed = scores
  .filter((s) => !s.gated)
  .flatMap((s) => failedBars(s.score).map((kind) => `${s.label} ${kind}`));
if (holdoutFailed.length > 0) console.log(`\nbelow the bars (reported, not gated): ${holdoutFailed.join(", ")}`);
if (failed.length > 0) {
  console.error(`\nFAILED: ${failed.join(", ")}`);
  process.exit(1);
}
