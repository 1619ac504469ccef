/**
 * A real SMTP server for the tests (smtp-server on a loopback port): it receives what the forum sends,
 * parses each message with mailparser, and can refuse or hold messages to test retries and restarts.
 * Used by the integration tests and, started from the spec itself, by the end-to-end test.
 */
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  raw: string;
  parsed: ParsedMail;
  /** A header's raw value, unfolded ("List-Unsubscribe"), or undefined. */
  header: (name: string) => string | undefined;
  /** The message's first link to this path prefix ("/verify-email/"), from its plain-text part. */
  link: (prefix: string) => string;
}

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Answers the next `count` messages with this SMTP error (451: try later; 550: never). */
  refuseNext: (count: number, code?: number) => void;
  /** Never answers messages after the next `after` ones (a server that hangs mid-batch). */
  holdAfter: (after: number) => void;
  /** The first matching message not returned by an earlier waitFor, waiting for it to arrive. */
  waitFor: (predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  let refusals: { count: number; code: number } = { count: 0, code: 451 };
  let holdFrom = Infinity;
  let seen = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // Held connections are cut a second after stop(), not the default thirty.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        seen++;
        if (refusals.count > 0) {
          refusals.count--;
          const error = Object.assign(new Error("Refused by the test server"), { responseCode: refusals.code });
          callback(error);
          return;
        }
        if (seen > holdFrom) return; // never answered: the sender waits until it gives up or dies
        const raw = Buffer.concat(chunks).toString("utf8");
        void simpleParser(raw).then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
          received.push({
            to,
            raw,
            parsed,
            header: (name) => {
              const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
              const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
              return line?.slice(name.length + 1).trim();
            },
            link: (prefix) => {
              const match = (parsed.text ?? "").match(new RegExp(`https?://\\S+${prefix.replace(/\//g, "\\/")}\\S+`));
              if (!match) throw new Error(`no ${prefix} link in:\n${parsed.text}`);
              return match[0];
            },
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    received,
    refuseNext: (count, code = 451) => (refusals = { count, code }),
    holdAfter: (after) => {
      seen = 0;
      holdFrom = after;
    },
    waitFor: async (predicate, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((mail) => !taken.has(mail) && predicate(mail));
        if (found) {
          taken.add(found);
          return found;
        }
        if (Date.now() > deadline)
          throw new Error(`no matching e-mail within ${timeoutMs} ms (${received.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
