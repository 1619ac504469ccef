/**
 * Form schemas, and the one way routes read a form (parseForm): either the parsed values, or the
 * messages per field with what was typed. Forms are checked on the server only (they post without
 * JavaScript too), so this is a .server module: Remix leaves it, and zod, out of every browser bundle.
 * Field lengths the forms also need in the browser live in utils/field-lengths.ts.
 */
import { z } from "zod";
import {
  COMMENT_MAX,
  CONTEXT_LINE_MAX,
  MESSAGE_MAX,
  NOTE_MAX,
  THREAD_CONTEXT_MAX,
  THREAD_PROMPT_MAX,
  THREAD_TITLE_MAX,
} from "~/utils/field-lengths";
import { FLAG_REASONS } from "~/utils/flag-reasons";
import { markdownLimitMessage } from "~/utils/markdown-limits";
import { EMAIL_CHOICES, type EmailChoice, type NotificationFamily } from "~/utils/notification-kinds";
import { VOTE_REASONS } from "~/utils/vote-reasons";

export const usernameSchema = z
  .string({ required_error: "Choose a username." })
  .trim()
  .min(3, "A username has at least 3 characters.")
  .max(30, "A username has at most 30 characters.")
  .regex(/^[A-Za-z0-9_-]+$/, "Use only letters, digits, _ and -.");

export const newPasswordSchema = z
  .string({ required_error: "Choose a password." })
  .min(10, "A password has at least 10 characters.")
  .max(256, "A password has at most 256 characters.");

/** An e-mail address as typed; the link sent to it is the real check. */
export const emailSchema = z
  .string({ required_error: "Enter an e-mail address." })
  .trim()
  .min(1, "Enter an e-mail address.")
  .max(254, "An e-mail address has at most 254 characters.")
  .email("Enter an e-mail address such as name@example.com.");

export const joinSchema = z.object({
  username: usernameSchema,
  password: newPasswordSchema,
  email: z.union([z.literal("").transform(() => undefined), emailSchema]).optional(),
  redirectTo: z.string().optional(),
});

export const forgotSchema = z.object({
  entry: z
    .string()
    .trim()
    .min(1, "Enter your username or e-mail address.")
    .max(254, "That is neither a username nor an address."),
});

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username.").max(100, "That is not a username."),
  password: z.string().min(1, "Enter your password.").max(256, "That is not your password."),
  redirectTo: z.string().optional(),
});

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Parses form fields with a schema; on failure keeps the first message per field and the typed values. */
export function parseForm<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  form: FormData,
  { keepOut = ["password"], lists = [] }: { keepOut?: string[]; lists?: string[] } = {},
): FormResult<T> {
  const raw: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && !(key in raw)) raw[key] = value;
  const input: Record<string, unknown> = { ...raw };
  // A field the form repeats (checkboxes sharing a name) is read whole, as a list.
  for (const name of lists) input[name] = form.getAll(name).filter((value) => typeof value === "string");
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: typedValues(raw, keepOut) };
}

/** What the person typed, minus fields that must never be sent back (passwords). */
export function typedValues(raw: Record<string, string>, keepOut: string[] = ["password"]): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !keepOut.includes(key)));
}

/** A positive whole number from a form field (ids, post numbers). */
export const idSchema = z.coerce
  .number({ invalid_type_error: "That is not a valid reference." })
  .int("That is not a valid reference.")
  .positive("That is not a valid reference.")
  // Ids are 32-bit integers in PostgreSQL's schema (SQLite's hold more, but never get there); a larger one names nothing.
  .max(2_147_483_647, "That is not a valid reference.");

/**
 * The `?before=` key of a list paged newest first: null when absent (the first
 * page), the id when it is one, undefined when it is not (no such page).
 */
