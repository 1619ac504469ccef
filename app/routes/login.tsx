import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { PendingVoteFields, usePendingVote } from "~/components/pending-vote-fields";
import { getDb } from "~/db.server";
import { usernameKey, verifyLogin } from "~/models/user.server";
import { readForm } from "~/server/form.server";
import { refusalHeaders } from "~/server/http.server";
import { castPendingVote, pendingVote } from "~/server/pending-vote.server";
import { checkLimits, clientIp, refundLimits, retryAfter, signInLimits } from "~/server/rate-limit-checks.server";
import { loginSchema, parseForm, type FieldErrors } from "~/server/validation.server";
import { getUser, safeRedirect, startSession } from "~/session.server";
import type { PageHandle } from "~/utils/page-scripts";
import { useClearPasswordOnError } from "~/utils/use-clear-password";

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

// The page's script empties the password and moves focus to the first error after a refused sign-in.
export const handle: PageHandle = { visitorScripts: true };

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(loginSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { username, password, redirectTo } = parsed.data;
  // Settled before anything is created, so a malformed target can never fail after the account or session exists.
  const target = safeRedirect(redirectTo);
  // Failures are counted per username by taking a point for every try and giving it back on success, so
  // concurrent guesses cannot all slip under the limit and signing in often never meets it.
  const limits = signInLimits(usernameKey(username), clientIp(context));
  const refusal = await checkLimits([...limits.attempt, ...limits.failures], "Too many sign-in attempts.");
  if (refusal) {
    return data(
      {
        errors: { form: refusal.message },
        values: { username, redirectTo: redirectTo ?? "" },
      },
      retryAfter(refusal),
    );
  }
  const user = await verifyLogin(getDb(), { username, password });
  if (!user) {
    // One message for an unknown username and a wrong password: the form must not reveal who is a member.
    return data(
      {
        errors: { password: "That username and password do not match." },
        values: { username, redirectTo: redirectTo ?? "" },
      },
      { status: 400 },
    );
  }
  await refundLimits(limits.failures);
  // A visitor who pressed a vote button: the vote is cast now, and the redirect lands on the message.
  const vote = pendingVote(form);
  if (vote) await castPendingVote(user, vote);
  return startSession(request, user.id, target);
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const wasReset = searchParams.get("reset") === "done";
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const formRef = useClearPasswordOnError(actionData);
  const redirectTo = values.redirectTo ?? searchParams.get("redirectTo") ?? "";
  const pending = usePendingVote();
  // Joining instead keeps the vote too.
  const joinSearch = new URLSearchParams({
    ...(redirectTo ? { redirectTo } : {}),
    ...(pending ? { vote: pending.vote, choice: pending.choice } : {}),
  }).toString();
  return (
    <>
      <h1>Sign in</h1>
      {wasReset ? (
        <p className="notice" role="status">
          Your password is changed, and you are signed out everywhere. Sign in with the new one.
        </p>
      ) : null}
      <Form method="post" className="form" noValidate ref={formRef}>
        <FormError message={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <PendingVoteFields action="Sign in" />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          defaultValue={values.username}
          error={errors.username}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
          required
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
          <Link to="/forgot">Forgot your password?</Link>
          <span>
            New here? <Link to={{ pathname: "/join", search: joinSearch ? `?${joinSearch}` : "" }}>Join</Link>
          </span>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign in · Beyond Hello" }];
