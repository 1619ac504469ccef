/**
 * The draft workshop's route helper: reads the draft from the POST body, applies the rate limit,
 * and gathers the feedback. The draft goes back in the answer to the person who sent it and
 * nowhere else: not stored, not logged, never in a URL (decision 0017).
 */
import type { AppLoadContext } from "@remix-run/node";
import type { WorkshopFeedbackData } from "~/components/workshop-feedback";
import { getDb } from "~/db.server";
import { workshopCorpus } from "~/models/workshop-corpus.server";
import { phraseNotes, similarMessages } from "~/models/workshop.server";
import type { SessionUser } from "~/session.server";
import { examplePreview } from "~/utils/example-message";
import { MESSAGE_MAX } from "~/utils/field-lengths";
import { LIMITS } from "~/utils/rate-limit-rules";
import { messageFacts } from "~/workshop/facts";
import { checkDraft } from "~/workshop/rules";
import { checkLimits, clientIp, type Refusal } from "./rate-limit-checks.server";

export type DraftRead = { ok: true; text: string } | { ok: false; text: string; error: string };

export function readDraft(form: FormData): DraftRead {
  const value = form.get("text");
  const text = typeof value === "string" ? value : "";
  if (text.trim() === "") return { ok: false, text, error: "Paste or write your draft first." };
  if (text.length > MESSAGE_MAX)
    return { ok: false, text, error: `A draft has at most ${MESSAGE_MAX.toLocaleString("en-GB")} characters.` };
  return { ok: true, text };
}

/** Counted per member, or per address for visitors, like the Markdown preview. */
export function checkWorkshopLimit(
  user: SessionUser | null,
  context: AppLoadContext | undefined,
): Promise<Refusal | null> {
  return checkLimits(
    [{ limit: LIMITS.workshop, subject: user ? user.id : `ip:${clientIp(context)}` }],
    "You are asking for feedback faster than this forum allows.",
  );
}

export async function workshopFeedback(text: string, viewer: SessionUser | null): Promise<WorkshopFeedbackData> {
  const db = getDb();
  const own = {
    rules: checkDraft(text),
    privacy: examplePreview({ text, contextLine: "", remove: [], keep: [] }),
    facts: messageFacts(text),
  };
  try {
    const corpus = await workshopCorpus(db);
    const [phrases, similar] = await Promise.all([
      phraseNotes(db, text),
      similarMessages(db, { text, viewer, corpus }),
    ]);
    return { ...own, phrases, similar, mostAuthentic: corpus.mostAuthentic, communityReady: true };
  } catch (error) {
    // Never the draft: only what went wrong.
    console.error(`workshop: the community's part failed: ${error instanceof Error ? error.message : String(error)}`);
    return { ...own, phrases: [], similar: [], mostAuthentic: null, communityReady: false };
  }
}
