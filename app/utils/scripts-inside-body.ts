/**
 * RemixServer renders the hydration data's <script>s after the app, so a string render puts them after
 * `</html>`, which the HTML standard forbids (the Nu checker stops there). Browsers move them into the body
 * anyway; putting them there ourselves makes the page valid and changes nothing else.
 */
export function scriptsInsideBody(html: string) {
  const end = html.lastIndexOf("</body></html>");
  if (end === -1) return html;
  const trailing = html.slice(end + "</body></html>".length);
  return `${html.slice(0, end)}${trailing}</body></html>`;
}
