/**
 * Sending e-mail, through nodemailer. `SMTP_URL` (smtp:// or smtps://) names the server; without it,
 * `MAIL_OUTBOX=dir` writes each message to that folder as an .eml file (for development); with neither,
 * e-mail is off and every feature that needs it says so. Read on each call, so tests can switch it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { siteUrl } from "~/utils/site-url.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** RFC 8058: the link a mail client's "unsubscribe" button posts to. */
  unsubscribeUrl?: string;
}

export type MailMode = { kind: "smtp"; url: string } | { kind: "outbox"; dir: string } | { kind: "off" };

export function mailMode(env: NodeJS.ProcessEnv = process.env): MailMode {
  if (env.SMTP_URL) return { kind: "smtp", url: env.SMTP_URL };
  if (env.MAIL_OUTBOX) return { kind: "outbox", dir: env.MAIL_OUTBOX };
  return { kind: "off" };
}

export function mailIsOn(): boolean {
  return mailMode().kind !== "off";
}

export function fromAddress(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MAIL_FROM) return env.MAIL_FROM;
  return `Beyond Hello <no-reply@${new URL(siteUrl(env)).hostname}>`;
}

let cached: { key: string; transport: Transporter } | null = null;

function transportFor(mode: MailMode): Transporter {
  const key = JSON.stringify(mode);
  if (cached?.key === key) return cached.transport;
  cached?.transport.close();
  const transport =
    mode.kind === "smtp"
      ? // Bounded waits: a server that stops answering fails this attempt, and the queue tries again later.
        nodemailer.createTransport({
          url: mode.url,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  cached = { key, transport };
  return transport;
}

/** Sends one message; throws on failure (an SMTP error keeps its `responseCode`). */
export async function sendMail(message: MailMessage): Promise<void> {
  const mode = mailMode();
  if (mode.kind === "off") throw new Error("E-mail is off: set SMTP_URL (or MAIL_OUTBOX in development).");
  const headers: Record<string, string> = { ...message.headers };
  if (message.unsubscribeUrl) {
    headers["List-Unsubscribe"] = `<${message.unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  const info = (await transportFor(mode).sendMail({
    from: fromAddress(),
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers,
  })) as { message?: Buffer };
  if (mode.kind === "outbox" && info.message) {
    fs.mkdirSync(mode.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.eml`;
    fs.writeFileSync(path.join(mode.dir, name), info.message);
  }
}

/**
 * Sends a message that carries a one-time link (verification, password reset) without making the request
 * wait: such messages are never written to the database, where the link would sit in clear. A failed
 * attempt is tried twice more, then given up (the member can ask again). Errors are logged without the message.
 */
export function sendInBackground(message: MailMessage, delaysMs = [2_000, 10_000]): Promise<boolean> {
  return (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await sendMail(message);
        return true;
      } catch (error) {
        const delay = delaysMs[attempt];
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        console.error(`e-mail: a link message was not sent (try ${attempt + 1}): ${reason}`);
        if (delay === undefined) return false;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  })();
}
