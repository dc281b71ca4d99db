import { describe, expect, it } from "vitest";
import { THREAT_DEFAULTS, threatSchema, type Threat } from "@/lib/model/threats";
import {
  DEFAULT_THREAT_QUERY,
  clearFilters,
  filterThreats,
  getAdjacentStatus,
  groupThreats,
  groupThreatsByStatus,
  hasActiveFilters,
  matchesSearch,
  queryThreats,
  sortThreats,
  type ThreatQuery,
} from "./threat-query";

let nextCreatedAt = 1_000;

/** A valid stored threat; each one is created a second after the previous. */
function buildThreat(fields: Partial<Threat> & { id: string }): Threat {
  nextCreatedAt += 1_000;
  return threatSchema.parse({
    ...THREAT_DEFAULTS,
    createdAt: nextCreatedAt,
    updatedAt: nextCreatedAt,
    ...fields,
  });
}

function rated(value: number) {
  return {
    damage: value,
    reproducibility: value,
    exploitability: value,
    affectedUsers: value,
    discoverability: value,
  };
}

const replay = buildThreat({
  id: "replay",
  title: "Session token replayed",
  category: "spoofing",
  severity: "important",
  dread: rated(2),
});
const leak = buildThreat({
  id: "leak",
  title: "Card numbers in the logs",
  description: "The payment service logs the whole request body.",
  category: "information-disclosure",
  status: "mitigated",
  severity: "critical",
  dread: { ...rated(3), discoverability: null },
});
const flood = buildThreat({
  id: "flood",
  title: "Checkout flooded with orders",
  category: "denial-of-service",
  status: "needs-investigation",
  dread: rated(3),
  needsReview: true,
  reviewReason: "The flow was deleted",
});
const tamper = buildThreat({
  id: "tamper",
  title: "10 items priced at 0",
  asset: "Order totals",
  category: "tampering",
  severity: "low",
  dread: rated(1),
});
const all = [replay, leak, flood, tamper];
const ids = (threats: readonly Threat[]) => threats.map((threat) => threat.id);

function query(fields: Partial<ThreatQuery>): ThreatQuery {
  return { ...DEFAULT_THREAT_QUERY, ...fields };
}

describe("filterThreats", () => {
  it("keeps everything by default", () => {
    expect(ids(filterThreats(all, DEFAULT_THREAT_QUERY))).toEqual(ids(all));
    expect(hasActiveFilters(DEFAULT_THREAT_QUERY)).toBe(false);
  });

  it("filters by category, status, severity and review flag, all of which must match", () => {
    expect(ids(filterThreats(all, query({ category: "spoofing" })))).toEqual(["replay"]);
    expect(ids(filterThreats(all, query({ status: "open" })))).toEqual(["replay", "tamper"]);
    expect(ids(filterThreats(all, query({ severity: "critical" })))).toEqual(["leak"]);
    expect(ids(filterThreats(all, query({ severity: "unrated" })))).toEqual(["flood"]);
    expect(ids(filterThreats(all, query({ review: "needs-review" })))).toEqual(["flood"]);
    expect(ids(filterThreats(all, query({ review: "reviewed" })))).toEqual([
      "replay",
      "leak",
      "tamper",
    ]);
    expect(ids(filterThreats(all, query({ status: "open", severity: "low" })))).toEqual(["tamper"]);
    expect(filterThreats(all, query({ status: "mitigated", category: "spoofing" }))).toEqual([]);
  });

  it("searches every word in title, description and asset, ignoring case", () => {
    expect(matchesSearch(leak, "  LOGS  payment ")).toBe(true);
    expect(matchesSearch(leak, "logs refund")).toBe(false);
    expect(ids(filterThreats(all, query({ search: "order" })))).toEqual(["flood", "tamper"]);
    expect(ids(filterThreats(all, query({ search: "totals" })))).toEqual(["tamper"]);
    expect(hasActiveFilters(query({ search: "x" }))).toBe(true);
    expect(hasActiveFilters(query({ search: "   " }))).toBe(false);
  });

  it("clears filters but keeps order and grouping", () => {
    const busy = query({ search: "x", status: "open", sort: "risk", groupBy: "status" });
    expect(clearFilters(busy)).toEqual(query({ sort: "risk", groupBy: "status" }));
  });
});

