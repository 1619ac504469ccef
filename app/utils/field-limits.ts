/**
 * How long fields may be, for the forms' maxLength and the schemas alike.
 * Kept apart from validation.ts so pages can use them without bringing zod
 * (15 KB compressed) into the browser.
 */
export const COMMENT_MAX = 10_000;
export const MESSAGE_MAX = 5_000;
export const CONTEXT_LINE_MAX = 200;
