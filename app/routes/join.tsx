import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { PendingVoteFields } from "~/components/pending-vote-fields";
import { getDb } from "~/db.server";
import { createUser, UsernameTakenError } from "~/models/user.server";
import { sendVerificationLink } from "~/server/email-links.server";
import { readForm } from "~/server/form.server";
import { refusalHeaders } from "~/server/http.server";
import { mailIsOn } from "~/server/mailer.server";
import { castPendingVote, pendingVote } from "~/server/pending-vote.server";
import { checkLimits, clientIp, retryAfter } from "~/server/rate-limit-checks.server";
import { joinSchema, parseForm, type FieldErrors } from "~/server/validation.server";
import { getUser, safeRedirect, startSession } from "~/session.server";
import type { PageHandle } from "~/utils/page-scripts";
import { LIMITS } from "~/utils/rate-limit-rules";
import { useClearPasswordOnError } from "~/utils/use-clear-password";

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

// The page's script empties the password and moves focus to the first error after a refused sign-up.
export const handle: PageHandle = { visitorScripts: true };

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return { mailOn: mailIsOn() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(joinSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { username, password, redirectTo, email } = parsed.data;
  // Settled before anything is created, so a malformed target can never fail after the account or session exists.
  const target = safeRedirect(redirectTo);
  const refusal = await checkLimits(
    [{ limit: LIMITS.joinPerIp, subject: clientIp(context) }],
    "Too many new accounts from your network.",
  );
  if (refusal) {
    return data(
      {
        errors: { form: refusal.message },
        values: { username, email: email ?? "", redirectTo: redirectTo ?? "" },
      },
      retryAfter(refusal),
    );
  }
  try {
    const user = await createUser(getDb(), { username, password });
    // Optional: used only once its link is opened.
    if (email && mailIsOn()) await sendVerificationLink({ userId: user.id, username: user.username, address: email });
    // A visitor who pressed a vote button and chose to join: the vote is cast now, as signing in would.
    const vote = pendingVote(form);
    if (vote) await castPendingVote(user, vote);
    return startSession(request, user.id, target);
  } catch (error) {
    if (!(error instanceof UsernameTakenError)) throw error;
    return data(
      {
        errors: { username: "That username is taken. Try another." },
        values: { username, email: email ?? "", redirectTo: redirectTo ?? "" },
      },
      { status: 400 },
    );
  }
}

export default function Join() {
  const { mailOn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const formRef = useClearPasswordOnError(actionData);
  const redirectTo = values.redirectTo ?? searchParams.get("redirectTo") ?? "";
  return (
    <>
      <h1>Join Beyond Hello</h1>
      <p>
        Share how you reach out, what you receive, and vote on what feels authentic.{" "}
        <Link to="/about">How the forum works</Link>
      </p>
      <Form method="post" className="form" noValidate ref={formRef}>
        <FormError message={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <PendingVoteFields action="Join" />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          defaultValue={values.username}
          error={errors.username}
          hint="3 to 30 letters, digits, _ or -. Shown with your posts."
          required
          minLength={3}
          maxLength={30}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          error={errors.password}
          hint="At least 10 characters."
          required
          minLength={10}
          maxLength={256}
        />
        {mailOn ? (
          <Field
            label="E-mail address (optional)"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={values.email}
            error={errors.email}
            hint="For resetting your password and, if you choose, notifications. Never shown to anyone."
            maxLength={254}
          />
        ) : null}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Creating your account…" : "Create account"}
          </button>
          <span>
            Already a member?{" "}
            <Link
              to={{ pathname: "/login", search: redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "" }}
            >
              Sign in
            </Link>
          </span>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Join · Beyond Hello" }];
