import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { LOCAL_TIME_OPTIONS, RELATIVE_TIME_SCRIPT, relativeTime } from "./relative-time";

const now = Date.UTC(2026, 11, 2, 12, 0);

const CASES: [ago: number, text: string][] = [
  [10_000, "just now"],
  [50_000, "50 s ago"],
  [5 * 60_000, "5 min ago"],
  [3 * 3_600_000 + 59 * 60_000, "3 h ago"],
  [2 * 86_400_000, "2 d ago"],
  [15 * 86_400_000, "2 w ago"],
  [65 * 86_400_000, "2 mo ago"],
  [800 * 86_400_000, "2 y ago"],
];

describe("relativeTime", () => {
  it.each(CASES)("%i ms ago reads %s", (ago, text) => {
    expect(relativeTime(now - ago, now)).toBe(text);
  });

  it("reads the same from its own source alone, as the inline script carries it", () => {
    // A fresh context: the source may lean on nothing of this module, only on the language's own globals.
    const copy = vm.runInNewContext(`(${relativeTime.toString()})`) as typeof relativeTime;
    for (const [ago, text] of CASES) expect(copy(now - ago, now)).toBe(text);
  });
});

/** Just enough of a page for the script: <time> elements with a dateTime, and createElement. */
function pageWith(datetimes: string[]) {
  const times = datetimes.map((dateTime) => {
    const children: object[] = [];
    return {
      dateTime,
      title: undefined as string | undefined,
      textContent: "2 Dec 2026, 09:47 UTC",
      children,
      appendChild: (child: object) => children.push(child),
    };
  });
  const selectors: string[] = [];
  const document = {
    querySelectorAll: (selector: string) => (selectors.push(selector), times),
    createElement: () => ({ className: "", textContent: "" }),
  };
  return { document, times, selectors };
}

describe("RELATIVE_TIME_SCRIPT", () => {
  it("turns each marked <time> into the relative time, the exact local time as title and as hidden text", () => {
    const at = Date.now() - 3 * 3_600_000 - 60_000;
    const { document, times, selectors } = pageWith([new Date(at).toISOString(), "not a date"]);
    vm.runInNewContext(RELATIVE_TIME_SCRIPT, { document });
    expect(selectors).toEqual(["time[data-relative]"]);
    const exact = new Intl.DateTimeFormat(undefined, LOCAL_TIME_OPTIONS).format(at);
    expect(times[0]).toMatchObject({ title: exact, textContent: "3 h ago" });
    expect(times[0].children).toEqual([{ className: "visually-hidden", textContent: ` (${exact})` }]);
    // A time it cannot read keeps the server's exact UTC.
    expect(times[1]).toMatchObject({ title: undefined, textContent: "2 Dec 2026, 09:47 UTC", children: [] });
  });

  it("is one constant that never closes its own <script> tag (a cached page's policy lists its hash)", () => {
    expect(RELATIVE_TIME_SCRIPT).not.toMatch(/<\/script/i);
    expect(RELATIVE_TIME_SCRIPT.length).toBeLessThan(2_000);
  });
});
