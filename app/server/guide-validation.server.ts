/**
 * The forms of /mod/guide. A .server module, so zod stays out of that page's browser bundle (module-level
 * code in a route ships to the browser; decision 0011). Limits are in utils/field-lengths.ts.
 */
import { z } from "zod";
import { ENTRY_NOTE_MAX, SECTION_INTRO_MAX, SECTION_TITLE_MAX } from "~/utils/field-lengths";
import { GUIDE_MARKS } from "~/utils/guide-marks";
import { idSchema, markdownWithinLimits } from "./validation.server";

const lineBreaks = (text: string) => text.replace(/\r\n?/g, "\n");

const titleSchema = z
  .string({ required_error: "Give the section a title." })
  .trim()
  .min(1, "Give the section a title.")
  .max(SECTION_TITLE_MAX, `A title has at most ${SECTION_TITLE_MAX} characters.`);

const introSchema = z
  .string()
  .default("")
  .transform(lineBreaks)
  .refine(
    (text) => text.length <= SECTION_INTRO_MAX,
    `An introduction has at most ${SECTION_INTRO_MAX.toLocaleString("en-GB")} characters.`,
  )
  .superRefine(markdownWithinLimits);

const noteSchema = z
  .string({ required_error: "Write a note: why it works, or why to avoid it." })
  .transform(lineBreaks)
  .refine((text) => text.trim().length > 0, "Write a note: why it works, or why to avoid it.")
  .refine(
    (text) => text.length <= ENTRY_NOTE_MAX,
    `A note has at most ${ENTRY_NOTE_MAX.toLocaleString("en-GB")} characters.`,
  )
  .superRefine(markdownWithinLimits);

const markSchema = z.enum(GUIDE_MARKS, {
  errorMap: () => ({ message: "Mark it “Do” (an example to follow) or “Avoid” (an example of what not to send)." }),
});

const directionSchema = z.enum(["up", "down"], { errorMap: () => ({ message: "Choose up or down." }) });

const chosenSectionSchema = z
  .string({ required_error: "Choose a guide section." })
  .min(1, "Choose a guide section.")
  .pipe(idSchema);

/** Every form on this page, told apart by its `intent`. */
export const guideActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create-section"), title: titleSchema, intro: introSchema }),
  z.object({ intent: z.literal("edit-section"), sectionId: idSchema, title: titleSchema, intro: introSchema }),
  z.object({ intent: z.literal("move-section"), sectionId: idSchema, direction: directionSchema }),
  z.object({ intent: z.literal("remove-section"), sectionId: idSchema }),
  z.object({
    intent: z.literal("add-entry"),
    postId: idSchema,
    sectionId: chosenSectionSchema,
    note: noteSchema,
    mark: markSchema,
    returnTo: z.string().optional(),
  }),
  z.object({ intent: z.literal("edit-entry"), entryId: idSchema, note: noteSchema }),
  z.object({ intent: z.literal("mark-entry"), entryId: idSchema, mark: markSchema }),
  z.object({ intent: z.literal("move-entry"), entryId: idSchema, direction: directionSchema }),
  z.object({ intent: z.literal("move-entry-to-section"), entryId: idSchema, sectionId: chosenSectionSchema }),
  z.object({ intent: z.literal("remove-entry"), entryId: idSchema }),
  z.object({ intent: z.literal("accept-version"), entryId: idSchema }),
]);

export type GuideAction = z.infer<typeof guideActionSchema>;
