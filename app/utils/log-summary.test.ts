import { describe, expect, it } from "vitest";
import { splitLogSummary } from "./log-summary";

describe("splitLogSummary", () => {
  it("finds the post's mention to link and asks for the thread", () => {
    expect(splitLogSummary("Restored post #2", 2, "The opener")).toEqual({
      before: "Restored ",
      post: "post #2",
      after: "",
      addThread: true,
    });
  });

  it("does not repeat a thread the summary already quotes", () => {
    const parts = splitLogSummary(
      "Added message #12 in “The opener” to the guide section “Openers”.",
      12,
      "The opener",
    );
    expect(parts).toMatchObject({ before: "Added ", post: "message #12", addThread: false });
  });

  it("does not link a different number that merely starts the same", () => {
    expect(splitLogSummary("Hid post #21", 2, "T").post).toBeNull();
  });

  it("leaves a summary with no post as it is", () => {
    expect(splitLogSummary("Opened the prompt thread “X”", null, "X")).toEqual({
      before: "Opened the prompt thread “X”",
      post: null,
      after: "",
      addThread: false,
    });
  });
});
