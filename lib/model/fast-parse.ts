import type { z } from "zod";
import { util } from "zod/v4/core";

/*
 * A quicker first try at `schema.safeParse` for the records read from the document.
 *
 * Why: the pages' Content-Security-Policy forbids eval, so zod checks values without the
 * validators it would otherwise compile, and its general path costs tens of microseconds per
 * record on a page whose code has not warmed up: reading the 1,200 records of a 500-element
 * diagram took some 40 ms of its first open, nearly all of it in zod.
 *
 * What it promises:
 * - It reads the schema's own definition (zod's `_zod.def`), so the rules stay written once, in
 *   the schemas.
 * - It answers only for a value it has shown valid, and then with the data `schema.safeParse`
 *   would give: the same values, the same keys in the same order, unknown keys left out.
 *   Otherwise it answers undefined and the caller asks zod, which also says what is wrong.
 * - A part of a schema it does not know (a transform, a refinement, a default to fill in) is
 *   handed to zod for that part alone.
 */

/** What a compiled check answers when it has not shown the value valid: ask zod. */
const UNSURE = Symbol("unsure");
/** What an optional field's check answers for a key the value does not have. */
const ABSENT = Symbol("absent");

type Check = (value: unknown) => unknown;

interface Definition {
  type: string;
  checks?: readonly { _zod: { def: CheckDefinition } }[];
  entries?: Record<string, unknown>;
  values?: readonly unknown[];
  innerType?: ZodLike;
  element?: ZodLike;
  shape?: Record<string, ZodLike>;
  catchall?: unknown;
  options?: readonly ZodLike[];
  discriminator?: string;
}

interface CheckDefinition {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
}

interface ZodLike {
  _zod: { def: Definition };
  safeParse: (value: unknown) => { success: boolean; data?: unknown };
}

/**
 * The quicker first try at `schema.safeParse(value)`: the parsed data when it shows `value`
 * valid, undefined when zod must be asked.
 */
export function compileFastParse<T>(schema: z.ZodType<T>): (value: unknown) => T | undefined {
  const check = compileOrAskZod(schema as unknown as ZodLike);
  return (value) => {
    const result = check(value);
    // The answer is what safeParse gives for this schema, so it has the schema's type.
    return result === UNSURE || result === ABSENT ? undefined : (result as T);
  };
}

/** Schemas being compiled: one that refers to itself (through a getter) is left to zod there. */
const compiling = new Set<ZodLike>();

function compileOrAskZod(schema: ZodLike): Check {
  let check: Check | null = null;
  if (!compiling.has(schema)) {
    compiling.add(schema);
    try {
      check = compile(schema);
    } finally {
      compiling.delete(schema);
    }
  }
  return (
    check ??
    ((value) => {
      if (value === undefined) return UNSURE;
      const result = schema.safeParse(value);
      return result.success ? result.data : UNSURE;
    })
  );
}

/**
 * Kinds that read a missing value as missing. Inside an optional, anything else may fill one
 * in (a default, a prefault): that is zod's.
 */
const PLAIN_KINDS: ReadonlySet<string> = new Set([
  "string",
  "number",
  "boolean",
  "enum",
  "literal",
  "array",
  "object",
  "union",
]);

/**
 * The parts of each kind's definition read here, besides `type`, `checks` and `error` (a
 * message). A definition with any other part is left to zod: a URL is a string whose format is
 * part of its definition, an integer a number with one, and so on.
 */
const KNOWN_PARTS: Readonly<Record<string, readonly string[]>> = {
  string: [],
  number: [],
  boolean: [],
  enum: ["entries"],
  literal: ["values"],
  nullable: ["innerType"],
  optional: ["innerType"],
  default: ["innerType", "defaultValue"],
  array: ["element"],
  object: ["shape", "catchall"],
  union: ["options", "discriminator", "inclusive"],
};

function isKnownDefinition(definition: Definition): boolean {
  const parts = KNOWN_PARTS[definition.type];
  if (parts === undefined) return false;
  return Object.keys(definition).every(
    (key) => key === "type" || key === "checks" || key === "error" || parts.includes(key),
  );
}

/** A check of `schema`'s own kind, or null for a kind (or a rule) left to zod. */
function compile(schema: ZodLike): Check | null {
  const definition = schema._zod.def;
  if (!isKnownDefinition(definition)) return null;
  switch (definition.type) {
    case "string":
      return compileString(definition);
    case "number":
      return compileNumber(definition);
    case "boolean":
      return hasChecks(definition)
        ? null
        : (value) => (typeof value === "boolean" ? value : UNSURE);
    case "enum":
      return compileEnum(definition);
    case "literal":
      return compileLiteral(definition);
    case "nullable":
      return compileWrapper(
        definition,
        (inner) => (value) => (value === null ? null : inner(value)),
      );
    case "optional": {
      const whenMissing = PLAIN_KINDS.has(definition.innerType?._zod.def.type ?? "")
        ? ABSENT
        : UNSURE;
      return compileWrapper(
        definition,
        (inner) => (value) => (value === undefined ? whenMissing : inner(value)),
      );
    }
    case "default":
      // Filling in the default is zod's, for a missing value and for a value the inner type
      // turned into undefined (a transform left to zod).
      return compileWrapper(definition, (inner) => (value) => {
        if (value === undefined) return UNSURE;
        const result = inner(value);
        return result === undefined ? UNSURE : result;
      });
    case "array":
      return compileArray(definition);
    case "object":
      return compileObject(definition);
    case "union":
      return compileDiscriminatedUnion(definition);
    default:
      return null;
  }
}

