import { describe, expect, it } from "vitest";
import {
  findMalformedText,
  hasInvisibleFormatting,
  isWellFormedText,
  singleLineTextSchema,
  stripInvisibleFormatting,
} from "./text";

describe("isWellFormedText", () => {
  it("accepts text with surrogate pairs and refuses lone surrogates", () => {
    expect(isWellFormedText("Payments 💳 API")).toBe(true);
    expect(isWellFormedText("bad \ud800 high")).toBe(false);
    expect(isWellFormedText("bad \udc00 low")).toBe(false);
    expect(isWellFormedText("end \ud83d")).toBe(false);
    expect(isWellFormedText("\udcb3\ud83d")).toBe(false);
  });
});

describe("findMalformedText", () => {
  it("names where the first lone surrogate is, in values and keys", () => {
    expect(findMalformedText({ a: ["ok", { b: "x\ud800" }] })).toEqual(["a", "1", "b"]);
    expect(findMalformedText({ ["k\udfff"]: 1 })).toEqual(["k\udfff"]);
    expect(findMalformedText({ title: "fine", n: 3, list: [null, true] })).toBeNull();
  });
});

describe("singleLineTextSchema", () => {
  const schema = singleLineTextSchema(50);

  it("refuses bidirectional controls and zero-width characters", () => {
    for (const value of [
      "invoice\u202Efdp.exe",
      "admin\u200B",
      "pay\u2066ments\u2069",
      "a\u200Db",
      "admin\u200D",
      "ti\uFEFFtle",
      "mark\u200F",
    ]) {
      expect(hasInvisibleFormatting(value)).toBe(true);
      expect(schema.safeParse(value).success).toBe(false);
    }
  });

  it("keeps ordinary names in any script", () => {
    for (const value of ["Payments API", "Zahlungsdienst", "支付服务", "خدمة الدفع", "💳 Cards"]) {
      expect(schema.safeParse(value).success).toBe(true);
    }
  });
});

describe("stripInvisibleFormatting", () => {
  it("keeps joiners inside emoji and non-Latin scripts, drops them beside ASCII", () => {
    expect(stripInvisibleFormatting("👩‍💻 team")).toBe("👩‍💻 team");
    expect(stripInvisibleFormatting("می‌خواهم")).toBe("می‌خواهم");
    expect(stripInvisibleFormatting("admin\u200D")).toBe("admin");
    expect(stripInvisibleFormatting("ad\u200Cmin")).toBe("admin");
    expect(stripInvisibleFormatting("a\u202Eb\u2066c")).toBe("abc");
  });
});
