import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireUser } from "~/session.server";
import { renderMarkdown } from "~/utils/markdown";
import { COMMENT_MAX } from "~/utils/field-limits";
import { readForm } from "~/utils/form.server";

// The live preview: members only, the same renderer and limit as posting.
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const body = (await readForm(request)).get("body");
  if (typeof body !== "string" || body.length > COMMENT_MAX) return data({ html: "" }, { status: 400 });
  return { html: renderMarkdown(body) };
}

export async function loader() {
  throw new Response("Not found", { status: 404 });
}
