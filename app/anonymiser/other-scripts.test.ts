import { describe, expect, it } from "vitest";
import { anonymise } from ".";

describe("anonymise: names and organisations in other scripts", () => {
  it.each([
    ["지민님, 감사합니다.", "[name]님, 감사합니다."],
    ["Уважаемый господин Иванов, спасибо.", "Уважаемый господин [name], спасибо."],
    ["Chào anh Minh, em là Lan.", "Chào anh [name], em là [name]."],
    ["我在腾讯工作。", "我在[company]工作。"],
    ["李总您好", "[name]总您好"],
    ["よろしくお願いします。\n田中太郎\n株式会社サクラ", "よろしくお願いします。\n[name]\n[company]"],
    ["С уважением,\nОльга Петрова", "С уважением,\n[name]"],
  ])("%j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("keeps a title line under a name in any script", () => {
    expect(anonymise("よろしくお願いします。\n田中太郎\n人事部 部長").text).toBe(
      "よろしくお願いします。\n[name]\n人事部 部長",
    );
  });
});
