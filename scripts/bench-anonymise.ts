/**
 * Corpus bench for the anonymiser: removal and keep shares per kind, misses, and timings.
 *   node --import tsx scripts/bench-anonymise.ts
 * Exits 1 when a bar from scripts/anonymise-corpus.ts fails or an input takes over 50 ms.
 */
import { readFileSync } from "node:fs";
import { anonymise } from "../app/utils/anonymise";
import { adversarialInputs, BARS, failedBars, scoreCorpus, type CorpusEntry } from "./anonymise-corpus";


const MAX_MS = 50;
const corpusUrl = new URL("../tests/fixtures/anonymise/corpus.json", import.meta.url);
const entries = JSON.parse(readFileSync(corpusUrl, "utf8")) as CorpusEntry[];

function timeMs(text: string): number {
  const t0 = performance.now();
  anonymise(text);
  return performance.now() - t0;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

anonymise(entries[0]?.text ?? "warm up");
const score = scoreCorpus(entries);

console.log(`corpus: ${entries.length} messages\n`);
console.log("kind      removed  total  share   bar");
for (const [kind, s] of Object.entries(score.removal)) {
  const bar = BARS[kind as keyof typeof BARS];
  console.log(`${kind.padEnd(9)} ${String(s.removed).padStart(7)} ${String(s.total).padStart(6)}  ${pct(s.share).padStart(6)}  ${pct(bar)}`);
}
console.log(`${"keep".padEnd(9)} ${String(score.keep.kept).padStart(7)} ${String(score.keep.total).padStart(6)}  ${pct(score.keep.share).padStart(6)}  ${pct(BARS.keep)}`);

console.log(score.misses.length === 0 ? "\nmisses: none" : "\nmisses:");
for (const miss of score.misses) console.log(`  ${miss.id}  ${miss.kind === "keep" ? "lost" : `kept ${miss.kind}`}  ${JSON.stringify(miss.text)}`);

const corpusTimes = entries.map((e) => timeMs(e.text)).sort((a, b) => a - b);
const adversarial = adversarialInputs().map(({ label, text }) => ({ label, ms: timeMs(text) }));
const worst = adversarial.reduce((a, b) => (b.ms > a.ms ? b : a));
console.log(
  `\ntiming per corpus message: median ${percentile(corpusTimes, 0.5).toFixed(2)} ms, ` +
    `p99 ${percentile(corpusTimes, 0.99).toFixed(2)} ms, max ${(corpusTimes.at(-1) ?? 0).toFixed(2)} ms`,
);
console.log(`adversarial 20,000-char inputs: max ${worst.ms.toFixed(2)} ms (${worst.label})`);

const failed = failedBars(score);
if (worst.ms > MAX_MS) failed.push(`timing (${worst.label})`);
if (failed.length > 0) {
  console.error(`\nFAILED: ${failed.join(", ")}`);
  process.exit(1);
}