function hasChecks(definition: Definition): boolean {
  return (definition.checks?.length ?? 0) > 0;
}

/**
 * The definitions of the schema's checks. A check's condition (`when`: zod's length checks have
 * one that skips values without a length) is not read: each check is applied always, which can
 * only send zod a value it would pass, never pass one zod would fail.
 */
function readChecks(definition: Definition): CheckDefinition[] {
  return (definition.checks ?? []).map((check) => check._zod.def);
}

function compileString(definition: Definition): Check | null {
  const checks = readChecks(definition);
  let minimum = 0;
  let maximum = Number.POSITIVE_INFINITY;
  for (const check of checks) {
    if (check.check === "min_length" && typeof check.minimum === "number") {
      minimum = Math.max(minimum, check.minimum);
    } else if (check.check === "max_length" && typeof check.maximum === "number") {
      maximum = Math.min(maximum, check.maximum);
    } else if (check.check === "length_equals" && typeof check.length === "number") {
      minimum = Math.max(minimum, check.length);
      maximum = Math.min(maximum, check.length);
    } else {
      return null;
    }
  }
  // Lengths count code points, as zod's checks do (an emoji is one).
  return (value) => {
    if (typeof value !== "string") return UNSURE;
    const length = util.codePointLength(value);
    return length >= minimum && length <= maximum ? value : UNSURE;
  };
}

function compileNumber(definition: Definition): Check | null {
  const checks = readChecks(definition);
  const tests: ((value: number) => boolean)[] = [];
  for (const check of checks) {
    const bound = check.value;
    if (check.check === "greater_than" && typeof bound === "number") {
      tests.push(check.inclusive === true ? (value) => value >= bound : (value) => value > bound);
    } else if (check.check === "less_than" && typeof bound === "number") {
      tests.push(check.inclusive === true ? (value) => value <= bound : (value) => value < bound);
    } else if (check.check === "number_format" && check.format === "safeint") {
      tests.push(Number.isSafeInteger);
    } else {
      return null;
    }
  }
  return (value) =>
    typeof value === "number" && Number.isFinite(value) && tests.every((test) => test(value))
      ? value
      : UNSURE;
}

function compileEnum(definition: Definition): Check | null {
  const values = Object.values(definition.entries ?? {});
  if (hasChecks(definition) || !values.every((value) => typeof value === "string")) return null;
  const allowed = new Set<unknown>(values);
  return (value) => (allowed.has(value) ? value : UNSURE);
}

function compileLiteral(definition: Definition): Check | null {
  const values = definition.values ?? [];
  if (hasChecks(definition) || !values.every((value) => typeof value === "string")) return null;
  const allowed = new Set<unknown>(values);
  return (value) => (allowed.has(value) ? value : UNSURE);
}

function compileWrapper(definition: Definition, wrap: (inner: Check) => Check): Check | null {
  if (hasChecks(definition) || definition.innerType === undefined) return null;
  return wrap(compileOrAskZod(definition.innerType));
}

function compileArray(definition: Definition): Check | null {
  if (hasChecks(definition) || definition.element === undefined) return null;
  const element = compileOrAskZod(definition.element);
  return (value) => {
    if (!Array.isArray(value)) return UNSURE;
    const parsed: unknown[] = [];
    for (const item of value) {
      const result = element(item);
      if (result === UNSURE || result === ABSENT) return UNSURE;
      parsed.push(result);
    }
    return parsed;
  };
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compileObject(definition: Definition): Check | null {
  // A catch-all (strict objects, passthrough) keeps or rejects unknown keys: zod's.
  if (hasChecks(definition) || definition.catchall !== undefined) return null;
  const shape = definition.shape ?? {};
  // Keys zod treats apart: symbols, and "__proto__", which it leaves out.
  if (Object.getOwnPropertySymbols(shape).length > 0 || Object.hasOwn(shape, "__proto__")) {
    return null;
  }
  const fields = Object.entries(shape).map(
    ([key, schema]) => [key, compileOrAskZod(schema)] as const,
  );
  return (value) => {
    if (!isRecordObject(value)) return UNSURE;
    const parsed: Record<string, unknown> = {};
    for (const [key, check] of fields) {
      const isPresent = key in value;
      const result = check(value[key]);
      if (result === UNSURE) return UNSURE;
      if (result === ABSENT) {
        // A key there with the value undefined: whether it stays is zod's.
        if (isPresent) return UNSURE;
        continue;
      }
      parsed[key] = result;
    }
    return parsed;
  };
}

function compileDiscriminatedUnion(definition: Definition): Check | null {
  const discriminator = definition.discriminator;
  if (hasChecks(definition) || discriminator === undefined) return null;
  const byValue = new Map<unknown, Check>();
  for (const option of definition.options ?? []) {
    const tag = option._zod.def.shape?.[discriminator]?._zod.def;
    if (tag?.type !== "literal") return null;
    const check = compileOrAskZod(option);
    for (const value of tag.values ?? []) {
      if (byValue.has(value)) return null;
      byValue.set(value, check);
    }
  }
  return (value) => {
    if (!isRecordObject(value)) return UNSURE;
    const check = byValue.get(value[discriminator]);
    return check === undefined ? UNSURE : check(value);
  };
}
