/**
 * "Done" after a moderator's action: the action redirects with `?done=<intent>` and the page it lands
 * on says what happened, so a press is never met with silence. Unknown values show nothing.
 */
import { useSearchParams } from "@remix-run/react";

const DONE: Record<string, string> = {
  hide: "The post is hidden. Readers see your reason in its place; the moderation log records it.",
  restore: "The post is restored: readers see it again. The moderation log records it.",
  dismiss: "The flags are dismissed and the post stays as it is. The moderation log records it.",
  anonymise: "The anonymisation is fixed, in this version and every earlier one.",
};

export function DoneNotice() {
  const [search] = useSearchParams();
  const message = DONE[search.get("done") ?? ""];
  return message ? (
    <p className="notice notice--success" role="status">
      {message}
    </p>
  ) : null;
}
