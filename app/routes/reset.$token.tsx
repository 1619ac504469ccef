import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/db.server";
import { isLinkToken, peekLink, redeemResetLink } from "~/models/member-email.server";
import { readForm } from "~/server/form.server";
import { parseForm, resetPasswordSchema, type FieldErrors } from "~/server/validation.server";
import { blankSessionCookie } from "~/session.server";
import type { PageHandle } from "~/utils/page-scripts";
import { useClearPasswordOnError } from "~/utils/use-clear-password";

const GONE = "This link has expired or has already been used. Ask for a new one.";

// The page's script empties the new password and moves focus to the error after a refusal.
export const handle: PageHandle = { visitorScripts: true };

export async function loader({ params }: LoaderFunctionArgs) {
  const link = isLinkToken(params.token) ? await peekLink(getDb(), { token: params.token, purpose: "reset" }) : null;
  if (!link) return data({ username: null }, { status: 404 });
  return { username: link.username };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(resetPasswordSchema, form, { keepOut: ["newPassword"] });
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const done = isLinkToken(params.token)
    ? await redeemResetLink(getDb(), { token: params.token, newPassword: parsed.data.newPassword })
    : null;
  if (!done) return data({ errors: { form: GONE } }, { status: 400 });
  // Every session ended with the reset, this browser's too: sign in with the new password.
  return redirect("/login?reset=done", { headers: { "Set-Cookie": blankSessionCookie(request) } });
}

export default function ResetPassword() {
  const { username } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData?.errors ?? {};
  const formRef = useClearPasswordOnError(actionData);
  if (!username)
    return (
      <>
        <h1>Choose a new password</h1>
        <p>{GONE}</p>
        <p>
          <Link to="/forgot">Ask for a new link</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>Choose a new password</h1>
      <p>For {username}. Every place you are signed in will be signed out.</p>
      <Form method="post" className="form" noValidate ref={formRef}>
        <FormError message={errors.form} />
        <input type="hidden" name="username" value={username} autoComplete="username" />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          error={errors.newPassword}
          required
          minLength={10}
          maxLength={256}
        />
        <button type="submit">Save the new password</button>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Choose a new password · Beyond Hello" }];
