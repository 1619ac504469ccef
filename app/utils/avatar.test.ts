import { describe, expect, it } from "vitest";
import { AVATAR_COLOURS, avatarColour, avatarInitials } from "./avatar";

describe("generated avatars", () => {
  it("takes the first letters of a name's parts, or its first two letters", () => {
    expect(avatarInitials("ada_lovelace")).toBe("AL");
    expect(avatarInitials("grace")).toBe("GR");
    expect(avatarInitials("x")).toBe("X");
  });
  it("gives a username the same colour every time, whatever its case", () => {
    expect(avatarColour("Ada")).toBe(avatarColour("ada"));
    const colours = new Set(["ada", "grace", "linus", "margaret", "ken", "barbara"].map(avatarColour));
    expect(colours.size).toBeGreaterThan(2);
    for (const c of colours) expect(c).toBeLessThan(AVATAR_COLOURS);
  });
});
