import { describe, expect, it } from "vitest";
import {
  buildLinkFilterOptions,
  decodeLinkFilter,
  describeFilter,
  EMPTY_MITIGATION_FILTER,
  encodeLinkFilter,
  filterMitigations,
  isFilterActive,
  toggleCellFilter,
  type MitigationFilter,
} from "./mitigation-filter";
import { buildMitigation, buildThreat } from "./test-factories";
import { indexThreats } from "./threat-links";

const replay = buildThreat({ id: "t1", title: "Replayed token", category: "spoofing" });
const leak = buildThreat({
  id: "t2",
  title: "Card data sniffed",
  category: "information-disclosure",
});
const threatsById = indexThreats([replay, leak]);

const tls = buildMitigation({
  id: "m1",
  title: "TLS everywhere",
  controlType: "technical",
  controlFunction: "preventive",
  threatIds: ["t1", "t2"],
});
const audit = buildMitigation({
  id: "m2",
  title: "Audit log review",
  description: "Weekly, by the security team",
  controlType: "administrative",
  controlFunction: "detective",
  owner: "Dana",
  threatIds: [],
});
const orphan = buildMitigation({
  id: "m3",
  title: "Signed cookies",
  controlType: "technical",
  controlFunction: "preventive",
  threatIds: ["deleted-threat"],
});
const mitigations = [tls, audit, orphan];

function ids(filter: MitigationFilter): string[] {
  return filterMitigations(mitigations, filter, threatsById).map((m) => m.id);
}

describe("filterMitigations", () => {
  it("lets everything through with the empty filter", () => {
    expect(ids(EMPTY_MITIGATION_FILTER)).toEqual(["m1", "m2", "m3"]);
    expect(isFilterActive(EMPTY_MITIGATION_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_MITIGATION_FILTER, query: "   " })).toBe(false);
  });

  it("keeps the mitigations of a matrix cell", () => {
    const cell = { controlType: "technical", controlFunction: "preventive" } as const;
    expect(ids({ ...EMPTY_MITIGATION_FILTER, cell })).toEqual(["m1", "m3"]);
  });

  it("searches title, description, owner, labels and linked threat titles", () => {
    expect(ids({ ...EMPTY_MITIGATION_FILTER, query: "weekly" })).toEqual(["m2"]);
    expect(ids({ ...EMPTY_MITIGATION_FILTER, query: "dana" })).toEqual(["m2"]);
    expect(ids({ ...EMPTY_MITIGATION_FILTER, query: "sniffed" })).toEqual(["m1"]);
    expect(ids({ ...EMPTY_MITIGATION_FILTER, query: "detective" })).toEqual(["m2"]);
    expect(ids({ ...EMPTY_MITIGATION_FILTER, query: "tls nothing" })).toEqual([]);
  });

  it("filters by linked threat, counting links to deleted threats as no link", () => {
    expect(ids({ ...EMPTY_MITIGATION_FILTER, link: { kind: "threat", threatId: "t2" } })).toEqual([
      "m1",
    ]);
    expect(ids({ ...EMPTY_MITIGATION_FILTER, link: { kind: "none" } })).toEqual(["m2", "m3"]);
  });

  it("ignores a threat filter whose threat was deleted", () => {
    const filter = {
      ...EMPTY_MITIGATION_FILTER,
      link: { kind: "threat", threatId: "gone" },
    } as const;
    expect(ids(filter)).toEqual(["m1", "m2", "m3"]);
    expect(describeFilter(filter, threatsById)).toEqual([]);
  });

  it("combines every part", () => {
    expect(
      ids({
        query: "tls",
        cell: { controlType: "technical", controlFunction: "preventive" },
        link: { kind: "threat", threatId: "t1" },
      }),
    ).toEqual(["m1"]);
  });
});

describe("toggleCellFilter", () => {
  it("selects a cell and clears it when selected again", () => {
    const cell = { controlType: "physical", controlFunction: "deterrent" } as const;
    const selected = toggleCellFilter(EMPTY_MITIGATION_FILTER, cell);
    expect(selected.cell).toEqual(cell);
    expect(isFilterActive(selected)).toBe(true);
    expect(toggleCellFilter(selected, { ...cell }).cell).toBeNull();
    expect(toggleCellFilter(selected, { ...cell, controlType: "technical" }).cell).toEqual({
      controlType: "technical",
      controlFunction: "deterrent",
    });
  });
});

describe("describeFilter", () => {
  it("names each active part", () => {
    expect(
      describeFilter(
        {
          query: " tls ",
          cell: { controlType: "technical", controlFunction: "preventive" },
          link: { kind: "threat", threatId: "t1" },
        },
        threatsById,
      ),
    ).toEqual(["Technical preventive", "linked to “Replayed token”", "matching “tls”"]);
    expect(
      describeFilter({ ...EMPTY_MITIGATION_FILTER, link: { kind: "none" } }, threatsById),
    ).toEqual(["linked to no threat"]);
  });
});

describe("link filter values", () => {
  it("round-trips through the select value", () => {
    for (const link of [
      { kind: "any" },
      { kind: "none" },
      { kind: "threat", threatId: "t:1" },
    ] as const) {
      expect(decodeLinkFilter(encodeLinkFilter(link))).toEqual(link);
    }
    expect(decodeLinkFilter("threat:")).toEqual({ kind: "any" });
    expect(decodeLinkFilter("bogus")).toEqual({ kind: "any" });
  });

  it("offers any, none and each threat with its letter", () => {
    expect(buildLinkFilterOptions([replay, leak]).map((option) => option.label)).toEqual([
      "Any threat",
      "No linked threat",
      "S · Replayed token",
      "I · Card data sniffed",
    ]);
  });
});
