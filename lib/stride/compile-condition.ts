import type { RuleCondition } from "./rule-types";
import type { RuleSubject } from "./subjects";

/** What a condition is evaluated against: the subjects of one interaction or one element. */
export interface ConditionContext {
  source?: RuleSubject;
  target?: RuleSubject;
  flow?: RuleSubject;
  element?: RuleSubject;
  /** The shapes of the trust boundaries the data flow crosses (computed on first use). */
  getCrossedShapes: () => ReadonlySet<"box" | "line">;
}

/** A compiled condition. */
export type Predicate = (context: ConditionContext) => boolean;

function readField(subject: RuleSubject | undefined, property: string): unknown {
  if (subject === undefined || !Object.hasOwn(subject.fields, property)) return undefined;
  return subject.fields[property];
}

function normalizeText(text: string): string {
  return text.trim().toLowerCase();
}

const alwaysTrue: Predicate = () => true;
const alwaysFalse: Predicate = () => false;

/**
 * Turns a condition tree into a function once, so evaluating it for thousands of interactions
 * does not walk the tree's JSON each time. Recursion depth is bounded by the schema's caller
 * (parseRuleSet and the .tb7 parser refuse deeper trees).
 */
export function compileCondition(condition: RuleCondition): Predicate {
  switch (condition.op) {
    case "always":
      return alwaysTrue;
    case "unknown":
      return alwaysFalse;
    case "and": {
      const parts = condition.conditions.map(compileCondition);
      return (context) => parts.every((part) => part(context));
    }
    case "or": {
      const parts = condition.conditions.map(compileCondition);
      return (context) => parts.some((part) => part(context));
    }
    case "not": {
      const inner = compileCondition(condition.condition);
      return (context) => !inner(context);
    }
    case "kind-is": {
      const { subject, kind } = condition;
      return (context) => context[subject]?.kind === kind;
    }
    case "property-equals": {
      const { subject, property, value } = condition;
      if (typeof value === "string") {
        const expected = normalizeText(value);
        return (context) => {
          const actual = readField(context[subject], property);
          return typeof actual === "string" && normalizeText(actual) === expected;
        };
      }
      return (context) => readField(context[subject], property) === value;
    }
    case "property-not-blank": {
      const { subject, property } = condition;
      return (context) => {
        const actual = readField(context[subject], property);
        return typeof actual === "string" && actual.trim() !== "";
      };
    }
    case "property-contains": {
      const { subject, property } = condition;
      const expected = condition.text.toLowerCase();
      return (context) => {
        const actual = readField(context[subject], property);
        return typeof actual === "string" && actual.toLowerCase().includes(expected);
      };
    }
    case "crosses-boundary": {
      const { shape } = condition;
      if (shape === undefined) return (context) => context.getCrossedShapes().size > 0;
      return (context) => context.getCrossedShapes().has(shape);
    }
  }
}
