import { describe, expect, it } from "vitest";
import { readForm } from "./form.server";

function formRequest(fields: Record<string, string>): Request {
  return new Request("http://localhost/x", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

describe("readForm: invisible characters (issue 13)", () => {
  it("removes bidirectional overrides and zero-width characters from what members write", async () => {
    const form = await readForm(
      formRequest({ body: "see gnp\u202E.exe\u200B and\u2066 this\u2069\uFEFF", title: "a\u200Bb" }),
    );
    expect(form.get("body")).toBe("see gnp.exe and this");
    expect(form.get("title")).toBe("ab");
  });

  it("keeps the joiners scripts and emoji need, right-to-left marks, and passwords as typed", async () => {
    const family = "👨\u200D👩\u200D👧";
    const persian = "می\u200Cخواهم";
    const form = await readForm(formRequest({ body: `${family} ${persian} \u200F`, password: "pass\u200Bword\u202E" }));
    expect(form.get("body")).toBe(`${family} ${persian} \u200F`);
    expect(form.get("password")).toBe("pass\u200Bword\u202E");
  });
});
