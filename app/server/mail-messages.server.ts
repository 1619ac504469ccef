/**
 * What the forum's e-mails say: each has a plain-text part and an HTML part made from the same paragraphs,
 * with every absolute link built from SITE_URL (never from a request). Texts quoted from posts are the
 * stored, anonymised ones, and are escaped in the HTML part.
 */
import { escapeHtml } from "~/utils/plain-text";
import { siteUrl } from "~/utils/site-url.server";
import type { MailMessage } from "./mailer.server";

export type Block = { text: string } | { quote: string } | { link: string; label: string };

export function absoluteUrl(path: string): string {
  return new URL(path, siteUrl()).toString();
}

/** One message from blocks: paragraphs, quoted post texts and links (shown as buttons in HTML). */
export function compose({
  to,
  subject,
  blocks,
  footer,
  unsubscribeUrl,
}: {
  to: string;
  subject: string;
  blocks: Block[];
  footer: string;
  unsubscribeUrl?: string;
}): MailMessage {
  const textParts = blocks.map((b) =>
    "text" in b
      ? b.text
      : "quote" in b
        ? b.quote
            .split("\n")
            .map((line) => `> ${line}`)
            .join("\n")
        : `${b.label}: ${b.link}`,
  );
  const footerText = unsubscribeUrl ? `${footer}\nUnsubscribe: ${unsubscribeUrl}` : footer;
  const text = `${textParts.join("\n\n")}\n\n-- \n${footerText}\n`;
  const htmlParts = blocks.map((b) =>
    "text" in b
      ? `<p>${escapeHtml(b.text)}</p>`
      : "quote" in b
        ? `<blockquote style="margin:0 0 1em;padding:0 1em;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(b.quote)}</blockquote>`
        : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`,
  );
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">${htmlParts.join("\n")}` +
    `<hr><p style="color:#555;font-size:0.9em">${escapeHtml(footer)}` +
    (unsubscribeUrl ? ` <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a>` : "") +
    `</p></body></html>`;
  return { to, subject, text, html, unsubscribeUrl };
}

export function verificationMessage({ to, username, token }: { to: string; username: string; token: string }) {
  return compose({
    to,
    subject: "Confirm your e-mail address for Beyond Hello",
    blocks: [
      { text: `Hello ${username},` },
      { text: "Open this link within 24 hours to use this address for your Beyond Hello account:" },
      { link: absoluteUrl(`/verify-email/${token}`), label: "Confirm this address" },
      { text: "If you did not ask for this, ignore this e-mail: nothing changes." },
    ],
    footer: "You get this e-mail because someone entered this address at Beyond Hello.",
  });
}

export function resetMessage({ to, username, token }: { to: string; username: string; token: string }) {
  return compose({
    to,
    subject: "Reset your Beyond Hello password",
    blocks: [
      { text: `Hello ${username},` },
      { text: "Someone asked to reset your password. Open this link within an hour to choose a new one:" },
      { link: absoluteUrl(`/reset/${token}`), label: "Choose a new password" },
      { text: "If it was not you, ignore this e-mail: your password stays as it is." },
    ],
    footer: "You get this e-mail because a password reset was asked for at Beyond Hello.",
  });
}
