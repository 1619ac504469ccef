/**
 * From rated messages to the phrases the votes mark: counts, then the log-odds test
 * (./log-odds.ts). Each vote is one observation of every distinct phrase in the message it rates,
 * in its group ("doesn't feel authentic" = a, "feels authentic" = b). A phrase is judged only
 * once it has been seen in enough distinct messages, rated by enough distinct voters, so one
 * popular message or one busy voter cannot make a phrase look telling.
 */
import { logOddsWithPrior } from "./log-odds";
import type { VoteReason } from "./vote-reasons";

export interface RatedMessage {
  phrases: string[];
  votes: { userId: number; value: "authentic" | "not_authentic"; reasons: VoteReason[] }[];
}

export interface PhraseCount {
  messages: number;
  /** Distinct voters, counted only up to the threshold that needs them (memory stays bounded). */
  voterIds: Set<number>;
  notAuthentic: number;
  authentic: number;
  reasons: Partial<Record<VoteReason, number>>;
}

export class PhraseCounter {
  readonly counts = new Map<string, PhraseCount>();
  readonly totals = { a: 0, b: 0 };

  constructor(private readonly voterCap: number) {}

  add(message: RatedMessage): void {
    if (message.votes.length === 0) return;
    for (const phrase of message.phrases) {
      let count = this.counts.get(phrase);
      if (!count) {
        count = { messages: 0, voterIds: new Set(), notAuthentic: 0, authentic: 0, reasons: {} };
        this.counts.set(phrase, count);
      }
      count.messages += 1;
      for (const vote of message.votes) {
        if (count.voterIds.size < this.voterCap) count.voterIds.add(vote.userId);
        if (vote.value === "authentic") count.authentic += 1;
        else {
          count.notAuthentic += 1;
          for (const reason of vote.reasons) count.reasons[reason] = (count.reasons[reason] ?? 0) + 1;
        }
      }
    }
    for (const vote of message.votes) {
      if (vote.value === "authentic") this.totals.b += message.phrases.length;
      else this.totals.a += message.phrases.length;
    }
  }
}

export interface PhraseFinding {
  phrase: string;
  messages: number;
  voters: number;
  notAuthentic: number;
  authentic: number;
  /** Positive: marks "doesn't feel authentic"; negative: "feels authentic". */
  z: number;
  /** Reasons given in "doesn't feel authentic" votes on messages with the phrase, most given first. */
  reasons: { reason: VoteReason; count: number }[];
}

export interface Thresholds {
  minMessages: number;
  minVoters: number;
  /** |z| at least this (1.96: the 95% line). */
  minZ: number;
  priorStrength?: number;
}

/** The phrases that pass the thresholds, strongest first. */
export function significantPhrases(counter: PhraseCounter, t: Thresholds, limit = Infinity): PhraseFinding[] {
  const found: PhraseFinding[] = [];
  for (const [phrase, c] of counter.counts) {
    if (c.messages < t.minMessages || c.voterIds.size < t.minVoters) continue;
    const { z } = logOddsWithPrior({ a: c.notAuthentic, b: c.authentic }, counter.totals, t.priorStrength);
    if (Math.abs(z) < t.minZ) continue;
    const reasons = (Object.entries(c.reasons) as [VoteReason, number][])
      .map(([reason, count]) => ({ reason, count }))
      .sort((x, y) => y.count - x.count || x.reason.localeCompare(y.reason));
    found.push({
      phrase,
      messages: c.messages,
      voters: c.voterIds.size,
      notAuthentic: c.notAuthentic,
      authentic: c.authentic,
      z,
      reasons,
    });
  }
  found.sort((x, y) => Math.abs(y.z) - Math.abs(x.z) || x.phrase.localeCompare(y.phrase));
  return found.slice(0, limit);
}
