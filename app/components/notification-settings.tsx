/** The notifications part of /settings: which families show in the app, and the threads followed or muted. */
import { Form, Link } from "@remix-run/react";
import { FAMILY_LABEL, FAMILY_NAMES, type NotificationFamily } from "~/utils/notification-kinds";

export interface NotificationSettingsView {
  inApp: Record<NotificationFamily, boolean>;
  tracked: { slug: string; title: string; level: "normal" | "following" | "muted" }[];
}

export function NotificationSettings({ view }: { view: NotificationSettingsView }) {
  const following = view.tracked.filter((t) => t.level === "following");
  const muted = view.tracked.filter((t) => t.level === "muted");
  return (
    <section aria-labelledby="notifications-title" id="notifications">
      <h2 id="notifications-title">Notifications</h2>
      <Form method="post" action="/settings/notifications" className="form">
        {/* With every box unticked a form sends nothing else: the intent says it is this form, saved. */}
        <input type="hidden" name="intent" value="save" />
        <fieldset>
          <legend>Show in your notifications</legend>
          {FAMILY_NAMES.map((family) => (
            <p key={family} className="checkbox">
              <input
                type="checkbox"
                id={`in-app-${family}`}
                name="inApp"
                value={family}
                defaultChecked={view.inApp[family]}
              />{" "}
              <label htmlFor={`in-app-${family}`}>{FAMILY_LABEL[family]}</label>
            </p>
          ))}
        </fieldset>
        <button type="submit">Save notification settings</button>
      </Form>
      <h3>Threads you follow</h3>
      {following.length === 0 ? (
        <p>None yet. You follow a thread when you post in it, or with its Follow button.</p>
      ) : (
        <ThreadLevelList threads={following} change="normal" label="Stop following" />
      )}
      {muted.length > 0 ? (
        <>
          <h3>Threads you muted</h3>
          <ThreadLevelList threads={muted} change="normal" label="Unmute" />
        </>
      ) : null}
    </section>
  );
}

function ThreadLevelList({
  threads,
  change,
  label,
}: {
  threads: { slug: string; title: string }[];
  change: string;
  label: string;
}) {
  return (
    <ul className="tracked-threads">
      {threads.map((thread) => (
        <li key={thread.slug}>
          <Link to={`/threads/${thread.slug}`}>{thread.title}</Link>{" "}
          <Form method="post" action={`/threads/${thread.slug}/follow`} className="inline-form">
            <input type="hidden" name="returnTo" value="/settings#notifications" />
            <button type="submit" name="level" value={change} className="button-link">
              {label}
              <span className="visually-hidden">: {thread.title}</span>
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}
