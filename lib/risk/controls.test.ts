import { describe, expect, it } from "vitest";
import { CONTROL_FUNCTIONS, CONTROL_TYPES, STRIDE_CATEGORIES } from "../model";
import {
  CONTROL_EXAMPLES,
  CONTROL_FUNCTION_QUESTIONS,
  CONTROL_TYPE_DESCRIPTIONS,
  RECOMMENDED_CONTROLS,
  STRIDE_PROPERTIES,
  recommendControls,
} from "./controls";

describe("control types and functions", () => {
  it("give an example for every function x type, and words for each", () => {
    for (const controlFunction of CONTROL_FUNCTIONS) {
      expect(CONTROL_FUNCTION_QUESTIONS[controlFunction]).toMatch(/\?$/);
      for (const type of CONTROL_TYPES) {
        expect(CONTROL_EXAMPLES[controlFunction][type].length).toBeGreaterThan(0);
      }
    }
    for (const type of CONTROL_TYPES)
      expect(CONTROL_TYPE_DESCRIPTIONS[type].length).toBeGreaterThan(0);
    expect(CONTROL_EXAMPLES.deterrent.technical).toBe("Least privilege");
  });

  it("name the property each STRIDE category attacks", () => {
    expect(STRIDE_CATEGORIES.map((category) => STRIDE_PROPERTIES[category].property)).toEqual([
      "Authentication",
      "Integrity",
      "Non-repudiation",
      "Confidentiality",
      "Availability",
      "Authorization",
    ]);
  });
});

describe("recommendControls", () => {
  it("has unique control ids and suggestions for every category", () => {
    const ids = RECOMMENDED_CONTROLS.map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const category of STRIDE_CATEGORIES) {
      expect(recommendControls(category).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("returns only controls for the category, broadest first", () => {
    for (const category of STRIDE_CATEGORIES) {
      const controls = recommendControls(category);
      const breadths = controls.map((control) => control.categories.length);
      expect(breadths).toEqual([...breadths].sort((a, b) => b - a));
      expect(controls.every((control) => control.categories.includes(category))).toBe(true);
    }
  });

  it("puts TLS ahead of single-purpose controls against disclosure", () => {
    const names = recommendControls("information-disclosure").map((control) => control.id);
    expect(names.slice(0, 2)).toEqual(["access-control-lists", "tls"]);
    expect(names.indexOf("tls")).toBeLessThan(names.indexOf("encryption-at-rest"));
    expect(recommendControls("spoofing").map((control) => control.id)).toEqual([
      "tls",
      "digital-signatures",
      "strong-authentication",
      "message-authentication-codes",
    ]);
  });
});
