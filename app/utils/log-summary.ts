/**
 * A moderation log line names its post once, as a link, and the thread it is in:
 * "Restored post #2 in “The opener”", not "Restored post #2 (post #2)". The stored summary is
 * plain text written when the action was taken; this finds the post's mention in it to link.
 */
export type SummaryParts = {
  before: string;
  /** The words naming the post ("post #2", "message #2"), to link; null if the summary does not name it. */
  post: string | null;
  after: string;
  /** Whether to add "in “thread”": not when the summary already quotes the thread's title. */
  addThread: boolean;
};

export function splitLogSummary(summary: string, postNumber: number | null, threadTitle: string | null): SummaryParts {
  const addThread = threadTitle !== null && !summary.includes(`“${threadTitle}”`);
  if (postNumber === null) return { before: summary, post: null, after: "", addThread };
  const match = new RegExp(`\\b(post|message) #${postNumber}\\b`).exec(summary);
  if (!match) return { before: summary, post: null, after: "", addThread };
  return {
    before: summary.slice(0, match.index),
    post: match[0],
    after: summary.slice(match.index + match[0].length),
    addThread,
  };
}
