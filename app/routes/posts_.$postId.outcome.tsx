/**
 * The author of an approach records what came of it, changes it, or clears it (issue 19). A page of
 * its own, linked from the approach on the thread page and from the member's own page, so it works
 * without JavaScript and a refused form keeps what was chosen.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/db.server";
import { getOwnApproach, setOutcome } from "~/models/outcome.server";
import { readForm } from "~/server/form.server";
import { invariantResponse } from "~/server/http.server";
import { outcomeSchema } from "~/server/outcome-form.server";
import { idSchema, parseForm } from "~/server/validation.server";
import { requireUser, safeRedirect } from "~/session.server";
import { FOLLOW_UP_LABEL, OUTCOME_LABEL, OUTCOME_STATUSES } from "~/utils/outcomes";
import { postHref } from "~/utils/paging";

async function findApproach(request: Request, param: string | undefined) {
  const user = await requireUser(request);
  const postId = idSchema.safeParse(param);
  invariantResponse(postId.success, "There is no such message.", { status: 404 });
  const approach = await getOwnApproach(getDb(), { postId: postId.data, authorId: user.id });
  // Someone else's post, a comment, a received reply or a deleted approach: nothing to record here.
  invariantResponse(approach, "Only the author of a message they sent can record what came of it.", { status: 404 });
  return { user, approach };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { approach } = await findApproach(request, params.postId);
  const returnTo = new URL(request.url).searchParams.get("returnTo");
  return {
    approach,
    returnTo: safeRedirect(returnTo, postHref(approach.slug, approach.number)),
    today: Date.now(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, approach } = await findApproach(request, params.postId);
  const form = await readForm(request);
  const returnTo = form.get("returnTo");
  // An address longer than any page's is no address: back to the message instead.
  const back = safeRedirect(
    typeof returnTo === "string" && returnTo.length <= 500 ? returnTo : null,
    postHref(approach.slug, approach.number),
  );
  const intent = form.get("intent");
  invariantResponse(intent === "record" || intent === "clear", "That is not something this page can do.", {
    status: 400,
  });
  if (intent === "clear") {
    await setOutcome(getDb(), { postId: approach.id, authorId: user.id, outcome: null });
    return redirect(back);
  }
  const parsed = parseForm(outcomeSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { status, followUp, happened } = parsed.data;
  const saved = await setOutcome(getDb(), {
    postId: approach.id,
    authorId: user.id,
    outcome: { status, followUp, happenedAt: happened },
  });
  invariantResponse(saved, "This message is gone.", { status: 404 });
  return redirect(back);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export default function RecordOutcome() {
  const { approach, returnTo, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: Record<string, string> = answer?.errors ?? {};
  const values: Record<string, string> = answer?.values ?? {};
  const current = approach.outcome;
  const status = values.status ?? current?.status ?? "";
  const followUp = values.followUp ?? String(current?.followUp ?? 0);
  return (
    <>
      <h1>What came of it?</h1>
      <p>
        Your message <Link to={postHref(approach.slug, approach.number)}>#{approach.number}</Link> in {approach.title}.
        Readers see the outcome under your message once you record it; /insights counts it only in groups of five or
        more messages, never alone.
      </p>
      <figure className="message">
        <blockquote className="message__text">{approach.body}</blockquote>
      </figure>
      <Form method="post" className="form">
        <FormError message={errors.form} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <fieldset aria-describedby={errors.status ? "status-error" : undefined}>
          <legend>What came of it</legend>
          {OUTCOME_STATUSES.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="status" value={value} defaultChecked={status === value} />{" "}
              {OUTCOME_LABEL[value]}
            </label>
          ))}
          {errors.status ? (
            <p className="field-error" id="status-error">
              {errors.status}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor="followUp">Which message was this?</label>
          <select
            id="followUp"
            name="followUp"
            defaultValue={followUp}
            aria-invalid={errors.followUp ? true : undefined}
            aria-describedby={errors.followUp ? "followUp-error" : undefined}
          >
            {FOLLOW_UP_LABEL.map((label, n) => (
              <option key={label} value={n}>
                {label}
              </option>
            ))}
          </select>
          {errors.followUp ? (
            <p className="field-error" id="followUp-error">
              {errors.followUp}
            </p>
          ) : null}
        </div>
        <Field
          label="When it happened"
          name="happened"
          type="date"
          hint="The day of the answer (or of your last look, for no answer)."
          defaultValue={values.happened ?? day(current?.happenedAt ?? today)}
          error={errors.happened}
          required
        />
        <div className="actions">
          <button type="submit" name="intent" value="record">
            Save
          </button>
          {current ? (
            <button type="submit" name="intent" value="clear" className="secondary" formNoValidate>
              Clear the outcome
            </button>
          ) : null}
          <Link to={returnTo}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "What came of it · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
