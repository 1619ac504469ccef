/**
 * A rendered post's HTML would reach the browser twice: in the page, and
 * again in the data React hydrates the page from, escaped three times over.
 * For a document request (the server passes a `document` holder in the load
 * context only then), this makes the field non-enumerable: the server render
 * still reads it, Remix's serialiser (turbo-stream walks Object.keys) leaves
 * it out, and the browser hydrates the HTML already in the page. Data requests
 * (client-side navigations and revalidations) carry the field as usual.
 *
 * A component renders such a field with <ServerHtml> (components/server-html.tsx),
 * which takes the HTML from the page in the browser's first render.
 */
import type { AppLoadContext } from "@remix-run/node";

export function sendInHtmlOnly<T extends object>(
  context: AppLoadContext | undefined,
  items: readonly T[],
  key: keyof T,
): void {
  if (!context?.document) return;
  for (const item of items) if (typeof item[key] === "string") Object.defineProperty(item, key, { enumerable: false });
}
