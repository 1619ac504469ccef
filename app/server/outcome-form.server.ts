/**
 * The outcome form's schema (issue 19), kept beside validation.server.ts rather than in it so the
 * shared file stays as it is: server only, so zod never reaches the browser.
 */
import { z } from "zod";
import { OUTCOME_STATUSES } from "~/utils/outcomes";

const DAY = 86_400_000;

export const outcomeSchema = z.object({
  status: z.enum(OUTCOME_STATUSES, { errorMap: () => ({ message: "Choose what came of it." }) }),
  followUp: z.coerce
    .number({ invalid_type_error: "Choose which message this was." })
    .int("Choose which message this was.")
    .min(0, "Choose which message this was.")
    .max(3, "Choose which message this was."),
  happened: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the date as year-month-day, e.g. 2026-12-02.")
    .transform((value, ctx) => {
      const ms = Date.parse(`${value}T00:00:00Z`);
      // A day ahead is allowed: the member's "today" may be tomorrow in UTC.
      if (Number.isNaN(ms) || ms > Date.now() + DAY || ms < Date.UTC(2000, 0, 1)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Give a real date, not in the future." });
        return z.NEVER;
      }
      return ms;
    }),
});

export type OutcomeInput = z.infer<typeof outcomeSchema>;
