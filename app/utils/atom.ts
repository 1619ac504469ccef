/**
 * Atom (RFC 4287) documents, written by hand: a feed is a few elements, and every text in it goes
 * through one escaper, so a post's words can never become markup. Links are absolute, built by the
 * caller from SITE_URL (never the Host header: a feed is cached and shared like a visitor's page).
 */

export interface AtomEntry {
  /** A stable, unique IRI: the entry's own address on this site. */
  id: string;
  title: string;
  /** The page to open. */
  link: string;
  author: string;
  published: number;
  updated: number;
  /** Plain text: shown as text by readers, never as HTML. */
  content: string;
}

export interface AtomFeed {
  /** The page the feed follows (its HTML alternate). */
  pageUrl: string;
  /** The feed's own address (rel="self"); also its id. */
  selfUrl: string;
  title: string;
  subtitle: string;
  entries: AtomEntry[];
  /** When there are no entries yet: the feed's updated time. */
  emptyUpdated: number;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes text for XML content or attributes, and drops the control characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

export function atomFeed(feed: AtomFeed): string {
  const updated = feed.entries.reduce((latest, entry) => Math.max(latest, entry.updated), 0) || feed.emptyUpdated;
  const entries = feed.entries.map(
    (entry) => `  <entry>
    <id>${xmlEscape(entry.id)}</id>
    <title type="text">${xmlEscape(entry.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(entry.link)}"/>
    <author><name>${xmlEscape(entry.author)}</name></author>
    <published>${iso(entry.published)}</published>
    <updated>${iso(entry.updated)}</updated>
    <content type="text">${xmlEscape(entry.content)}</content>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlEscape(feed.selfUrl)}</id>
  <title type="text">${xmlEscape(feed.title)}</title>
  <subtitle type="text">${xmlEscape(feed.subtitle)}</subtitle>
  <updated>${iso(updated)}</updated>
  <author><name>Beyond Hello</name></author>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(feed.pageUrl)}"/>
${entries.join("")}</feed>
`;
}

/** A `meta` entry for a page's feed: `<link rel="alternate" type="application/atom+xml">`. */
export function feedLink(href: string, title: string) {
  return { tagName: "link" as const, rel: "alternate", type: "application/atom+xml", href, title };
}
