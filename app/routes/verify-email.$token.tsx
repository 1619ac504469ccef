import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { isLinkToken, peekLink, redeemVerifyLink } from "~/models/member-email.server";

const GONE = "This link has expired or has already been used. Enter the address again in your settings for a new one.";

// Opening the link only shows a button: mail scanners open links, and must not confirm an address by doing so.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = isLinkToken(params.token) ? await peekLink(getDb(), { token: params.token, purpose: "verify" }) : null;
  if (!link) return data({ address: null }, { status: 404 });
  return { address: link.address };
}

export async function action({ params }: ActionFunctionArgs) {
  const outcome = isLinkToken(params.token) ? await redeemVerifyLink(getDb(), { token: params.token }) : null;
  if (outcome?.ok) return { confirmed: outcome.address, error: null };
  const error =
    outcome?.reason === "taken"
      ? "This address is already confirmed for another account here, so it cannot be used twice."
      : GONE;
  return data({ confirmed: null, error }, { status: 400 });
}

export default function VerifyEmail() {
  const { address } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.confirmed)
    return (
      <div className="email-page">
        <h1>Address confirmed</h1>
        <p role="status">
          {result.confirmed} is now the address of your account. Choose which notifications it gets in{" "}
          <Link to="/settings/email">your e-mail settings</Link>.
        </p>
      </div>
    );
  if (result?.error || !address)
    return (
      <>
        <h1>Confirm your address</h1>
        <p role="alert">{result?.error ?? GONE}</p>
      </>
    );
  return (
    <div className="email-page">
      <h1>Confirm your address</h1>
      <p>Use {address} for your Beyond Hello account?</p>
      <Form method="post">
        <button type="submit">Confirm {address}</button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Confirm your address · Beyond Hello" }];
