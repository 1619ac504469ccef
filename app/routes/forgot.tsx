import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { requestPasswordReset } from "~/server/email-links.server";
import { readForm } from "~/server/form.server";
import { refusalHeaders } from "~/server/http.server";
import { mailIsOn } from "~/server/mailer.server";
import { checkLimits, clientIp, retryAfter } from "~/server/rate-limit-checks.server";
import { forgotSchema, parseForm, type FieldErrors } from "~/server/validation.server";
import { LIMITS } from "~/utils/rate-limit-rules";

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export function loader({ request }: LoaderFunctionArgs) {
  return { mailOn: mailIsOn(), sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(forgotSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (!mailIsOn())
    return data(
      { errors: { form: "E-mail is off on this forum." }, values: { entry: parsed.data.entry } },
      { status: 400 },
    );
  // Counted whoever is named, so this refusal says nothing about the account.
  const refusal = await checkLimits(
    [{ limit: LIMITS.forgotPerIp, subject: clientIp(context) }],
    "Too many reset requests from your network.",
  );
  if (refusal)
    return data({ errors: { form: refusal.message }, values: { entry: parsed.data.entry } }, retryAfter(refusal));
  await requestPasswordReset(parsed.data.entry);
  // One answer for every entry: whether an account exists is never shown.
  return redirect("/forgot?sent=1");
}

export default function Forgot() {
  const { mailOn, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  return (
    <>
      <h1>Forgot your password?</h1>
      {sent ? (
        <p className="notice" role="status">
          If there is an account with a confirmed e-mail address for what you entered, we sent it a link to choose a new
          password. The link works for one hour, once.
        </p>
      ) : null}
      {mailOn ? (
        <Form method="post" className="form" noValidate>
          <FormError message={errors.form} />
          <Field
            label="Your username or e-mail address"
            name="entry"
            autoComplete="username"
            defaultValue={values.entry}
            error={errors.entry}
            hint="The link goes to the confirmed address of the account, never anywhere else."
            required
            maxLength={254}
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? "Sending…" : "Send me a link"}
            </button>
            <Link to="/login">Back to sign in</Link>
          </div>
        </Form>
      ) : (
        <p>
          E-mail is off on this forum, so a reset link cannot be sent. Ask an admin: they can make you one with{" "}
          <code>npm run -s user:reset-link</code>.
        </p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Forgot your password · Beyond Hello" }];
