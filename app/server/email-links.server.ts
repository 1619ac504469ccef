/**
 * Sending the two kinds of one-time link: confirming an address, and resetting a password. Both go out in
 * the background (sendInBackground), so a request never waits on the SMTP server.
 */
import { getDb } from "~/db.server";
import {
  createResetLink,
  createVerifyLink,
  findAccountForReset,
  newLinkToken,
  peekLink,
} from "~/models/member-email.server";
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
 * tells who is a member): one lookup, the same rate-limit counters, one token made and one write-sized
 * statement. Only an account with a verified address, within its limits, gets a link.
 */
export async function requestPasswordReset(entry: string): Promise<void> {
  const db = getDb();
  const account = await findAccountForReset(db, entry);
  const overLimit = await checkLimits(
    [
      { limit: LIMITS.forgotPerEntry, subject: entry.trim().toLowerCase() },
      {
        limit: LIMITS.forgotPerAccount,
        subject: account ? `member-${account.id}` : `none-${entry.trim().toLowerCase()}`,
      },
    ],
    "",
  );
  if (account?.address && !overLimit) {
    const token = await createResetLink(db, { userId: account.id });
    void sendInBackground(resetMessage({ to: account.address, username: account.username, token }));
  } else {
    // The missing case's stand-in for the link's insert: a token made, hashed, and looked up by its key.
    await peekLink(db, { token: newLinkToken().token, purpose: "reset" });
  }
}
