import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getGuide } from "~/models/guide.server";
import { guideToMarkdown } from "~/server/guide-markdown.server";
import { siteUrl } from "~/utils/site-url.server";

/** GET /guide.md: the public guide as a Markdown download, with links back to the threads on this site. */
export async function loader(_: LoaderFunctionArgs) {
  const guide = await getGuide(getDb());
  const markdown = guideToMarkdown(guide, siteUrl());
  return new Response(markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": 'attachment; filename="beyond-hello-guide.md"',
    },
  });
}
