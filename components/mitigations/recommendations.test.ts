import { describe, expect, it } from "vitest";
import { recommendControls } from "@/lib/risk/controls";
import {
  buildRecommendations,
  buildSubjectOptions,
  decodeSubject,
  encodeSubject,
  toMitigationInput,
} from "./recommendations";
import { buildMitigation, buildThreat } from "./test-factories";

const replay = buildThreat({ id: "t1", title: "Replayed token", category: "spoofing" });
const leak = buildThreat({
  id: "t2",
  title: "Card data sniffed",
  category: "information-disclosure",
});
const threats = [replay, leak];

describe("buildRecommendations", () => {
  it("recommends the controls of the threat's category, widest coverage first", () => {
    const set = buildRecommendations({ kind: "threat", threatId: "t1" }, threats, []);
    expect(set?.category).toBe("spoofing");
    expect(set?.threat).toBe(replay);
    const names = set?.items.map((item) => item.control.id) ?? [];
    expect(names).toEqual(recommendControls("spoofing").map((control) => control.id));
    const coverage = set?.items.map((item) => item.control.categories.length) ?? [];
    expect(coverage).toEqual([...coverage].sort((a, b) => b - a));
    expect(coverage[0]).toBeGreaterThan(1);
    expect(set?.items.every((item) => item.existing === null)).toBe(true);
  });

  it("recommends for a category without a threat", () => {
    const set = buildRecommendations({ kind: "category", category: "repudiation" }, threats, []);
    expect(set?.threat).toBeNull();
    expect(set?.items.every((item) => item.control.categories.includes("repudiation"))).toBe(true);
  });

  it("finds mitigations that already implement a control, preferring a linked one", () => {
    const unlinked = buildMitigation({
      id: "m1",
      title: "authenticated,  encrypted channels (tls)",
      threatIds: [],
    });
    const linked = buildMitigation({
      id: "m2",
      title: "Authenticated, encrypted channels (TLS)",
      threatIds: ["t1"],
    });
    const forReplay = buildRecommendations({ kind: "threat", threatId: "t1" }, threats, [
      unlinked,
      linked,
    ]);
    const tlsForReplay = forReplay?.items.find((item) => item.control.id === "tls");
    expect(tlsForReplay?.existing).toEqual({ id: "m2", title: linked.title, isLinked: true });

    const forLeak = buildRecommendations({ kind: "threat", threatId: "t2" }, threats, [
      unlinked,
      linked,
    ]);
    const tlsForLeak = forLeak?.items.find((item) => item.control.id === "tls");
    expect(tlsForLeak?.existing).toEqual({ id: "m1", title: unlinked.title, isLinked: false });
  });

  it("is null without a subject or for a deleted threat", () => {
    expect(buildRecommendations(null, threats, [])).toBeNull();
    expect(buildRecommendations({ kind: "threat", threatId: "gone" }, threats, [])).toBeNull();
  });
});

describe("subject values", () => {
  it("round-trips through the select value", () => {
    for (const subject of [
      { kind: "threat", threatId: "abc:def" },
      { kind: "category", category: "denial-of-service" },
    ] as const) {
      expect(decodeSubject(encodeSubject(subject))).toEqual(subject);
    }
    expect(encodeSubject(null)).toBe("");
    expect(decodeSubject("")).toBeNull();
    expect(decodeSubject("category:bogus")).toBeNull();
    expect(decodeSubject("threat:")).toBeNull();
  });

  it("offers a prompt, the six categories, then the threats", () => {
    const options = buildSubjectOptions(threats);
    expect(options).toHaveLength(1 + 6 + 2);
    expect(options[1]?.label).toBe("Category: Spoofing (S)");
    expect(options[7]).toEqual({ value: "threat:t1", label: "Threat: S · Replayed token" });
  });
});

describe("toMitigationInput", () => {
  it("copies the control's name, description, type and function and links the threat", () => {
    const [control] = recommendControls("denial-of-service");
    if (!control) throw new Error("no control for denial of service");
    expect(toMitigationInput(control, "t1")).toEqual({
      title: control.name,
      description: control.description,
      controlType: control.type,
      controlFunction: control.function,
      threatIds: ["t1"],
    });
    expect(toMitigationInput(control, null).threatIds).toEqual([]);
  });
});