export function parseBefore(url: URL): number | null | undefined {
  const value = url.searchParams.get("before");
  if (value === null) return null;
  const parsed = idSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** For every Markdown field: at most so many lines and links (utils/markdown-limits.ts), refused beside the field. */
export function markdownWithinLimits(text: string, context: z.RefinementCtx) {
  const message = markdownLimitMessage(text);
  if (message) context.addIssue({ code: z.ZodIssueCode.custom, message });
}

export const commentBodySchema = z
  .string({ required_error: "Write something first." })
  .transform((text) => text.replace(/\r\n?/g, "\n"))
  .refine((text) => text.trim().length > 0, "Write something first.")
  .refine(
    (text) => text.length <= COMMENT_MAX,
    `A comment has at most ${COMMENT_MAX.toLocaleString("en-GB")} characters.`,
  )
  .superRefine(markdownWithinLimits);

export const commentSchema = z.object({
  body: commentBodySchema,
  replyTo: z.union([z.literal(""), idSchema]).optional(),
});

/**
 * Every form posted to a thread page, told apart by its `intent`. Here rather than in the route so that
 * zod stays out of the thread page's browser bundle (module-level code in a route ships to the browser).
 */
export const threadActionSchema = z.discriminatedUnion("intent", [
  commentSchema.extend({ intent: z.literal("comment") }),
  commentSchema.extend({ intent: z.literal("preview") }),
  z.object({ intent: z.literal("delete"), postId: idSchema }),
]);

export type ThreadAction = z.infer<typeof threadActionSchema>;

export const exampleKindSchema = z.enum(["approach", "received_reply"], {
  errorMap: () => ({ message: "Choose whether you sent this message or received it." }),
});

export const exampleMessageSchema = z.object({
  kind: exampleKindSchema,
  text: z
    .string({ required_error: "Paste the message first." })
    .refine((text) => text.trim().length > 0, "Paste the message first.")
    .refine(
      (text) => text.length <= MESSAGE_MAX,
      `A message has at most ${MESSAGE_MAX.toLocaleString("en-GB")} characters.`,
    ),
  contextLine: z
    .string()
    .max(CONTEXT_LINE_MAX, `The context line has at most ${CONTEXT_LINE_MAX} characters.`)
    .default(""),
  remove: z.string().max(5_000, "That is too many words to remove.").default(""),
  approachId: z.union([z.literal(""), idSchema]).optional(),
});

/** A flag from the flag page. No reason is assumed; "not properly anonymised" must say which words identify someone. */
export const flagSchema = z
  .object({
    reason: z.enum(FLAG_REASONS, {
      errorMap: () => ({ message: "Choose why you are flagging this post." }),
    }),
    words: z
      .string()
      .trim()
      .max(NOTE_MAX, `At most ${NOTE_MAX} characters.`)
      .optional()
      .transform((v) => v ?? ""),
    note: z
      .string()
      .trim()
      .max(NOTE_MAX, `A note has at most ${NOTE_MAX} characters.`)
      .optional()
      .transform((v) => v ?? ""),
  })
  .superRefine((value, ctx) => {
    if (value.reason === "not_anonymised" && value.words === "")
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["words"],
        message: "Say which words identify someone, so a moderator can remove them.",
      });
  });

/** The member an admin makes a moderator, or no longer one (/mod/members). */
export const memberChoiceSchema = z.object({ userId: idSchema });

export const voteSchema = z.object({
  choice: z.enum(["authentic", "not_authentic", "withdraw"], {
    errorMap: () => ({ message: "Choose how this message feels." }),
  }),
  reasons: z
    .array(
      z.enum(VOTE_REASONS, {
        errorMap: () => ({ message: "That is not one of the reasons." }),
      }),
    )
    .max(5),
});

export const threadSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the thread a title.")
    .max(THREAD_TITLE_MAX, `A title has at most ${THREAD_TITLE_MAX} characters.`),
  prompt: z
    .string()
    .trim()
    .min(1, "Write the prompt question.")
    .max(THREAD_PROMPT_MAX, `A prompt has at most ${THREAD_PROMPT_MAX} characters.`),
  context: z
    .string()
    .trim()
    .max(THREAD_CONTEXT_MAX, `The context has at most ${THREAD_CONTEXT_MAX.toLocaleString("en-GB")} characters.`)
    .superRefine(markdownWithinLimits)
    .default(""),
});

/** A moderator's reason: shown in the public log, and in a hidden post's place. */
export const moderationReasonSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Say why; it is shown in the public moderation log.")
    .max(NOTE_MAX, `A reason has at most ${NOTE_MAX} characters.`),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(256, "That is not your password."),
  newPassword: newPasswordSchema,
});

export const addressSchema = z.object({ email: emailSchema });

const emailChoice = z.enum(EMAIL_CHOICES, { errorMap: () => ({ message: "Choose off, at once or daily digest." }) });
export const emailChoicesSchema = z.object({
  replies_mentions: emailChoice,
  guide_moderation: emailChoice,
  followed_threads: emailChoice,
}) satisfies z.ZodType<Record<NotificationFamily, EmailChoice>>;

export const resetPasswordSchema = z.object({ newPassword: newPasswordSchema });

export const deleteAccountSchema = z.object({
  confirmUsername: z.string().trim().min(1, "Type your username to confirm."),
  password: z.string().min(1, "Enter your password.").max(256, "That is not your password."),
});
