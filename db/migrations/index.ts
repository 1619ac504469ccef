/**
 * Every migration, in order. Listed by hand rather than read from the folder
 * so that the same list works in the bundled server build and under tsx.
 */
import type { Migration } from "kysely";
import * as initial from "./2026-11-25-0001-initial";
import * as partialReviewIndex from "./2026-11-25-0002-partial-review-index";
import * as historyFlagsAndGuide from "./2026-12-02-0001-history-flags-and-guide";
import * as notifications from "./2026-12-02-0100-notifications";
import * as email from "./2026-12-02-0200-email";
import * as searchIndex from "./2026-12-02-0300-search-index";
import * as workshopPhrases from "./2026-12-02-0400-workshop-phrases";
import * as outcomesAndInsights from "./2026-12-02-0500-outcomes-and-insights";
import * as guideEntryMarks from "./2026-12-02-0600-guide-entry-marks";
import * as threadExampleCount from "./2026-12-02-0700-thread-example-count";

export const migrations: Record<string, Migration> = {
  "2026-11-25-0001-initial": initial,
  "2026-11-25-0002-partial-review-index": partialReviewIndex,
  "2026-12-02-0001-history-flags-and-guide": historyFlagsAndGuide,
  "2026-12-02-0100-notifications": notifications,
  "2026-12-02-0200-email": email,
  "2026-12-02-0300-search-index": searchIndex,
  "2026-12-02-0400-workshop-phrases": workshopPhrases,
  "2026-12-02-0500-outcomes-and-insights": outcomesAndInsights,
  "2026-12-02-0600-guide-entry-marks": guideEntryMarks,
  "2026-12-02-0700-thread-example-count": threadExampleCount,
};
