import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DIAGRAM_DEFAULTS, diagramSchema } from "./diagrams";
import {
  diagramElementSchema,
  ELEMENT_DEFAULTS,
  ELEMENT_KINDS,
  processSchema,
} from "./element-records";
import { compileFastParse } from "./fast-parse";
import { FLOW_DEFAULTS, flowSchema } from "./flows";
import { MITIGATION_DEFAULTS, mitigationSchema } from "./mitigations";
import { THREAT_DEFAULTS, threatSchema } from "./threats";

/**
 * The quick path must give exactly what zod gives, whenever it gives anything: checked on the
 * stored records' own schemas with valid records and with many records spoilt at random.
 */

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values a spoilt field may take: wrong types, edges of ranges, text to trim or strip. */
const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  "",
  "x",
  "  padded  ",
  "\u200bhidden",
  "a".repeat(201),
  "b".repeat(501),
  0,
  -0,
  -1,
  1.5,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  ["id-1"],
  [1],
  {},
  { kind: "manual" },
  "process",
  "data-store",
  "trust-boundary",
  "data",
  "control",
  "open",
  "spoofing",
  "bogus",
];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined && !items.includes(undefined as T)) throw new Error("empty list");
  return item as T;
}

/** `record` with one to three fields changed, removed or added. */
function spoil(random: () => number, record: Record<string, unknown>): Record<string, unknown> {
  const spoilt: Record<string, unknown> = { ...record };
  const keys = Object.keys(record);
  const changes = 1 + Math.floor(random() * 3);
  for (let change = 0; change < changes; change += 1) {
    const roll = random();
    const key = pick(random, keys);
    if (roll < 0.7) spoilt[key] = pick(random, ODD_VALUES);
    else if (roll < 0.85) Reflect.deleteProperty(spoilt, key);
    else spoilt[`extra${change}`] = pick(random, ODD_VALUES);
  }
  return spoilt;
}

/** What the quick path says next to what zod says, for one value. */
function expectSameAsZod(schema: z.ZodType, value: unknown): boolean {
  const fast = compileFastParse(schema)(value);
  if (fast === undefined) return false;
  const slow = schema.safeParse(value);
  expect(slow.success, JSON.stringify(value)).toBe(true);
  expect(fast).toStrictEqual(slow.data);
  expect(Object.keys(fast as object)).toEqual(Object.keys(slow.data as object));
  return true;
}

const RECORDS: readonly { name: string; schema: z.ZodType; records: Record<string, unknown>[] }[] =
  [
    {
      name: "elements",
      schema: diagramElementSchema,
      records: ELEMENT_KINDS.map((kind) => ({
        id: `element-${kind}`,
        ...ELEMENT_DEFAULTS[kind],
        diagramId: "diagram-1",
        name: "Payments API",
      })),
    },
    {
      name: "flows",
      schema: flowSchema,
      records: [
        {
          id: "flow-1",
          ...FLOW_DEFAULTS,
          diagramId: "diagram-1",
          sourceId: "a",
          targetId: "b",
          sequence: 3,
          innerElementIds: ["c"],
        },
      ],
    },
    {
      name: "diagrams",
      schema: diagramSchema,
      records: [{ id: "diagram-1", ...DIAGRAM_DEFAULTS }],
    },
    {
      name: "threats",
      schema: threatSchema,
      records: [{ id: "threat-1", ...THREAT_DEFAULTS, targetId: "element-1", createdAt: 5 }],
    },
    {
      name: "mitigations",
      schema: mitigationSchema,
      records: [{ id: "mitigation-1", ...MITIGATION_DEFAULTS }],
    },
  ];

