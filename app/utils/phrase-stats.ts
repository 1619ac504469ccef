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

  /**
   * `voterCap`: distinct voters are counted up to this many. `maxPhrases`: when more distinct
   * phrases than this are held, those seen in only one message so far are forgotten (a real
   * forum's long tail of one-off phrases would otherwise fill memory); one that comes back starts
   * again, so a phrase near the thresholds may be undercounted by a message, never overcounted.
   */
  constructor(
    private readonly voterCap: number,
    private readonly maxPhrases = 300_000,
  ) {}

  add(message: RatedMessage): void {
    if (message.votes.length === 0) return;
    // The votes once per message, then each phrase once: phrases + votes, not phrases × votes.
    let a = 0;
    let b = 0;
    const reasons: Partial<Record<VoteReason, number>> = {};
    for (const vote of message.votes) {
      if (vote.value === "authentic") b += 1;
      else {
        a += 1;
        for (const reason of vote.reasons) reasons[reason] = (reasons[reason] ?? 0) + 1;
      }
    }
    const reasonEntries = Object.entries(reasons) as [VoteReason, number][];
    for (const phrase of message.phrases) {
      let count = this.counts.get(phrase);
      if (!count) {
        count = { messages: 0, voterIds: new Set(), notAuthentic: 0, authentic: 0, reasons: {} };
        this.counts.set(phrase, count);
      }
      count.messages += 1;
      count.notAuthentic += a;
      count.authentic += b;
      for (const [reason, n] of reasonEntries) count.reasons[reason] = (count.reasons[reason] ?? 0) + n;
      for (const vote of message.votes) {
        if (count.voterIds.size >= this.voterCap) break;
        count.voterIds.add(vote.userId);
      }
    }
    this.totals.a += a * message.phrases.length;
    this.totals.b += b * message.phrases.length;
    if (this.counts.size > this.maxPhrases) {
      for (const [phrase, count] of this.counts) if (count.messages <= 1) this.counts.delete(phrase);
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
