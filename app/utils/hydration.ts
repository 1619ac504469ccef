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

/** An item whose field K is sent in the page's HTML only: in the browser's first render it is undefined. */
export type InHtmlOnly<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | undefined };

/** Marks the field and returns the same items, typed so a component must allow for the field's absence. */
export function sendInHtmlOnly<T extends object, K extends keyof T>(
  context: AppLoadContext | undefined,
  items: T[],
  key: K,
): InHtmlOnly<T, K>[] {
  if (!context?.document) return items;
  for (const item of items) if (typeof item[key] === "string") Object.defineProperty(item, key, { enumerable: false });
  return items;
}
