/** How a guide entry is marked (issue 17): an example to follow, or one of what not to send. */
export const GUIDE_MARKS = ["do", "avoid"] as const;

export type GuideMark = (typeof GUIDE_MARKS)[number];

/** The badge's word: text, so the mark never rests on colour alone. */
export const GUIDE_MARK_LABEL: Record<GuideMark, string> = { do: "Do", avoid: "Avoid" };

/** The choice as a moderator reads it in the editor. */
export const GUIDE_MARK_CHOICE: Record<GuideMark, string> = {
  do: "Do — an example to follow",
  avoid: "Avoid — an example of what not to send",
};

export function isGuideMark(value: unknown): value is GuideMark {
  return (GUIDE_MARKS as readonly unknown[]).includes(value);
}
