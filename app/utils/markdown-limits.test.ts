import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";
import {
  MAX_MARKDOWN_LINES,
  MAX_MARKDOWN_LINKS,
  markdownLimitBreach,
  markdownLimitMessage,
  TOO_MANY_LINES,
  TOO_MANY_LINKS,
} from "./markdown-limits";

const cpuMs = (work: () => void) => {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

describe("markdownLimitBreach", () => {
  it("allows 1,000 lines and 200 links, and points at the line or link one too many", () => {
    expect(markdownLimitMessage("a\n".repeat(MAX_MARKDOWN_LINES - 1) + "a")).toBeNull();
    const tooLong = "a\n".repeat(MAX_MARKDOWN_LINES) + "a";
    expect(markdownLimitBreach(tooLong)).toEqual({ at: 2 * MAX_MARKDOWN_LINES - 1, message: TOO_MANY_LINES });
    expect(markdownLimitMessage("[a](b) ".repeat(MAX_MARKDOWN_LINKS))).toBeNull();
    expect(markdownLimitMessage("[a](b) ".repeat(MAX_MARKDOWN_LINKS + 1))).toBe(TOO_MANY_LINKS);
  });

  it("counts everything that can become a link: addresses, e-mail, reference links once defined", () => {
    for (const unit of ["http://a.b ", "https://a.b ", "www.a.b ", "me@a.b ", "[a][r] "]) {
      expect(markdownLimitMessage(unit.repeat(MAX_MARKDOWN_LINKS + 1)), unit).toBe(TOO_MANY_LINKS);
    }
    // `[r]` is a link only when the post defines `r`.
    expect(markdownLimitMessage("[r] ".repeat(MAX_MARKDOWN_LINKS + 1))).toBeNull();
    expect(markdownLimitMessage("[r] ".repeat(MAX_MARKDOWN_LINKS + 1) + "\n\n[r]: https://a.example")).toBe(
      TOO_MANY_LINKS,
    );
  });

  it("is far above what real posts hold: every seeded text and every text of the anonymiser's corpus passes", () => {
    const texts: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === "string") texts.push(value);
      else if (value && typeof value === "object") Object.values(value).forEach(walk);
    };
    const corpus = "tests/fixtures/anonymise";
    for (const file of readdirSync(corpus).filter((name) => name.endsWith(".json"))) {
      walk(JSON.parse(readFileSync(`${corpus}/${file}`, "utf8")));
    }
    for (const file of ["db/seed.ts", "db/seed-threads.ts"]) {
      for (const literal of readFileSync(file, "utf8").match(/`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"/g) ?? []) {
        texts.push(literal.slice(1, -1).replace(/\\n/g, "\n"));
      }
    }
    expect(texts.length).toBeGreaterThan(1_000);
    expect(texts.filter((text) => markdownLimitMessage(text) !== null)).toEqual([]);
  });
});

describe("a stored post past the limits", () => {
  it("renders Markdown up to the breach and plain text after it: every word shown, the render bounded", () => {
    const stored = "*first*\n" + "- a\n".repeat(MAX_MARKDOWN_LINES) + "*last* <b>x</b>";
    const html = renderMarkdown(stored);
    expect(html.startsWith("<p><em>first</em></p>")).toBe(true);
    expect(html.match(/<li>/g)).toHaveLength(MAX_MARKDOWN_LINES - 1);
    expect(html.endsWith("<p>- a<br>*last* &lt;b&gt;x&lt;/b&gt;</p>")).toBe(true);
    // A stored post of 20,000 characters of links in one line (the worst shape before the limit): bounded.
    const links = "](http://a.b".repeat(1_666);
    expect(renderMarkdown(links)).toContain("http://a.b");
    expect(cpuMs(() => renderMarkdown(links))).toBeLessThan(250);
  });
});
