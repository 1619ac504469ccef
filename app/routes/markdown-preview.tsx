import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readForm } from "~/server/form.server";
import { refusalHeaders } from "~/server/http.server";
import { checkPreviewLimit, retryAfter } from "~/server/rate-limit-checks.server";
import { requireUser } from "~/session.server";
import { COMMENT_MAX } from "~/utils/field-lengths";
import { renderMarkdown } from "~/utils/markdown";
import { markdownLimitMessage } from "~/utils/markdown-limits";

// The live preview: members only, the same renderer and limit as posting.
// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const body = (await readForm(request)).get("body");
  if (typeof body !== "string" || body.length > COMMENT_MAX) return data({ html: "" }, { status: 400 });
  const refusal = await checkPreviewLimit(user);
  if (refusal) return data({ html: "" }, retryAfter(refusal));
  // Past the lines and links a post may hold: said in the preview's place, as posting would say it.
  const tooMuch = markdownLimitMessage(body.replace(/\r\n?/g, "\n"));
  if (tooMuch) return data({ html: "", error: tooMuch }, { status: 400 });
  return { html: renderMarkdown(body) };
}

export function loader() {
  return null;
}

// A page route, not a resource route: a refusal sent without JavaScript shows in the site's layout,
// and returning plain data to the page's fetcher is what single fetch expects of a page route.
export default function PreviewAddress() {
  return <p>Previews appear beside the form you are writing in.</p>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
