/**
 * HTML the server puts in the page but leaves out of the hydration data
 * (utils/hydration.ts). In the browser's first render `html` is undefined, so
 * the element's HTML is taken from the page as it stands. Hydration keeps it
 * either way; but if React ever renders the page afresh (after a hydration
 * mismatch, which a browser extension editing the page can cause), the same
 * HTML goes back in rather than nothing.
 */
import { useState } from "react";

export function ServerHtml({
  html,
  id,
  className,
  as: Tag = "div",
}: {
  html: string | undefined;
  id: string;
  className: string;
  as?: "div" | "blockquote";
}) {
  const [fromPage] = useState(() =>
    html === undefined && typeof document !== "undefined" ? (document.getElementById(id)?.innerHTML ?? "") : "",
  );
  return <Tag id={id} className={className} dangerouslySetInnerHTML={{ __html: html ?? fromPage }} />;
}
