/** Follow, stop following, mute or unmute a thread: one form, a button per change that applies. */
import { Form } from "@remix-run/react";

export function ThreadFollowForm({ slug, level }: { slug: string; level: "normal" | "following" | "muted" }) {
  return (
    <Form method="post" action={`/threads/${slug}/follow`} className="thread-follow">
      <p className="meta" role="status">
        {level === "following"
          ? "You follow this thread: new example messages are in your notifications."
          : level === "muted"
            ? "You muted this thread: it sends you no notifications."
            : "Follow this thread to hear of new example messages."}
      </p>
      {level === "following" ? (
        <button type="submit" name="level" value="normal" className="button button--small button--secondary">
          Stop following
        </button>
      ) : (
        <button type="submit" name="level" value="following" className="button button--small">
          Follow
        </button>
      )}{" "}
      {level === "muted" ? (
        <button type="submit" name="level" value="normal" className="button button--small button--secondary">
          Unmute
        </button>
      ) : (
        <button type="submit" name="level" value="muted" className="button button--small button--secondary">
          Mute
        </button>
      )}
    </Form>
  );
}
