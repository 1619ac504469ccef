/**
 * The benchmark's yardstick: the least a server can do to show a page of a
 * thread. Plain node:http, ONE prepared better-sqlite3 query (the page's 50
 * posts joined with their authors, by thread and number range, the same index
 * the app uses) and HTML built by string concatenation: a doctype, a head and
 * a simple layout around each post's stored body_html.
 *
 *   GET /thread?page=N   the page (thread THREAD_ID)
 *
 * Settings via env: PORT (0 = any), HOST, DATABASE_PATH, THREAD_ID.
 * Prints "reference ready at http://host:port" once listening.
 */
import http from "node:http";
import SQLite from "better-sqlite3";

const PER_PAGE = 50;
const file = process.env.DATABASE_PATH;
if (!file) throw new Error("Set DATABASE_PATH");
const threadId = Number(process.env.THREAD_ID || 1);

const db = new SQLite(file, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
const pageQuery = db.prepare(
  `SELECT post.id, post.number, post.kind, post.created_at, post.body_html, user.username
     FROM post JOIN user ON user.id = post.author_id
    WHERE post.thread_id = ? AND post.number > ? AND post.number <= ?
    ORDER BY post.number`,
);

type Row = { id: number; number: number; kind: string; created_at: number; body_html: string; username: string };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function renderPage(page: number, rows: Row[]): string {
  let html =
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>Thread, page ${page}</title><link rel="stylesheet" href="/style.css"></head><body>` +
    '<header class="site-header"><a href="/">Beyond Hello</a></header><main><h1>Thread</h1><ol class="posts">';
  for (const row of rows) {
    html +=
      `<li class="post post--${row.kind}" id="post-${row.number}"><p class="post__meta"><a href="#post-${row.number}">#${row.number}</a> ` +
      `<span class="author">${escapeHtml(row.username)}</span> <time datetime="${new Date(row.created_at).toISOString()}"></time></p>` +
      `<div class="post__body">${row.body_html}</div></li>`;
  }
  html += `</ol><nav class="pagination"><a href="/thread?page=${page + 1}">Next</a></nav></main></body></html>`;
  return html;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/thread") {
    const page = Math.max(1, Number(url.searchParams.get("page") || 1) | 0);
    const rows = pageQuery.all(threadId, (page - 1) * PER_PAGE, page * PER_PAGE) as Row[];
    const body = renderPage(page, rows);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("Not found");
});

server.listen(Number(process.env.PORT || 0), process.env.HOST || "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(`reference ready at http://${process.env.HOST || "127.0.0.1"}:${port}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
