import { AppError } from "@/lib/errors";
import { MAX_CONDITION_DEPTH, getConditionDepth } from "@/lib/stride/rule-types";
import type { RuleCondition } from "@/lib/stride/rule-types";

/*
 * The GenerationFilters language of Microsoft Threat Modeling Tool templates, e.g.
 *   source is 'GE.P' and (flow crosses 'GE.TB.L' or flow crosses 'GE.TB.B')
 *   not flow.authenticatesSource is 'Yes'
 * Grammar (keywords case-insensitive; "and" binds tighter than "or"):
 *   expression := conjunction ("or" conjunction)*
 *   conjunction := unary ("and" unary)*
 *   unary      := "not" unary | "(" expression ")" | comparison
 *   comparison := reference "is" string | reference "crosses" string
 *   reference  := word, e.g. source, target.storesLogData, flow.54851a3b-65da-...
 *   string     := '...' or "..." (no escapes)
 */

/** Longest filter accepted, in characters (Microsoft's longest core filter has about 1,300). */
export const MAX_FILTER_LENGTH = 20_000;

/** One comparison of the filter language, before it is mapped to our conditions. */
export interface FilterComparison {
  /** "is" compares a type or a property; "crosses" names a boundary type. */
  operator: "is" | "crosses";
  /** The word before the operator, split at its first dot: "target", "storesLogData". */
  subject: string;
  property: string | null;
  value: string;
  /** The comparison as written, kept in conditions we cannot map. */
  text: string;
}

/** Maps one comparison to a condition (see tb7-mapping.ts). */
export type ComparisonMapper = (comparison: FilterComparison) => RuleCondition;

/** Thrown for a filter that breaks the grammar; the caller decides whether to skip or refuse. */
export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FilterSyntaxError";
  }
}

function tooDeep(): AppError {
  return new AppError(
    "bad_request",
    `A generation filter is nested deeper than ${MAX_CONDITION_DEPTH} levels`,
  );
}

type Token =
  | { type: "open" | "close"; at: number }
  | { type: "word"; text: string; at: number }
  | { type: "string"; text: string; at: number };

const WORD = /[A-Za-z0-9_.-]/;

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < filter.length) {
    const char = filter.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === "(" || char === ")") {
      tokens.push({ type: char === "(" ? "open" : "close", at: index });
      index += 1;
    } else if (char === "'" || char === '"') {
      const end = filter.indexOf(char, index + 1);
      if (end < 0) throw new FilterSyntaxError(`Unclosed string at ${index}`);
      tokens.push({ type: "string", text: filter.slice(index + 1, end), at: index });
      index = end + 1;
    } else if (WORD.test(char)) {
      let end = index;
      while (end < filter.length && WORD.test(filter.charAt(end))) end += 1;
      tokens.push({ type: "word", text: filter.slice(index, end), at: index });
      index = end;
    } else {
      throw new FilterSyntaxError(`Unexpected "${char}" at ${index}`);
    }
  }
  return tokens;
}

/**
 * Parses a filter into a condition tree, mapping each comparison with `mapComparison`. A blank
 * filter gives null. Throws FilterSyntaxError for bad grammar, and AppError("bad_request") for
 * a filter longer than MAX_FILTER_LENGTH or whose condition tree (parentheses, not, and, or)
 * is deeper than MAX_CONDITION_DEPTH.
 */
export function parseGenerationFilter(
  filter: string,
  mapComparison: ComparisonMapper,
): RuleCondition | null {
  if (filter.length > MAX_FILTER_LENGTH) {
    throw new AppError("bad_request", `A generation filter is longer than ${MAX_FILTER_LENGTH}`);
  }
  const tokens = tokenize(filter);
  if (tokens.length === 0) return null;
  let position = 0;

  const peekKeyword = (keyword: string): boolean => {
    const token = tokens[position];
    return token?.type === "word" && token.text.toLowerCase() === keyword;
  };
  const describe = (token: Token | undefined): string =>
    token === undefined
      ? "the end"
      : `${token.type === "word" ? token.text : token.type} at ${token.at}`;

  const parseExpression = (depth: number): RuleCondition => {
    const parts = [parseConjunction(depth)];
    while (peekKeyword("or")) {
      position += 1;
      parts.push(parseConjunction(depth));
    }
    const [first] = parts;
    return parts.length === 1 && first !== undefined ? first : { op: "or", conditions: parts };
  };

  const parseConjunction = (depth: number): RuleCondition => {
    const parts = [parseUnary(depth)];
    while (peekKeyword("and")) {
      position += 1;
      parts.push(parseUnary(depth));
    }
    const [first] = parts;
    return parts.length === 1 && first !== undefined ? first : { op: "and", conditions: parts };
  };

  // "not" applies to the next unary: `not a is 'x' and b is 'y'` is (not a) and b.
  const parseUnary = (depth: number): RuleCondition => {
    if (depth > MAX_CONDITION_DEPTH) throw tooDeep();
    const token = tokens[position];
    if (peekKeyword("not")) {
      position += 1;
      return { op: "not", condition: parseUnary(depth + 1) };
    }
    if (token?.type === "open") {
      position += 1;
      const inner = parseExpression(depth + 1);
      if (tokens[position]?.type !== "close") {
        throw new FilterSyntaxError(`Expected ")" but found ${describe(tokens[position])}`);
      }
      position += 1;
      return inner;
    }
    return parseComparison();
  };

  const parseComparison = (): RuleCondition => {
    const reference = tokens[position];
    const operator = tokens[position + 1];
    const value = tokens[position + 2];
    if (reference?.type !== "word") {
      throw new FilterSyntaxError(`Expected a comparison but found ${describe(reference)}`);
    }
    const operatorText = operator?.type === "word" ? operator.text.toLowerCase() : "";
    if (operatorText !== "is" && operatorText !== "crosses") {
      throw new FilterSyntaxError(`Expected "is" or "crosses" but found ${describe(operator)}`);
    }
    if (value?.type !== "string") {
      throw new FilterSyntaxError(`Expected a quoted value but found ${describe(value)}`);
    }
    position += 3;
    const dot = reference.text.indexOf(".");
    return mapComparison({
      operator: operatorText,
      subject: dot < 0 ? reference.text : reference.text.slice(0, dot),
      property: dot < 0 ? null : reference.text.slice(dot + 1),
      value: value.text,
      text: `${reference.text} ${operatorText} '${value.text}'`,
    });
  };

  const condition = parseExpression(1);
  if (position < tokens.length) {
    throw new FilterSyntaxError(`Unexpected ${describe(tokens[position])}`);
  }
  // Parentheses can stack an "or" and an "and" per level: check the tree, too.
  if (getConditionDepth(condition) > MAX_CONDITION_DEPTH) throw tooDeep();
  return condition;
}
