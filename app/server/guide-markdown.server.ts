/**
 * The guide as one Markdown file, for reading offline or pasting elsewhere:
 * the same sections, example messages, scores and notes as /guide, with
 * absolute links back to each message in its thread.
 */
import type { GuideSectionView } from "~/models/guide.server";
import type { ExampleKind } from "~/models/post.server";
import { GUIDE_MARK_LABEL } from "~/utils/guide-marks";
import { postHref } from "~/utils/paging";
import { authenticShare } from "~/utils/wilson";

const KIND_HEADING: Record<ExampleKind, string> = {
  approach: "Message sent",
  received_reply: "Reply received",
};

/** "80% feel authentic (5 votes)", or "no votes yet". */
export function scoreText(authentic: number, notAuthentic: number): string {
  const total = authentic + notAuthentic;
  if (total === 0) return "no votes yet";
  return `${authenticShare(authentic, total)}% feel authentic (${total} ${total === 1 ? "vote" : "votes"})`;
}

/** The message's own lines as a blockquote. It is anonymised plain text already, so it is quoted as it is. */
export function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}

// Inside *…* these would end the emphasis early or start a link.
function escapeInline(text: string): string {
  return text.replace(/([\\*_[\]`<])/g, "\\$1");
}

/**
 * Heading anchors as GitHub and most Markdown viewers make them (lower case,
 * punctuation dropped, spaces to hyphens, "-1", "-2"… for repeats), so the
 * contents list works wherever the file is opened.
 */
function anchorMaker() {
  const seen = new Map<string, number>();
  return (heading: string): string => {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
}

/** The whole guide as Markdown; `origin` ("https://example.org") makes the links back to the threads absolute. */
export function guideToMarkdown(guide: GuideSectionView[], origin: string): string {
  const anchor = anchorMaker();
  const title = "The Beyond Hello guide";
  anchor(title);
  const blocks: string[] = [
    `# ${title}`,
    "Example messages from the threads, chosen by moderators, each marked “Do” (an example to follow) or “Avoid” " +
      "(an example of what not to send), with notes on why. " +
      `Scores are the share of members who felt the message was authentic. The latest version is at ${origin}/guide.`,
  ];
  if (guide.length === 0) {
    blocks.push(`The guide is being written. Until then, read the threads at ${origin}/.`);
    return `${blocks.join("\n\n")}\n`;
  }

  anchor("Contents");
  const sections = guide.map((section) => ({ section, anchor: anchor(section.title) }));
  blocks.push(
    "## Contents",
    sections.map(({ section, anchor: id }, i) => `${i + 1}. [${escapeInline(section.title)}](#${id})`).join("\n"),
  );

  for (const { section } of sections) {
    blocks.push(`## ${section.title}`);
    if (section.introMd.trim()) blocks.push(section.introMd.trim());
    if (section.entries.length === 0) blocks.push("*No example messages in this section yet.*");
    for (const entry of section.entries) {
      const { message } = entry;
      const heading = `${GUIDE_MARK_LABEL[entry.mark]}: ${KIND_HEADING[message.kind]} — ${scoreText(message.authenticCount, message.notAuthenticCount)}`;
      anchor(heading);
      blocks.push(`### ${heading}`);
      if (message.contextLine) blocks.push(`*${escapeInline(message.contextLine)}*`);
      blocks.push(quote(message.body));
      if (entry.noteMd.trim()) blocks.push(entry.noteMd.trim());
      blocks.push(
        `[Read it in its thread: ${escapeInline(message.threadTitle)}](${origin}${postHref(message.threadSlug, message.number)})`,
      );
    }
  }
  return `${blocks.join("\n\n")}\n`;
}
