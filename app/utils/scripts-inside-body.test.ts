import { describe, expect, it } from "vitest";
import { scriptsInsideBody } from "./scripts-inside-body";

describe("scriptsInsideBody", () => {
  it("moves what follows </html> to just before </body>", () => {
    expect(scriptsInsideBody("<html><body><p>a</p></body></html><!--$--><script>x()</script><!--/$-->")).toBe(
      "<html><body><p>a</p><!--$--><script>x()</script><!--/$--></body></html>",
    );
  });
  it("leaves a page with nothing after </html> as it is", () => {
    expect(scriptsInsideBody("<html><body></body></html>")).toBe("<html><body></body></html>");
  });
});
