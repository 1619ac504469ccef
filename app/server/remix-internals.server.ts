/**
 * The one place that reaches into Remix's private fields, so that a page can be rendered whole with
 * React's string renderer (docs/decisions/0007-rendering-a-page.md). Remix 2.17 hands a page's
 * hydration data to <StreamTransfer> as a stream (`serverHandoffStream`) that it reads while React
 * renders, suspending for each chunk; a string render cannot wait for that. So the stream is read to
 * its end first and handed over already settled, through `renderMeta.streamCache`, as Promises whose
 * `.result` StreamTransfer checks before suspending.
 *
 * None of these fields is public API, so the installed Remix version is checked when the server
 * starts: an upgrade past the version this was written against stops with a message instead of
 * rendering pages without their data. tests/integration/rendering.test.ts also fails if it changes.
 */
import { createRequire } from "node:module";
import type { EntryContext } from "@remix-run/node";

/** The Remix minor version whose private fields this module was written against. */
export const REMIX_VERSION_USED = "2.17";

/** Throws unless the installed @remix-run/react is the version the hand-over below relies on. */
export function checkRemixVersion(
  installed = (createRequire(import.meta.url)("@remix-run/react/package.json") as { version: string }).version,
): void {
  if (installed === REMIX_VERSION_USED || installed.startsWith(`${REMIX_VERSION_USED}.`)) return;
  throw new Error(
    `app/server/remix-internals.server.ts relies on private fields of Remix ${REMIX_VERSION_USED} ` +
      `but Remix ${installed} is installed: check serverHandoffStream and renderMeta.streamCache ` +
      "(decision 0007) before changing REMIX_VERSION_USED.",
  );
}

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

/** Reads the page's hydration data to its end and hands it to StreamTransfer as one settled chunk. */
export async function settleHydrationData(remixContext: EntryContext): Promise<void> {
  if (!remixContext.serverHandoffStream) return;
  const data = await readAll(remixContext.serverHandoffStream);
  remixContext.serverHandoffStream = new ReadableStream();
  remixContext.renderMeta = {
    ...remixContext.renderMeta,
    streamCache: { 0: settled({ done: false, value: data }), 1: settled({ done: true, value: "" }) },
  };
}
