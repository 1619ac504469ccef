import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { quotablePost } from "~/models/quote.server";
import { idSchema } from "~/server/validation.server";
import { requireUser } from "~/session.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

/**
 * A post's quote for the composer, as JSON: the thread page's Reply asks for it with JavaScript instead
 * of loading the page again. Members only (only they reply); a post readers cannot see has no quote.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const postId = idSchema.safeParse(params.postId);
  const quotable = postId.success ? await quotablePost(getDb(), { postId: postId.data }) : null;
  if (!quotable) return Response.json({ error: "This post cannot be quoted." }, { status: 404, headers: NO_STORE });
  return Response.json({ id: quotable.id, number: quotable.number, quote: quotable.quote }, { headers: NO_STORE });
}
