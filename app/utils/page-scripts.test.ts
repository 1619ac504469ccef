import { describe, expect, it } from "vitest";
import { loadsAppScripts, type PageHandle } from "./page-scripts";

const asks: PageHandle = { visitorScripts: true };

describe("loadsAppScripts", () => {
  it("gives a member's every page the app", () => {
    expect(loadsAppScripts(true, [{ handle: undefined }, { handle: undefined }])).toBe(true);
  });

  it("gives a visitor the app only where a matched route asks for it", () => {
    expect(loadsAppScripts(false, [{ handle: undefined }, { handle: undefined }])).toBe(false);
    expect(loadsAppScripts(false, [{ handle: undefined }, { handle: {} }])).toBe(false);
    expect(loadsAppScripts(false, [{ handle: undefined }, { handle: asks }])).toBe(true);
    expect(loadsAppScripts(false, [])).toBe(false);
  });
});
