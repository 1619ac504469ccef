import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { unsubscribe } from "~/models/email-preferences.server";
import { readUnsubscribeToken } from "~/server/unsubscribe.server";
import { FAMILY_LABEL } from "~/utils/notification-kinds";

const UNKNOWN = "This unsubscribe link is not valid. You can choose what you get by e-mail in your settings.";

// Opening the link only shows a button (link scanners open links); the button, or a mail client's
// one-click POST (RFC 8058, let through the forged-request check in scripts/server.ts), stops the e-mails.
export async function loader({ params }: LoaderFunctionArgs) {
  const scope = await readUnsubscribeToken(getDb(), params.token);
  if (!scope) return data({ what: null }, { status: 404 });
  return { what: scope.family === "daily" ? "your daily digest" : FAMILY_LABEL[scope.family] };
}

export async function action({ params }: ActionFunctionArgs) {
  const scope = await readUnsubscribeToken(getDb(), params.token);
  if (!scope) return data({ stopped: null }, { status: 404 });
  const families = await unsubscribe(getDb(), scope);
  return { stopped: families.map((f) => FAMILY_LABEL[f]) };
}

export default function Unsubscribe() {
  const { what } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.stopped)
    return (
      <>
        <h1>Unsubscribed</h1>
        <p role="status">
          {result.stopped.length > 0
            ? `No more e-mails for: ${result.stopped.join("; ")}.`
            : "You were already getting none of these e-mails."}{" "}
          Your notifications in the forum stay as they are.
        </p>
        <p>
          <Link to="/settings/email">Your e-mail settings</Link>
        </p>
      </>
    );
  if (!what || result)
    return (
      <>
        <h1>Unsubscribe</h1>
        <p role="alert">{UNKNOWN}</p>
      </>
    );
  return (
    <>
      <h1>Unsubscribe</h1>
      <p>Stop e-mails for {what}?</p>
      <Form method="post">
        <button type="submit">Stop these e-mails</button>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Beyond Hello" }];
