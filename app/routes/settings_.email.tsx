import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { getDb } from "~/db.server";
import { getMemberEmail, removeMemberEmail } from "~/models/member-email.server";
import { sendVerificationLink } from "~/server/email-links.server";
import { readForm } from "~/server/form.server";
import { refusalHeaders } from "~/server/http.server";
import { mailIsOn } from "~/server/mailer.server";
import { checkLimits, retryAfter } from "~/server/rate-limit-checks.server";
import { addressSchema, parseForm } from "~/server/validation.server";
import { requireUser } from "~/session.server";
import { LIMITS } from "~/utils/rate-limit-rules";

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const email = await getMemberEmail(getDb(), user.id);
  const notice = new URL(request.url).searchParams.get("done");
  return { mailOn: mailIsOn(), verified: email.verified?.address ?? null, pending: email.pending, notice };
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

  if (intent === "remove-address") {
    await removeMemberEmail(getDb(), user.id);
    return redirect("/settings/email?done=removed");
  }

  throw data("That is not something this page can do.", { status: 400 });
}

export default function EmailSettings() {
  const { mailOn, verified, pending, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.intent === "set-address" ? result.errors : {};
  return (
    <>
      <h1>E-mail</h1>
      <p>
        <Link to="/settings">Back to your account</Link>
      </p>
      {notice === "sent" ? (
        <p className="notice" role="status">
          We sent a link to {pending}. Open it within 24 hours to start using the address.
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
              label={verified ? "New address" : "Address"}
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
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "E-mail · Beyond Hello" }];
