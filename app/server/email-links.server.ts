/**
 * Sending the two kinds of one-time link: confirming an address, and resetting a password. Both go out in
 * the background (sendInBackground), so a request never waits on the SMTP server.
 */
import { getDb } from "~/db.server";
import { createResetLink, createVerifyLink, findAccountForReset } from "~/models/member-email.server";
import { LIMITS } from "~/utils/rate-limit-rules";
import { resetMessage, verificationMessage } from "./mail-messages.server";
import { sendInBackground } from "./mailer.server";
import { checkLimits } from "./rate-limit-checks.server";

/** Sends a link that makes `address` the member's once opened. */
export async function sendVerificationLink({
  userId,
  username,
  address,
}: {
  userId: number;
  username: string;
  address: string;
}) {
  const token = await createVerifyLink(getDb(), { userId, address });
  void sendInBackground(verificationMessage({ to: address, username, token }));
}

/**
 * /forgot's work, the same whether or not the entry names an account (so neither the answer nor its time
 * tells who is a member): one lookup and the same rate-limit counters are awaited; the link's row and its
 * e-mail are made after the answer has gone, off the request's path. Only an account with a verified
 * address, within its limits, gets a link.
 */
export async function requestPasswordReset(entry: string): Promise<void> {
  const db = getDb();
  const account = await findAccountForReset(db, entry);
  const key = entry.trim().toLowerCase();
  const overLimit = await checkLimits(
    [
      { limit: LIMITS.forgotPerEntry, subject: key },
      { limit: LIMITS.forgotPerAccount, subject: account ? `member-${account.id}` : `none-${key}` },
    ],
    "",
  );
  if (!account?.address || overLimit) return;
  const { id, username, address } = account;
  setImmediate(() => {
    createResetLink(db, { userId: id })
      .then((token) => sendInBackground(resetMessage({ to: address, username, token })))
      .catch((error) => console.error(`e-mail: a reset link was not made: ${String(error)}`));
  });
}
