/**
 * Renders pages to HTML, whole, with React's string renderer.
 *
 * The server buffers every response anyway (to cache visitors' pages, compress
 * once and answer with ETags), and no loader here defers data, so streaming
 * would buy nothing; rendering to a string skips encoding the page to bytes
 * and back, which the streaming renderer spends a good share of its time on.
 *
 * Remix hands the page's hydration data over as a stream that its
 * <StreamTransfer> reads while React renders, suspending for each chunk; a
 * string render cannot wait for that. So the stream is read to its end first
 * and given to StreamTransfer already resolved, as one chunk: the page carries
 * the same data in one inline script, and nothing suspends.
 *
 * When the server passes a `document` holder in the load context (scripts/server.ts
 * does), the HTML is handed over there as a string and the Response carries only
 * status and headers: that spares encoding the page into a body stream only for
 * the server to read it back.
 */
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce-provider";
import { contentSecurityPolicy } from "~/utils/security-headers";

// The server closes the database through the build on shutdown (scripts/server.ts).
export { closeDb } from "./db.server";

export const streamTimeout = 5_000;

/** A promise StreamTransfer will read as settled (it checks `.result` before suspending). */
function settled(result: { done: boolean; value: string }) {
  return Object.assign(Promise.resolve(), { result });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>)
    text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  if (nonce) responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  if (remixContext.serverHandoffStream) {
    const data = await readAll(remixContext.serverHandoffStream);
    remixContext.serverHandoffStream = new ReadableStream();
    remixContext.renderMeta = {
      ...remixContext.renderMeta,
      streamCache: { 0: settled({ done: false, value: data }), 1: settled({ done: true, value: "" }) },
    };
  }
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const page = `<!DOCTYPE html>${html}`;
  if (loadContext.document) {
    loadContext.document.html = page;
    return new Response(null, { headers: responseHeaders, status: responseStatusCode });
  }
  return new Response(page, { headers: responseHeaders, status: responseStatusCode });
}
