/** What each placeholder stands for, in words a member reads in the preview. */
import type { RedactionKind } from "~/anonymiser";

export const REDACTION_EXPLANATION: Record<RedactionKind, string> = {
  name: "a person's name",
  email: "an e-mail address",
  phone: "a phone number",
  link: "a link or web address",
  handle: "a social media handle",
  company: "an employer or organisation",
  address: "a street address",
  place: "a city, venue or event",
  detail: "a detail removed by hand",
};
