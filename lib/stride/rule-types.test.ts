import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { STRIDE_PER_INTERACTION_RULE_SET } from "./default-rules";
import { MAX_CONDITION_DEPTH, measureNesting, parseRuleSet } from "./rule-types";
import type { RuleCondition } from "./rule-types";

function expectBadRequest(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    if (error instanceof AppError) {
      expect(error.code).toBe("bad_request");
      return error;
    }
  }
  throw new Error("expected AppError(bad_request)");
}

function nest(depth: number): RuleCondition {
  let condition: RuleCondition = { op: "always" };
  for (let level = 1; level < depth; level += 1) condition = { op: "and", conditions: [condition] };
  return condition;
}

const [sampleRule] = STRIDE_PER_INTERACTION_RULE_SET.rules;

function withRules(rules: unknown[]): unknown {
  return { id: "set", name: "Set", description: "", rules };
}

describe("parseRuleSet", () => {
  it("accepts a rule set that went through JSON", () => {
    const json = JSON.parse(JSON.stringify(STRIDE_PER_INTERACTION_RULE_SET));
    expect(parseRuleSet(json)).toEqual(STRIDE_PER_INTERACTION_RULE_SET);
  });

  it("accepts conditions up to the depth limit and refuses deeper ones", () => {
    expect(
      parseRuleSet(withRules([{ ...sampleRule, include: nest(MAX_CONDITION_DEPTH) }])),
    ).toBeTruthy();
    const error = expectBadRequest(() =>
      parseRuleSet(withRules([{ ...sampleRule, include: nest(MAX_CONDITION_DEPTH + 2) }])),
    );
    expect(error.message).toMatch(/nested too deeply/);
  });

  it("refuses a chain of 'not' one level past the depth limit, naming the rule and part", () => {
    let chain: RuleCondition = { op: "always" };
    for (let level = 1; level <= MAX_CONDITION_DEPTH; level += 1) {
      chain = { op: "not", condition: chain };
    }
    // Shallow enough in JSON terms, one level too deep as a condition.
    expect(measureNesting(withRules([{ ...sampleRule, exclude: chain }]), 1_000)).toBeLessThan(
      4 + 2 * MAX_CONDITION_DEPTH,
    );
    const error = expectBadRequest(() =>
      parseRuleSet(withRules([sampleRule, { ...sampleRule, id: "deep", exclude: chain }])),
    );
    expect(error.issues).toEqual([
      {
        path: "rules.1.exclude",
        message: `Conditions may nest at most ${MAX_CONDITION_DEPTH} levels deep`,
      },
    ]);
  });

  it("refuses duplicate ids, ids with '|', unknown ops and unknown keys", () => {
    const cases = [
      withRules([sampleRule, sampleRule]),
      withRules([{ ...sampleRule, id: "a|b" }]),
      withRules([{ ...sampleRule, include: { op: "eval", code: "1" } }]),
      withRules([{ ...sampleRule, extra: true }]),
      withRules([{ ...sampleRule, include: { op: "kind-is", subject: "flow", kind: "router" } }]),
      withRules([{ ...sampleRule, category: "abuse" }]),
    ];
    for (const input of cases) {
      const error = expectBadRequest(() => parseRuleSet(input));
      expect(error.issues?.length).toBeGreaterThan(0);
    }
  });
});

describe("measureNesting", () => {
  it("counts object and array levels without recursion", () => {
    expect(measureNesting(1, 10)).toBe(0);
    expect(measureNesting({ a: [1, { b: 2 }] }, 10)).toBe(3);
    let deep: unknown = {};
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(measureNesting(deep, 50)).toBe(51);
  });
});
