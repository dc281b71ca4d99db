import { describe, expect, it } from "vitest";
import { STRIDE_CATEGORIES } from "@/lib/model/threats";
import { categoriesForElement, categoriesForFlow } from "./applicability";
import { getCategoryPrompt, getReviewCadenceMonths, VERIFICATION_QUESTIONS } from "./prompts";

describe("facilitation prompts", () => {
  it("has a question for every category and examples for every category an item can get", () => {
    for (const category of STRIDE_CATEGORIES) {
      expect(getCategoryPrompt("process", category).question).toMatch(/\?$/);
    }
    const pairs = [
      ["external-entity", categoriesForElement({ kind: "external-entity" })],
      ["process", categoriesForElement({ kind: "process" })],
      ["data-store", categoriesForElement({ kind: "data-store", holdsLogs: true })],
      ["flow", categoriesForFlow("external-entity", "process")],
    ] as const;
    for (const [target, categories] of pairs) {
      for (const category of categories) {
        expect(
          getCategoryPrompt(target, category).examples.length,
          `${target} ${category}`,
        ).toBeGreaterThan(0);
      }
    }
  });

  it("asks for a shorter review cadence when any cadence question is answered yes", () => {
    expect(VERIFICATION_QUESTIONS.length).toBeGreaterThan(4);
    expect(getReviewCadenceMonths({})).toBe(12);
    expect(getReviewCadenceMonths({ requirements: "yes", external: "no" })).toBe(12);
    expect(getReviewCadenceMonths({ confidential: "yes" })).toBe(6);
  });
});