describe("compileFastParse", () => {
  for (const { name, schema, records } of RECORDS) {
    it(`answers for valid ${name}, with what zod gives`, () => {
      for (const record of records) {
        expect(schema.safeParse(record).success).toBe(true);
        // Valid records with the fields zod fills in (defaults) and transforms (names) given.
        const stored = schema.parse(record) as Record<string, unknown>;
        expect(expectSameAsZod(schema, stored)).toBe(true);
        expect(expectSameAsZod(schema, { ...stored, unknownKey: 1 })).toBe(true);
      }
    });

    it(`never answers differently from zod for spoilt ${name}`, () => {
      const random = createRandom(name.length * 7919);
      let answered = 0;
      for (let round = 0; round < 1500; round += 1) {
        const record = schema.parse(pick(random, records)) as Record<string, unknown>;
        if (expectSameAsZod(schema, spoil(random, record))) answered += 1;
      }
      // Some spoilt records stay valid (an extra key, a field set to another valid value).
      expect(answered).toBeGreaterThan(50);
    });
  }

  it("checks a record itself, asking zod only about the name's transform", () => {
    const fastParse = compileFastParse(diagramElementSchema);
    const record = diagramElementSchema.parse({
      id: "element-1",
      ...ELEMENT_DEFAULTS.process,
      diagramId: "diagram-1",
      name: "Payments API",
    });
    const asked = [
      vi.spyOn(diagramElementSchema, "safeParse"),
      vi.spyOn(processSchema, "safeParse"),
      vi.spyOn(processSchema.shape.description, "safeParse"),
      vi.spyOn(processSchema.shape.name, "safeParse"),
    ];
    expect(fastParse(record)).toEqual(record);
    expect(asked.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 1]);
    for (const spy of asked) spy.mockRestore();
  });

  it("agrees with zod on the edges of what it reads", () => {
    const cases: [z.ZodType, unknown][] = [
      // An optional default fills in its default for a missing key.
      [z.object({ a: z.string().default("x").optional() }), {}],
      [z.object({ a: z.string().default("x").nullable().optional() }), {}],
      [z.object({ a: z.string().optional() }), {}],
      [z.object({ a: z.string().optional() }), { a: undefined }],
      // Lengths count code points.
      [z.string().min(2), "😀"],
      [z.string().max(1), "😀"],
      [z.string().length(2), "😀😀"],
      [z.string().min(1), "\ud800"],
      // A default also replaces an undefined that its inner type gave.
      [
        z.object({
          a: z
            .string()
            .transform((text) => text || undefined)
            .default("d"),
        }),
        { a: "" },
      ],
      // zod leaves a "__proto__" key out of its result.
      [z.object({ ["__proto__"]: z.object({}) }), {}],
      [z.object({ a: z.number() }), { a: -0 }],
      [z.object({ a: z.number() }), Object.create({ a: 1 }) as unknown],
      [z.array(z.string()), Object.assign(new Array<string>(3), { 0: "a", 2: "b" })],
      [z.object({ a: z.string() }), ["a"]],
      [z.object({ a: z.string() }), new Date(0)],
    ];
    for (const [schema, value] of cases) expectSameAsZod(schema, value);
  });

  it("compiles a schema that refers to itself, leaving the inner reference to zod", () => {
    interface Tree {
      name: string;
      children: Tree[];
    }
    const tree: z.ZodType<Tree> = z.object({
      name: z.string(),
      get children() {
        return z.array(tree);
      },
    });
    const value = { name: "root", children: [{ name: "leaf", children: [] }] };
    expect(expectSameAsZod(tree, value)).toBe(true);
  });

  it("leaves to zod what it does not know, and answers none of it wrongly", () => {
    const schema = z.object({
      trimmed: z.string().trim(),
      refined: z.number().refine((value) => value !== 13),
      optional: z.string().optional(),
      filled: z.array(z.string()).default([]),
    });
    expect(
      expectSameAsZod(schema, { trimmed: " a ", refined: 13, optional: "x", filled: [] }),
    ).toBe(false);
    expect(compileFastParse(schema)({ trimmed: " a ", refined: 1, filled: [] })).toEqual({
      trimmed: "a",
      refined: 1,
      filled: [],
    });
    expect(expectSameAsZod(schema, { trimmed: "a", refined: 1 })).toBe(false);
  });
});
