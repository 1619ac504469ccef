import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NotificationEntry } from "~/components/notification-item";
import { KeysetPager } from "~/components/pagination";
import { getDb } from "~/db.server";
import { listNotifications, markAllRead } from "~/models/notification-list.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse } from "~/server/http.server";
import { requireUser } from "~/session.server";
import { parsePage } from "~/utils/paging";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  invariantResponse(page, "There is no such page of notifications.", { status: 404 });
  const { groups, hasMore } = await listNotifications(getDb(), { userId: user.id, page });
  return { groups, hasMore, page };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  invariantResponse(formText(form, "intent") === "mark-all-read", "That is not something this page can do.");
  await markAllRead(getDb(), { userId: user.id });
  return redirect("/notifications");
}

export default function Notifications() {
  const { groups, hasMore, page } = useLoaderData<typeof loader>();
  const anyUnread = groups.some((group) => group.some((item) => !item.read));
  return (
    <>
      <h1>Notifications</h1>
      <p>
        Replies, mentions and votes on your posts, moderators' decisions, and new messages in the threads you follow,
        newest first. Choose which you get in <a href="/settings#notifications">your settings</a>.
      </p>
      {anyUnread ? (
        <Form method="post">
          <button type="submit" name="intent" value="mark-all-read" className="button button--small">
            Mark all read
          </button>
        </Form>
      ) : null}
      {groups.length === 0 ? <p>Nothing yet. When someone answers you, it shows here.</p> : null}
      {groups.map((group) => {
        const post = group[0].post;
        return (
          <section
            key={group[0].id}
            className="notification-group"
            aria-label={post ? `About your post #${post.number}` : "Notification"}
          >
            {post && group.length > 1 ? (
              <h2 className="notification-group__heading">
                Your post #{post.number}
                {post.excerpt ? <span className="meta"> “{post.excerpt}”</span> : null}
              </h2>
            ) : null}
            <ul className="notification-list">
              {group.map((item) => (
                <NotificationEntry key={item.id} item={item} />
              ))}
            </ul>
          </section>
        );
      })}
      <KeysetPager
        label="Pages of notifications"
        firstHref={page > 1 ? "/notifications" : null}
        firstLabel="Newest"
        nextHref={hasMore ? `/notifications?page=${page + 1}` : null}
        nextLabel="Older"
      />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Notifications · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
