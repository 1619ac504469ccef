/**
 * How long fields may be, for the forms' maxLength and the schemas alike.
 * Kept apart from validation.ts so pages can use them without bringing zod
 * (15 KB compressed) into the browser.
 */
export const COMMENT_MAX = 10_000;
export const MESSAGE_MAX = 5_000;
export const CONTEXT_LINE_MAX = 200;
export const THREAD_TITLE_MAX = 120;
export const THREAD_PROMPT_MAX = 300;
export const THREAD_CONTEXT_MAX = 5_000;
export const SECTION_TITLE_MAX = 120;
export const SECTION_INTRO_MAX = 5_000;
export const ENTRY_NOTE_MAX = 2_000;
/** A flag's note for moderators, and a moderator's reason in the public log. */
export const NOTE_MAX = 500;
