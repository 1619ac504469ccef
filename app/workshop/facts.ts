/**
 * Plain facts about a message: how long it is, how many questions it asks, how long it takes
 * to read. The same function measures the draft and the community's most authentic messages,
 * so the comparison is like for like. Pure.
 */
import { wordRuns } from "~/utils/phrases";

export interface MessageFacts {
  words: number;
  characters: number;
  questions: number;
  /** At 230 words a minute, an adult's silent reading speed for plain prose. */
  readingSeconds: number;
}

const WORDS_PER_MINUTE = 230;

export function messageFacts(text: string): MessageFacts {
  const trimmed = text.trim();
  const words = wordRuns(trimmed).reduce((n, run) => n + run.length, 0);
  // A run of "?!" counts once: "Really?!" is one question.
  const questions = (trimmed.match(/\?+[!?]*/g) ?? []).length;
  return {
    words,
    characters: [...trimmed].length,
    questions,
    readingSeconds: Math.max(words > 0 ? 1 : 0, Math.round((words / WORDS_PER_MINUTE) * 60)),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of each fact over a set of messages; null when there are none to compare with. */
export function medianFacts(all: MessageFacts[]): (MessageFacts & { messages: number }) | null {
  if (all.length === 0) return null;
  return {
    words: median(all.map((f) => f.words)),
    characters: median(all.map((f) => f.characters)),
    questions: median(all.map((f) => f.questions)),
    readingSeconds: median(all.map((f) => f.readingSeconds)),
    messages: all.length,
  };
}