describe("sortThreats", () => {
  it("orders by creation time both ways", () => {
    expect(ids(sortThreats(all, "newest", "1-3"))).toEqual(["tamper", "flood", "leak", "replay"]);
    expect(ids(sortThreats(all, "oldest", "1-3"))).toEqual(["replay", "leak", "flood", "tamper"]);
  });

  it("orders titles alphabetically, numbers by value, ignoring case", () => {
    const nine = buildThreat({ id: "nine", title: "9 retries allowed" });
    const lower = buildThreat({ id: "lower", title: "card skimming" });
    expect(ids(sortThreats([...all, nine, lower], "title", "1-3"))).toEqual([
      "nine",
      "tamper",
      "leak",
      "lower",
      "flood",
      "replay",
    ]);
  });

  it("puts the highest DREAD score first and incomplete ratings last", () => {
    expect(ids(sortThreats(all, "risk", "1-3"))).toEqual(["flood", "replay", "tamper", "leak"]);
    // On the 0-10 scale the same values score differently but keep their order.
    expect(ids(sortThreats(all, "risk", "0-10"))).toEqual(["flood", "replay", "tamper", "leak"]);
  });

  it("puts critical first and unrated last, ties newest first", () => {
    const alsoLow = buildThreat({ id: "also-low", title: "Coupon reused", severity: "low" });
    expect(ids(sortThreats([...all, alsoLow], "severity", "1-3"))).toEqual([
      "leak",
      "replay",
      "also-low",
      "tamper",
      "flood",
    ]);
  });

  it("does not change its input", () => {
    const input = [...all];
    sortThreats(input, "title", "1-3");
    expect(input).toEqual(all);
  });
});

describe("groupThreats", () => {
  it("groups by category in STRIDE order, leaving out empty groups", () => {
    expect(groupThreats(all, "category").map((group) => [group.label, ids(group.threats)])).toEqual(
      [
        ["Spoofing", ["replay"]],
        ["Tampering", ["tamper"]],
        ["Information disclosure", ["leak"]],
        ["Denial of service", ["flood"]],
      ],
    );
  });

  it("groups by status in lifecycle order", () => {
    expect(groupThreats(all, "status").map((group) => [group.key, ids(group.threats)])).toEqual([
      ["open", ["replay", "tamper"]],
      ["needs-investigation", ["flood"]],
      ["mitigated", ["leak"]],
    ]);
  });

  it("gives the board every status column, empty ones included", () => {
    expect(
      groupThreatsByStatus(all).map((column) => [column.status, column.label, ids(column.threats)]),
    ).toEqual([
      ["open", "Open", ["replay", "tamper"]],
      ["needs-investigation", "Needs investigation", ["flood"]],
      ["mitigated", "Mitigated", ["leak"]],
      ["not-applicable", "Not applicable", []],
    ]);
  });

  it("returns one group when not grouping", () => {
    expect(groupThreats(all, "none")).toEqual([{ key: "all", label: "All threats", threats: all }]);
  });
});

describe("queryThreats", () => {
  it("filters, then sorts, then groups", () => {
    const { visible, groups } = queryThreats(
      all,
      query({ status: "open", sort: "title", groupBy: "category" }),
      "1-3",
    );
    expect(ids(visible)).toEqual(["tamper", "replay"]);
    expect(groups.map((group) => group.key)).toEqual(["spoofing", "tampering"]);
  });
});

describe("getAdjacentStatus", () => {
  it("steps through the board's columns and stops at either end", () => {
    expect(getAdjacentStatus("open", 1)).toBe("needs-investigation");
    expect(getAdjacentStatus("mitigated", -1)).toBe("needs-investigation");
    expect(getAdjacentStatus("open", -1)).toBeNull();
    expect(getAdjacentStatus("not-applicable", 1)).toBeNull();
  });
});
