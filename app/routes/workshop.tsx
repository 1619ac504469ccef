import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ExampleMessageForm, type ExampleFormResult } from "~/components/example-message-form";
import { FormError, TextAreaField } from "~/components/field";
import { WorkshopFeedback, type WorkshopFeedbackData } from "~/components/workshop-feedback";
import { getDb } from "~/db.server";
import { getThreadBySlug, listThreads } from "~/models/thread.server";
import { previewResult, readExampleForm } from "~/server/example-form.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse, refusalHeaders } from "~/server/http.server";
import { retryAfter } from "~/server/rate-limit-checks.server";
import { checkWorkshopLimit, readDraft, workshopFeedback } from "~/server/workshop.server";
import { getUser, requireUser } from "~/session.server";
import workshopStyles from "~/styles/workshop.css";
import { MESSAGE_MAX } from "~/utils/field-lengths";
import type { PageHandle } from "~/utils/page-scripts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: workshopStyles }];

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

interface WorkshopAnswer {
  values: { text: string; thread: string };
  errors: { text?: string; thread?: string; form?: string };
  feedback: WorkshopFeedbackData | null;
  /** "Ask the community": the thread's two-step share form, filled with the draft. */
  share: { thread: { slug: string; title: string }; result: ExampleFormResult } | null;
}

// Feedback follows a visitor's typing, too (decision 0017).
export const handle: PageHandle = { visitorScripts: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const threads = user ? (await listThreads(getDb())).filter((t) => t.locked_at === null) : [];
  return { signedIn: user !== null, threads: threads.map((t) => ({ slug: t.slug, title: t.title })) };
}

// POST only: the draft travels in the request body and comes back in this answer, nowhere else.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const form = await readForm(request);
  const intent = form.get("intent") === "share" ? "share" : "check";
  const thread = formText(form, "thread");
  const draft = readDraft(form);
  const answer = (part: Partial<WorkshopAnswer>): WorkshopAnswer => ({
    values: { text: draft.text, thread },
    errors: {},
    feedback: null,
    share: null,
    ...part,
  });
  if (!draft.ok) return data(answer({ errors: { text: draft.error } }), { status: 400 });
  const refusal = await checkWorkshopLimit(user, context);
  if (refusal) return data(answer({ errors: { form: refusal.message } }), retryAfter(refusal));

  if (intent === "share") {
    const member = await requireUser(request);
    const target = await getThreadBySlug(getDb(), thread);
    if (!target || target.locked_at !== null) {
      const feedback = await workshopFeedback(draft.text, member);
      return data(answer({ feedback, errors: { thread: "Choose an open thread to share it in." } }), { status: 400 });
    }
    const read = readExampleForm(form);
    invariantResponse(read.ok, "The draft could not be read.", { status: 400 });
    return answer({ share: { thread: { slug: target.slug, title: target.title }, result: previewResult(read) } });
  }
  return answer({ feedback: await workshopFeedback(draft.text, user) });
}

// Feedback changes nothing on the server, so it need not reload the page's data.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "check" ? false : defaultShouldRevalidate;

const DEBOUNCE_MS = 600;

export default function Workshop() {
  const { signedIn, threads } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fetcher = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const busy = useNavigation().state === "submitting";
  // Whether the newest answer is the live one (typing) rather than the last form submission.
  const [live, setLive] = useState(false);
  const submitCheck = fetcher.submit;

  useEffect(() => () => clearTimeout(timer.current), []);

  if (result?.share) {
    const { thread, result: shareResult } = result.share;
    return (
      <>
        <h1>Ask the community</h1>
        <p>
          Sharing your draft in <Link to={`/threads/${thread.slug}`}>{thread.title}</Link> as a message you would send.
          Check what will be posted, then post it for votes; nothing is stored until you do.
        </p>
        <ExampleMessageForm
          mode="new"
          initial={shareResult.values}
          result={shareResult}
          approaches={[]}
          cancelHref="/workshop"
          action={`/threads/${thread.slug}/share`}
        />
      </>
    );
  }

  const current = live && fetcher.data ? fetcher.data : result;
  const values = result?.values ?? { text: "", thread: threads[0]?.slug ?? "" };
  const errors = result?.errors ?? {};

  const scheduleCheck = () => {
    setLive(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const form = formRef.current;
      if (!form) return;
      const body = new FormData(form);
      body.set("intent", "check");
      const text = body.get("text");
      if (typeof text === "string" && text.trim()) submitCheck(body, { method: "post" });
    }, DEBOUNCE_MS);
  };

  return (
    <>
      <h1>Draft workshop</h1>
      <p className="intro">
        Paste a message you are about to send. See which of the article’s lessons it runs into, what the community’s
        votes say about its words, similar messages and how they were rated, and what would be removed if you shared it.{" "}
        <strong>Your draft is not stored or logged</strong>: it is sent only to get this feedback, and goes no further
        unless you share it.
      </p>
      <FormError message={current?.errors.form ?? errors.form} />
      <Form
        method="post"
        className="form form--wide workshop-form"
        ref={formRef}
        onChange={scheduleCheck}
        onSubmit={() => setLive(false)}
        noValidate
      >
        <TextAreaField
          label="Your draft"
          name="text"
          defaultValue={values.text}
          error={errors.text}
          hint={`Plain text, up to ${MESSAGE_MAX.toLocaleString("en-GB")} characters. Feedback follows your typing, or press “Get feedback”.`}
          maxLength={MESSAGE_MAX}
          rows={8}
          required
        />
        <input type="hidden" name="kind" value="approach" />
        <div className="actions">
          <button type="submit" name="intent" value="check" disabled={busy}>
            Get feedback
          </button>
        </div>
        <section className="workshop-share" aria-labelledby="share-title">
          <h2 id="share-title">Ask the community</h2>
          {signedIn ? (
            <>
              <p className="hint">
                Share the draft for votes: it is anonymised first, you check the preview, and only then is it posted.
              </p>
              <div className="field">
                <label htmlFor="workshop-thread">Thread to share it in</label>
                <select
                  id="workshop-thread"
                  name="thread"
                  defaultValue={values.thread}
                  aria-invalid={errors.thread ? true : undefined}
                  aria-describedby={errors.thread ? "workshop-thread-error" : undefined}
                >
                  {threads.map((t) => (
                    <option key={t.slug} value={t.slug}>
                      {t.title}
                    </option>
                  ))}
                </select>
                {errors.thread ? (
                  <p className="field-error" id="workshop-thread-error">
                    {errors.thread}
                  </p>
                ) : null}
              </div>
              <button type="submit" name="intent" value="share" className="secondary" disabled={busy}>
                Ask the community
              </button>
            </>
          ) : (
            <p>
              <Link to="/login?redirectTo=/workshop">Sign in</Link> to share a draft for votes. (Copy your draft first:
              it is not kept.)
            </p>
          )}
        </section>
      </Form>
      {current?.feedback ? <WorkshopFeedback feedback={current.feedback} /> : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Draft workshop · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
