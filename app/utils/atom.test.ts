import { describe, expect, it } from "vitest";
import { atomFeed, xmlEscape } from "./atom";

describe("xmlEscape", () => {
  it("escapes markup and drops the control characters XML forbids", () => {
    expect(xmlEscape(`<b>"Tom" & 'Lee'</b>\u0000\u0007ok\n`)).toBe(
      "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Lee&apos;&lt;/b&gt;ok\n",
    );
  });
});

describe("atomFeed", () => {
  it("writes the required elements, and the newest entry's time as the feed's", () => {
    const xml = atomFeed({
      pageUrl: "https://f.example/",
      selfUrl: "https://f.example/feed.xml",
      title: "T",
      subtitle: "S",
      emptyUpdated: 0,
      entries: [1000, 5000].map((time) => ({
        id: `https://f.example/${time}`,
        title: "E <1>",
        link: "https://f.example/x?a=1&b=2",
        author: "a",
        published: time,
        updated: time,
        content: "</content><script>",
      })),
    });
    expect(xml).toContain("<id>https://f.example/feed.xml</id>");
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://f.example/feed.xml"/>');
    expect(xml).toContain(`<updated>${new Date(5000).toISOString()}</updated>\n  <author>`);
    expect(xml).toContain('href="https://f.example/x?a=1&amp;b=2"');
    expect(xml).not.toContain("<script>");
  });
});
