import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { getDb } from "~/db.server";
import { getEmailChoices, setEmailChoices } from "~/models/email-preferences.server";
import { getMemberEmail, removeMemberEmail } from "~/models/member-email.server";
import { sendVerificationLink } from "~/server/email-links.server";
import { readForm } from "~/server/form.server";
import { refusalHeaders } from "~/server/http.server";
import { mailIsOn } from "~/server/mailer.server";
import { checkLimits, retryAfter } from "~/server/rate-limit-checks.server";
import { addressSchema, emailChoicesSchema, parseForm } from "~/server/validation.server";
import { requireUser } from "~/session.server";
import { EMAIL_CHOICES, FAMILY_LABEL, FAMILY_NAMES, type EmailChoice } from "~/utils/notification-kinds";
import { LIMITS } from "~/utils/rate-limit-rules";

const CHOICE_LABEL: Record<EmailChoice, string> = { off: "Off", instant: "At once", daily: "Daily digest" };

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [email, choices] = await Promise.all([getMemberEmail(getDb(), user.id), getEmailChoices(getDb(), user.id)]);
  const notice = new URL(request.url).searchParams.get("done");
  return { mailOn: mailIsOn(), verified: email.verified?.address ?? null, pending: email.pending, choices, notice };
}

type Result = { intent: string; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = form.get("intent");

  if (intent === "set-address") {
    const parsed = parseForm(addressSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const typed = { email: parsed.data.email };
    if (!mailIsOn())
      return data<Result>(
        { intent, errors: { email: "E-mail is off on this forum." }, values: typed },
        { status: 400 },
      );
    const refusal = await checkLimits(
      [{ limit: LIMITS.verifyEmail, subject: user.id }],
      "Too many confirmation e-mails.",
    );
    if (refusal)
      return data<Result>({ intent, errors: { email: refusal.message }, values: typed }, retryAfter(refusal));
    await sendVerificationLink({ userId: user.id, username: user.username, address: parsed.data.email });
    return redirect("/settings/email?done=sent");
  }

  if (intent === "choices") {
    const parsed = parseForm(emailChoicesSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    await setEmailChoices(getDb(), { userId: user.id, choices: parsed.data });
    return redirect("/settings/email?done=choices");
  }

  if (intent === "remove-address") {
    await removeMemberEmail(getDb(), user.id);
    return redirect("/settings/email?done=removed");
  }

  throw data("That is not something this page can do.", { status: 400 });
}

export default function EmailSettings() {
  const { mailOn, verified, pending, choices, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.intent === "set-address" ? result.errors : {};
  return (
    <div className="email-page">
      <h1>E-mail</h1>
      <p>
        <Link to="/settings">Back to your account</Link>
      </p>
      {notice === "sent" ? (
        <p className="notice" role="status">
          We sent a link to {pending}. Open it within 24 hours to start using the address.
        </p>
      ) : notice === "choices" ? (
        <p className="notice" role="status">
          Your e-mail choices are saved.
        </p>
      ) : notice === "removed" ? (
        <p className="notice" role="status">
          Your address is removed: the forum sends you nothing.
        </p>
      ) : null}
      {!mailOn ? <p>E-mail is off on this forum: nothing can be sent, and there is nothing to set here.</p> : null}

      <section aria-labelledby="address-title">
        <h2 id="address-title">Your address</h2>
        <p>
          {verified ? (
            <>
              Confirmed: <strong>{verified}</strong>.{" "}
            </>
          ) : (
            "No confirmed address. "
          )}
          {pending && pending !== verified ? <>Waiting for confirmation: {pending}. </> : null}
          Nobody else ever sees it. It is used for password resets and the notifications you choose below.
        </p>
        {mailOn ? (
          <Form method="post" className="form" noValidate>
            <Field
              label={verified ? "New e-mail address" : "E-mail address"}
              name="email"
              type="email"
              autoComplete="email"
              defaultValue={result?.intent === "set-address" ? result.values.email : ""}
              error={errors.email}
              hint="We send a link to it; it is used only once you open the link."
              required
              maxLength={254}
            />
            <button type="submit" name="intent" value="set-address">
              Send the confirmation link
            </button>
          </Form>
        ) : null}
        {verified || pending ? (
          <Form method="post">
            <button type="submit" name="intent" value="remove-address" className="secondary">
              Remove my address
            </button>
          </Form>
        ) : null}
      </section>

      {mailOn ? (
        <section aria-labelledby="choices-title">
          <h2 id="choices-title">Notifications by e-mail</h2>
          <p>
            For each kind: none, each one at once, or one e-mail a day grouped by thread. Nothing you have already seen
            in the forum is sent{verified ? "" : ", and nothing is sent until your address is confirmed"}.
          </p>
          <Form method="post" className="form">
            {FAMILY_NAMES.map((family) => (
              <fieldset key={family}>
                <legend>{FAMILY_LABEL[family]}</legend>
                {result?.intent === "choices" && result.errors[family] ? (
                  <p className="field-error">{result.errors[family]}</p>
                ) : null}
                {EMAIL_CHOICES.map((choice) => (
                  <label key={choice} className="choice">
                    <input type="radio" name={family} value={choice} defaultChecked={choices[family] === choice} />{" "}
                    {CHOICE_LABEL[choice]}
                  </label>
                ))}
              </fieldset>
            ))}
            <button type="submit" name="intent" value="choices">
              Save e-mail choices
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "E-mail · Beyond Hello" }];
