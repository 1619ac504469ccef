/**
 * Renders pages to HTML, whole, with React's string renderer.
 *
 * The server buffers every response anyway (to cache visitors' pages, compress
 * once and answer with ETags), and no loader here defers data, so streaming
 * would buy nothing; rendering to a string skips encoding the page to bytes
 * and back, which the streaming renderer spends a good share of its time on.
 *
 * Remix hands the page's hydration data over as a stream that a string render cannot wait for;
 * app/server/remix-internals.server.ts reads it first and hands it over settled (decision 0007).
 * That module reaches into private Remix fields, so the Remix version is checked once, at start-up.
 *
 * When the server passes a `document` holder in the load context (scripts/server.ts
 * does), the HTML is handed over there as a string and the Response carries only
 * status and headers: that spares encoding the page into a body stream only for
 * the server to read it back.
 */
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { checkRemixVersion, settleHydrationData } from "~/server/remix-internals.server";
import { NonceProvider } from "~/utils/nonce-provider";
import { scriptsInsideBody } from "~/utils/scripts-inside-body";
import { contentSecurityPolicy } from "~/utils/security-headers";

// The server closes the database through the build on shutdown (scripts/server.ts).
export { closeDb } from "./db.server";
// And starts and stops the e-mail sender through it (decision 0014).
export { startMailJob, stopMailJob } from "./server/mail-job.server";

export const streamTimeout = 5_000;

checkRemixVersion();

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  if (nonce) responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  await settleHydrationData(remixContext);
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const page = `<!DOCTYPE html>${scriptsInsideBody(html)}`;
  if (loadContext.document) {
    loadContext.document.html = page;
    return new Response(null, { headers: responseHeaders, status: responseStatusCode });
  }
  return new Response(page, { headers: responseHeaders, status: responseStatusCode });
}
