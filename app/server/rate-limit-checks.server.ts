/** Applies the limits in app/utils/rate-limit-rules.ts to a request. */
import type { AppLoadContext } from "@remix-run/node";
import { getDb } from "~/db.server";
import { consume, pruneRateLimits, refund, type Limit } from "~/models/rate-limit.server";
import type { SessionUser } from "~/session.server";
import { LIMITS, NEW_ACCOUNT_MS } from "~/utils/rate-limit-rules";

export interface Refusal {
  retryAfterSeconds: number;
  message: string;
}

/** Off only for the benchmark and the test suites, which drive many requests from a handful of members on purpose. */
function limitsOff(): boolean {
  return process.env.RATE_LIMITS === "off";
}

export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp || "unknown";
}

function wait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

let lastPrune = 0;
const PRUNE_EVERY_MS = 10 * 60_000;

/** Counts this request against each limit; the first one exceeded refuses it. */
export async function checkLimits(
  checks: { limit: Limit; subject: string | number }[],
  what: string,
): Promise<Refusal | null> {
  if (limitsOff()) return null;
  const now = Date.now();
  if (now - lastPrune > PRUNE_EVERY_MS) {
    lastPrune = now;
    await pruneRateLimits(getDb(), now);
  }
  let refusal: Refusal | null = null;
  for (const check of checks) {
    const result = await consume(getDb(), check);
    if (!result.allowed && (!refusal || result.retryAfterSeconds > refusal.retryAfterSeconds)) {
      refusal = {
        retryAfterSeconds: result.retryAfterSeconds,
        message: `${what} Please wait ${wait(result.retryAfterSeconds)} and try again.`,
      };
    }
  }
  return refusal;
}

/** Gives back the points an attempt took from limits that count failures only, once it has succeeded. */
export async function refundLimits(checks: { limit: Limit; subject: string | number }[]): Promise<void> {
  if (limitsOff()) return;
  for (const check of checks) await refund(getDb(), check);
}

/** Sign-in tries: all of them per address; failures only per username, from this address and from all. */
export function signInLimits(usernameKey: string, clientIp: string) {
  return {
    attempt: [{ limit: LIMITS.loginPerIp, subject: clientIp }],
    failures: [
      { limit: LIMITS.loginFailuresPerUsernameAndIp, subject: `${usernameKey}@${clientIp}` },
      { limit: LIMITS.loginFailuresPerUsername, subject: usernameKey },
    ],
  };
}

export function postingLimits(user: SessionUser, now = Date.now()) {
  const isNew = now - user.createdAt < NEW_ACCOUNT_MS;
  return [
    { limit: isNew ? LIMITS.postCooldownNew : LIMITS.postCooldown, subject: user.id },
    { limit: isNew ? LIMITS.postHourlyNew : LIMITS.postHourly, subject: user.id },
  ];
}

/** A preview (Markdown or the anonymiser's; the live one, or a form's Preview button): counted per member. */
export function checkPreviewLimit(user: SessionUser): Promise<Refusal | null> {
  return checkLimits(
    [
      { limit: LIMITS.preview, subject: user.id },
      { limit: LIMITS.previewBurst, subject: user.id },
    ],
    "You are asking for previews faster than this forum allows.",
  );
}

export function retryAfter(refusal: Refusal): ResponseInit {
  return { status: 429, headers: { "Retry-After": String(refusal.retryAfterSeconds) } };
}
