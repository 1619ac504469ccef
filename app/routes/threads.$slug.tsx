import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { getThreadBySlug } from "~/models/thread.server";
import { invariantResponse } from "~/utils/http";

export async function loader({ params }: LoaderFunctionArgs) {
  const thread = await getThreadBySlug(getDb(), params.slug ?? "");
  invariantResponse(thread, "There is no thread at this address.", { status: 404 });
  return { thread };
}

export default function ThreadPage() {
  const { thread } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="thread-title">
      <h1 id="thread-title">{thread.title}</h1>
      <p className="prompt">{thread.prompt}</p>
      <section className="thread-context" aria-label="Context from the article">
        <div dangerouslySetInnerHTML={{ __html: thread.context_html }} />
      </section>
      {thread.locked_at ? <p className="notice">This thread is locked: it takes no new posts.</p> : null}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.thread.title} · Beyond Hello` : "Thread not found · Beyond Hello" },
  ...(data ? [{ name: "description", content: data.thread.prompt }] : []),
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
