import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { NotificationSettings } from "~/components/notification-settings";
import { getDb } from "~/db.server";
import { changePassword, deleteAccount, usernameKey, verifyLogin } from "~/models/user.server";
import { readForm } from "~/server/form.server";
import { refusalHeaders } from "~/server/http.server";
import { notificationSettingsView } from "~/server/notification-settings.server";
import { checkLimits, refundLimits, retryAfter } from "~/server/rate-limit-checks.server";
import { changePasswordSchema, deleteAccountSchema, parseForm } from "~/server/validation.server";
import { blankSessionCookie, getSession, requireUser } from "~/session.server";
import { LIMITS } from "~/utils/rate-limit-rules";
import { useClearPasswordOnError } from "~/utils/use-clear-password";

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const changed = new URL(request.url).searchParams.get("changed") === "password";
  return { username: user.username, changed, notifications: await notificationSettingsView(user.id) };
}

type Result = { intent: string; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  // Asked together, so the two share one session lookup.
  const [user, session] = await Promise.all([requireUser(request), getSession(request)]);
  const form = await readForm(request);
  const intent = form.get("intent");
  // Wrong passwords here count against a limit of their own (a point per try, given back on success), so this
  // page is no back door for guessing, and nobody's guesses at the sign-in form lock the owner out of it.
  const checks = [{ limit: LIMITS.passwordCheckFailures, subject: user.id }];
  const guard = () => checkLimits(checks, "Too many password attempts.");

  if (intent === "change-password") {
    const parsed = parseForm(changePasswordSchema, form, { keepOut: ["currentPassword", "newPassword"] });
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors, values: {} }, { status: 400 });
    const refusal = await guard();
    if (refusal)
      return data<Result>({ intent, errors: { currentPassword: refusal.message }, values: {} }, retryAfter(refusal));
    const changed = await changePassword(getDb(), {
      userId: user.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      keepSessionId: session!.id,
    });
    if (!changed)
      return data<Result>(
        { intent, errors: { currentPassword: "That is not your current password." }, values: {} },
        { status: 400 },
      );
    await refundLimits(checks);
    return redirect("/settings?changed=password");
  }

  if (intent === "delete-account") {
    const parsed = parseForm(deleteAccountSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const typed = { confirmUsername: parsed.data.confirmUsername };
    if (usernameKey(parsed.data.confirmUsername) !== usernameKey(user.username)) {
      return data<Result>(
        { intent, errors: { confirmUsername: `Type ${user.username} to confirm.` }, values: typed },
        { status: 400 },
      );
    }
    const refusal = await guard();
    if (refusal)
      return data<Result>({ intent, errors: { password: refusal.message }, values: typed }, retryAfter(refusal));
    if (!(await verifyLogin(getDb(), { username: user.username, password: parsed.data.password }))) {
      return data<Result>(
        { intent, errors: { password: "That is not your password." }, values: typed },
        { status: 400 },
      );
    }
    await refundLimits(checks);
    await deleteAccount(getDb(), { userId: user.id });
    return redirect("/?account=deleted", { headers: { "Set-Cookie": blankSessionCookie(request) } });
  }

  throw data("That is not something this page can do.", { status: 400 });
}

export default function Settings() {
  const { username, changed, notifications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : {});
  const passwordForm = useClearPasswordOnError(result?.intent === "change-password" ? result : null);
  const deleteForm = useClearPasswordOnError(result?.intent === "delete-account" ? result : null);
  return (
    <>
      <h1>Your account</h1>
      {changed ? (
        <p className="notice" role="status">
          Your password is changed. Every other place you were signed in has been signed out.
        </p>
      ) : null}

      <section aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <p>Changing it signs you out everywhere else.</p>
        <Form method="post" className="form" ref={passwordForm} noValidate>
          <input type="hidden" name="username" value={username} autoComplete="username" />
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={errorsFor("change-password").currentPassword}
            required
          />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            error={errorsFor("change-password").newPassword}
            required
            minLength={10}
            maxLength={256}
          />
          <button type="submit" name="intent" value="change-password">
            Change password
          </button>
        </Form>
      </section>

      <NotificationSettings view={notifications} />
      <section aria-labelledby="email-title">
        <h2 id="email-title">E-mail</h2>
        <p>
          <Link to="/settings/email">Your address and e-mail notifications</Link>
        </p>
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">Your data</h2>
        <p>
          Everything you wrote here — posts and their earlier versions, your votes and your flags — as one JSON file.
        </p>
        <p>
          <a className="button secondary" href="/settings/export" download>
            Download my data
          </a>
        </p>
      </section>

      <section aria-labelledby="delete-title">
        <h2 id="delete-title">Delete your account</h2>
        <p>
          Your posts stay, shown as written by a former member, so the threads keep their sense (delete any post first
          if you want its words gone). Your votes are removed and the scores corrected. You are signed out everywhere,
          and nobody can sign in as you again.
        </p>
        <Form method="post" className="form" ref={deleteForm} noValidate>
          <Field
            label="Type your username to confirm"
            name="confirmUsername"
            autoComplete="off"
            defaultValue={result?.intent === "delete-account" ? result.values.confirmUsername : ""}
            error={errorsFor("delete-account").confirmUsername}
            required
          />
          <Field
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            error={errorsFor("delete-account").password}
            required
          />
          <button type="submit" name="intent" value="delete-account" className="button--danger">
            Delete my account
          </button>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Your account · Beyond Hello" }];
