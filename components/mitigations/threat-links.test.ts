import { describe, expect, it } from "vitest";
import { matchesSearch, normalizeSearchText } from "./search-text";
import { buildThreat } from "./test-factories";
import { describeLinkedThreats, indexThreats, searchThreats } from "./threat-links";

const replay = buildThreat({ id: "t1", title: "Replayed session token", category: "spoofing" });
const leak = buildThreat({
  id: "t2",
  title: "Card data sniffed",
  category: "information-disclosure",
});
const flood = buildThreat({ id: "t3", title: "Login flood", category: "denial-of-service" });
const threats = [replay, leak, flood];

describe("describeLinkedThreats", () => {
  it("lists linked threats in the threat list's order with their STRIDE letters", () => {
    expect(describeLinkedThreats(["t3", "t1"], threats)).toEqual([
      {
        id: "t1",
        isDeleted: false,
        title: "Replayed session token",
        category: "spoofing",
        code: "S",
      },
      {
        id: "t3",
        isDeleted: false,
        title: "Login flood",
        category: "denial-of-service",
        code: "D",
      },
    ]);
  });

  it("keeps links to deleted threats, last, so they can be unlinked", () => {
    expect(describeLinkedThreats(["zz", "t2", "aa"], threats)).toEqual([
      {
        id: "t2",
        isDeleted: false,
        title: "Card data sniffed",
        category: "information-disclosure",
        code: "I",
      },
      { id: "aa", isDeleted: true },
      { id: "zz", isDeleted: true },
    ]);
  });

  it("is empty without links", () => {
    expect(describeLinkedThreats([], threats)).toEqual([]);
  });
});

describe("searchThreats", () => {
  it("matches words of the title or the category, in any order", () => {
    expect(searchThreats(threats, "token session").map((t) => t.id)).toEqual(["t1"]);
    expect(searchThreats(threats, "disclosure").map((t) => t.id)).toEqual(["t2"]);
    expect(searchThreats(threats, "  ").map((t) => t.id)).toEqual(["t1", "t2", "t3"]);
    expect(searchThreats(threats, "tampering")).toEqual([]);
  });

  it("indexes threats by id", () => {
    expect(indexThreats(threats).get("t2")).toBe(leak);
  });
});

describe("search text", () => {
  it("ignores case, accents and extra spaces", () => {
    expect(normalizeSearchText("  Café   TLS ")).toBe("cafe tls");
    expect(matchesSearch(["Café policy"], "CAFE")).toBe(true);
    expect(matchesSearch(["a", "b"], "a b")).toBe(true);
    expect(matchesSearch(["a"], "a c")).toBe(false);
  });
});
