import { describe, expect, it } from "vitest";
import { STRIDE_CATEGORIES } from "@/lib/model/threats";
import { DEFAULT_RULE_SETS } from "@/lib/stride/default-rules";
import {
  allOf,
  anyOf,
  crossesBoundary,
  elementRule,
  fieldContains,
  fieldEquals,
  fieldNotBlank,
  interactionRule,
  isKind,
  not,
} from "@/lib/stride/rule-builders";
import {
  INTERACTION_TARGETS,
  parseRuleSet,
  RULE_ELEMENT_KINDS,
  type Rule,
} from "@/lib/stride/rule-types";
import {
  ENDPOINT_KINDS,
  listExclusionOptions,
  listFieldOptions,
  listTextFieldOptions,
} from "./field-options";
import type { ConditionGroup, GroupCondition } from "./condition-groups";
import {
  isTextNeeded,
  OPERATORS_OF_TYPE,
  TEXT_OPERATORS,
  type FieldOperator,
  type FieldTest,
} from "./field-tests";
import {
  BOUNDARY_CROSSINGS,
  buildRuleFromDraft,
  createFieldTest,
  createFieldTestId,
  createRuleDraft,
  draftRuleTexts,
  listPlaceholders,
  listTextExclusions,
  readRuleDraft,
  replaceTextExclusions,
  reviseDraft,
  suggestRuleId,
  toggleExclusion,
  type DraftResult,
  type RuleDraft,
} from "./rule-draft";

const NO_IDS: ReadonlySet<string> = new Set();

/** A field test; ids only need to be unique within a draft. */
function buildTest(
  id: string,
  key: string,
  operator: FieldOperator = "is-yes",
  text = "",
): FieldTest {
  return { id, key, operator, text };
}

function buildDraft(overrides: Partial<RuleDraft> = {}): RuleDraft {
  return {
    ...createRuleDraft(),
    id: "spoof-unauthenticated",
    title: "Spoofing of {source.name} over unauthenticated flows",
    description: "{target.name} cannot tell who sent {flow.name}.",
    ...overrides,
  };
}

function expectRule(result: DraftResult): Rule {
  if (!result.ok) throw new Error(`expected a rule, got ${JSON.stringify(result.errors)}`);
  return result.rule;
}

function expectErrors(result: DraftResult) {
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("buildRuleFromDraft", () => {
  it("builds an interaction rule from kinds, crossing and exclusions", () => {
    const rule = expectRule(
      buildRuleFromDraft(
        buildDraft({
          appliesTo: "source",
          sourceKinds: ["external-entity"],
          targetKinds: ["process", "data-store"],
          boundaryCrossing: "any",
          exclusions: [
            buildTest("1", "flow.authenticated"),
            buildTest("2", "target.holdsCredentials"),
          ],
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(rule).toEqual({
      id: "spoof-unauthenticated",
      title: "Spoofing of {source.name} over unauthenticated flows",
      description: "{target.name} cannot tell who sent {flow.name}.",
      category: "spoofing",
      scope: { kind: "interaction", appliesTo: "source" },
      include: {
        op: "and",
        conditions: [
          { op: "kind-is", subject: "source", kind: "external-entity" },
          {
            op: "or",
            conditions: [
              { op: "kind-is", subject: "target", kind: "process" },
              { op: "kind-is", subject: "target", kind: "data-store" },
            ],
          },
          { op: "crosses-boundary" },
        ],
      },
      exclude: {
        op: "or",
        conditions: [
          { op: "property-equals", subject: "flow", property: "authenticated", value: true },
          { op: "property-equals", subject: "target", property: "holdsCredentials", value: true },
        ],
      },
      enabled: true,
    });
    // The whole set is valid under lib/stride's format.
    expect(() =>
      parseRuleSet({ id: "set", name: "Set", description: "", rules: [rule] }),
    ).not.toThrow();
  });

  it("builds an always-true interaction rule and an element rule", () => {
    expect(expectRule(buildRuleFromDraft(buildDraft(), { takenIds: NO_IDS })).include).toEqual({
      op: "always",
    });
    const rule = expectRule(
      buildRuleFromDraft(
        buildDraft({
          scope: "element",
          title: "{element.name} leaks credentials",
          description: "",
          elementKinds: ["data-store"],
          exclusions: [buildTest("1", "element.encrypted")],
          category: "information-disclosure",
          isEnabled: false,
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(rule).toMatchObject({
      scope: { kind: "element", elementKinds: ["data-store"] },
      include: { op: "always" },
      exclude: { op: "property-equals", subject: "element", property: "encrypted", value: true },
      enabled: false,
    });
  });

  it("reports field errors from the rule schema and the set", () => {
    const errors = expectErrors(
      buildRuleFromDraft(
        buildDraft({
          id: "has space",
          title: "  ",
          description: "",
          scope: "element",
          elementKinds: [],
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(errors).toEqual({
      id: "Use letters, digits and . _ : - only",
      title: "Enter a title.",
      elementKinds: "Choose at least one kind of element.",
    });
    expect(
      expectErrors(
        buildRuleFromDraft(buildDraft(), { takenIds: new Set(["spoof-unauthenticated"]) }),
      ),
    ).toEqual({ id: "Another rule already has this id." });
    expect(expectErrors(buildRuleFromDraft(buildDraft({ id: "" }), { takenIds: NO_IDS }))).toEqual({
      id: "Enter an id.",
    });
  });

  it("refuses placeholders of subjects the rule does not see", () => {
    const errors = expectErrors(
      buildRuleFromDraft(buildDraft({ title: "{element.name} is spoofed" }), { takenIds: NO_IDS }),
    );
    expect(errors.title).toBe(
      "{element.name} is not a placeholder of this rule: use {source.…}, {target.…}, {flow.…}.",
    );
    const element = expectErrors(
      buildRuleFromDraft(
        buildDraft({ scope: "element", title: "ok", description: "From {sorce.name}" }),
        { takenIds: NO_IDS },
      ),
    );
    expect(element.description).toMatch(/^\{sorce\.name\} is not a placeholder/);
  });

  it("refuses exclusions the chosen kinds do not offer", () => {
    const errors = expectErrors(
      buildRuleFromDraft(
        buildDraft({ sourceKinds: ["process"], exclusions: [buildTest("1", "source.holdsLogs")] }),
        {
          takenIds: NO_IDS,
        },
      ),
    );
    expect(errors.exclusions).toBe("“source.holdsLogs” does not apply to the chosen kinds.");
  });

  it("builds crossings of a shape, only-when tests and text exceptions", () => {
    const rule = expectRule(
      buildRuleFromDraft(
        buildDraft({
          appliesTo: "target",
          targetKinds: ["process"],
          boundaryCrossing: "line",
          requirements: [
            buildTest("1", "flow.protocol", "contains", "HTTP"),
            buildTest("2", "flow.dataCarried", "is-filled-in"),
            buildTest("3", "flow.authenticated", "is-no"),
            buildTest("4", "target.sandboxed", "is-not-answered"),
          ],
          exclusions: [
            buildTest("5", "flow.protocol", "is", "HTTPS"),
            buildTest("6", "flow.encrypted"),
          ],
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(rule.include).toEqual(
      allOf(
        isKind("target", "process"),
        crossesBoundary("line"),
        fieldContains("flow", "protocol", "HTTP"),
        fieldNotBlank("flow", "dataCarried"),
        fieldEquals("flow", "authenticated", false),
        fieldEquals("target", "sandboxed", null),
      ),
    );
    expect(rule.exclude).toEqual({
      op: "or",
      conditions: [
        fieldEquals("flow", "protocol", "HTTPS"),
        fieldEquals("flow", "encrypted", true),
      ],
    });
  });

  it("builds an element rule that fires only when its tests hold", () => {
    const rule = expectRule(
      buildRuleFromDraft(
        buildDraft({
          scope: "element",
          title: "{element.name} logs",
          description: "",
          elementKinds: ["data-store"],
          requirements: [
            buildTest("1", "element.holdsLogs"),
            buildTest("2", "element.storeType", "does-not-contain", "sql"),
          ],
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(rule.include).toEqual(
      allOf(
        fieldEquals("element", "holdsLogs", true),
        not(fieldContains("element", "storeType", "sql")),
      ),
    );
    expect(rule.exclude).toBeUndefined();
  });

  it("reports a message per field test, with the other fields' messages", () => {
    const errors = expectErrors(
      buildRuleFromDraft(
        buildDraft({
          title: "",
          sourceKinds: ["process"],
          requirements: [
            buildTest("1", "flow.protocol", "contains", "  "),
            buildTest("2", "source.storeType", "is-filled-in"),
            buildTest("3", "flow.authenticated", "contains", "yes"),
          ],
          exclusions: [buildTest("4", "flow.dataCarried", "is")],
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(errors).toEqual({
      title: "Enter a title.",
      tests: {
        "1": { text: "Enter the text to look for." },
        "2": { key: "This field does not apply to the chosen kinds." },
        "3": { key: "Choose a test this field offers." },
        "4": { text: "Enter the text to compare with." },
      },
    });
  });

  it("keeps the condition of a rule the builder cannot show", () => {
    const kept = interactionRule({
      id: "custom",
      category: "tampering",
      appliesTo: "flow",
      title: "Old",
      description: "",
      include: isKind("source", "process"),
      exclude: fieldNotBlank("source", "authentication"),
    });
    const rule = expectRule(
      buildRuleFromDraft(
        { ...draftRuleTexts(kept), title: "New {flow.name}", isEnabled: false },
        { takenIds: NO_IDS, keepConditionOf: kept },
      ),
    );
    expect(rule).toEqual({ ...kept, title: "New {flow.name}", enabled: false });
  });
});

/** A pseudo-random number generator (mulberry32), so random drafts repeat from run to run. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items[Math.floor(random() * items.length)];
}

function pickSome<T>(random: () => number, items: readonly T[]): T[] {
  return items.filter(() => random() < 0.4);
}

const SAMPLE_TEXTS = ["HTTP", "sql", "Azure SQL", " padded ", "C"];

/** A random draft of any shape the builder can edit, its tests numbered in order. */
function generateDraft(random: () => number): RuleDraft {
  const isElement = random() < 0.4;
  const elementKinds = pickSome(random, RULE_ELEMENT_KINDS);
  const draft: RuleDraft = {
    ...buildDraft({
      category: pick(random, STRIDE_CATEGORIES) ?? "spoofing",
      isEnabled: random() < 0.8,
    }),
    ...(isElement
      ? {
          scope: "element",
          title: "{element.name} is at risk",
          description: "",
          elementKinds: elementKinds.length > 0 ? elementKinds : ["process"],
        }
      : {
          appliesTo: pick(random, INTERACTION_TARGETS) ?? "flow",
          sourceKinds: pickSome(random, ENDPOINT_KINDS),
          targetKinds: pickSome(random, ENDPOINT_KINDS),
          boundaryCrossing: pick(random, BOUNDARY_CROSSINGS) ?? "any",
        }),
  };
  let count = 0;
  const createTest = (key: string, operators: readonly FieldOperator[]): FieldTest => {
    const operator = pick(random, operators) ?? "is-yes";
    count += 1;
    const text = isTextNeeded(operator) ? (pick(random, SAMPLE_TEXTS) ?? "x") : "";
    return buildTest(String(count), key, operator, text);
  };
  const fields = listFieldOptions(draft);
  for (let index = Math.floor(random() * 4); index > 0; index -= 1) {
    const option = pick(random, fields);
    if (option) draft.requirements.push(createTest(option.key, OPERATORS_OF_TYPE[option.type]));
  }
  const flags = listExclusionOptions(draft);
  const texts = listTextFieldOptions(draft);
  for (let index = Math.floor(random() * 4); index > 0; index -= 1) {
    const option = random() < 0.5 ? pick(random, flags) : pick(random, texts);
    if (option?.type === "text") draft.exclusions.push(createTest(option.key, TEXT_OPERATORS));
    else if (option) draft.exclusions.push(createTest(option.key, ["is-yes"]));
  }
  const nextId = () => {
    count += 1;
    return String(count);
  };
  const createCondition = (): GroupCondition => {
    const roll = random();
    if (draft.scope === "interaction" && roll < 0.2) {
      const kinds = pickSome(random, ENDPOINT_KINDS);
      const subject = random() < 0.5 ? "source" : "target";
      return { type: "kind", id: nextId(), subject, kinds: kinds.length > 0 ? kinds : ["process"] };
    }
    if (draft.scope === "interaction" && roll < 0.3) {
      return {
        type: "crossing",
        id: nextId(),
        shape: pick(random, ["any", "box", "line"]) ?? "any",
      };
    }
    const option = pick(random, fields) ?? { key: "flow.name", type: "text" as const };
    return { type: "field", ...createTest(option.key, OPERATORS_OF_TYPE[option.type]) };
  };
  const createGroup = (): ConditionGroup => {
    const group: ConditionGroup = { id: nextId(), mode: random() < 0.5 ? "any" : "all", items: [] };
    for (let index = 2 + Math.floor(random() * 2); index > 0; index -= 1) {
      if (random() < 0.25) {
        const id = nextId();
        const conditions = [createCondition(), createCondition()];
        group.items.push({ type: "group", id, mode: random() < 0.5 ? "any" : "all", conditions });
      } else {
        group.items.push(createCondition());
      }
    }
    return group;
  };
  for (let index = Math.floor(random() * 3) - 1; index > 0; index -= 1) {
    draft.requirementGroups.push(createGroup());
  }
  for (let index = Math.floor(random() * 3) - 1; index > 0; index -= 1) {
    draft.exclusionGroups.push(createGroup());
  }
  if (draft.scope === "interaction") draft.isCrossingWrittenLast = random() < 0.3;
  return draft;
}

/** True when the draft reads back as itself: the builder writes other shapes of groups alike. */
function isPlainDraft(draft: RuleDraft): boolean {
  return (
    draft.requirementGroups.length === 0 &&
    draft.exclusionGroups.length === 0 &&
    !draft.isCrossingWrittenLast
  );
}

describe("readRuleDraft", () => {
  it("round-trips drafts through rules", () => {
    const drafts: RuleDraft[] = [
      buildDraft(),
      buildDraft({
        appliesTo: "target",
        sourceKinds: ["process", "external-entity"],
        targetKinds: ["data-store"],
        boundaryCrossing: "any",
        exclusions: [
          buildTest("1", "flow.encrypted"),
          buildTest("2", "source.sandboxed"),
          buildTest("3", "target.holdsSecrets"),
        ],
        category: "tampering",
        isEnabled: false,
      }),
      buildDraft({ boundaryCrossing: "box" }),
      buildDraft({
        boundaryCrossing: "line",
        requirements: [
          buildTest("1", "flow.protocol", "does-not-contain", "TLS"),
          buildTest("2", "source.name", "is-not", "Browser"),
          buildTest("3", "target.sandboxed", "is-answered"),
        ],
        exclusions: [
          buildTest("4", "source.authentication", "is-filled-in"),
          buildTest("5", "flow.authenticated"),
          buildTest("6", "target.code", "is-empty"),
        ],
      }),
      buildDraft({
        scope: "element",
        title: "{element.name}",
        description: "",
        elementKinds: ["data-flow", "data-store"],
        requirements: [buildTest("1", "element.encrypted", "is-not-yes")],
        exclusions: [
          buildTest("2", "element.encrypted"),
          buildTest("3", "element.forgeryProtection"),
        ],
      }),
    ];
    for (const draft of drafts) {
      const rule = expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }));
      expect(readRuleDraft(rule)).toEqual(draft);
      expect(expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }))).toEqual(rule);
    }
  });

  it("round-trips random drafts: build, read and build again give the same rule", () => {
    const random = createRandom(20_240_611);
    let groupDrafts = 0;
    for (let round = 0; round < 600; round += 1) {
      const draft = generateDraft(random);
      const rule = expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }));
      const read = readRuleDraft(rule);
      if (isPlainDraft(draft)) expect(read).toEqual(draft);
      else groupDrafts += 1;
      if (read === null) throw new Error(`unreadable: ${JSON.stringify(rule)}`);
      expect(expectRule(buildRuleFromDraft(read, { takenIds: NO_IDS }))).toEqual(rule);
    }
    expect(groupDrafts).toBeGreaterThan(100);
  });

  it("reads every built-in rule but one, and gives them back unchanged", () => {
    const rules = DEFAULT_RULE_SETS.flatMap((set) => set.rules);
    const unreadable = rules.filter((rule) => readRuleDraft(rule) === null);
    // Its exception tests the external entity's type, a field the builder does not offer.
    expect(unreadable.map((rule) => rule.id)).toEqual([
      "elevate-cross-site-request-forgery-crossing",
    ]);
    expect(rules.length - unreadable.length).toBe(50);
    for (const rule of rules) {
      const draft = readRuleDraft(rule);
      if (draft === null) continue;
      expect(expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }))).toEqual(rule);
    }
  });

  it("reads the text and answer tests of built-in rules", () => {
    const rules = new Map(
      DEFAULT_RULE_SETS.flatMap((set) => set.rules).map((rule) => [rule.id, rule]),
    );
    const read = (id: string) => {
      const rule = rules.get(id);
      return rule === undefined ? null : readRuleDraft(rule);
    };
    expect(read("tamper-json-processing")?.requirements).toEqual([
      buildTest("1", "flow.protocol", "contains", "http"),
      buildTest("2", "flow.dataCarried", "contains", "json"),
    ]);
    expect(read("spoof-source-external-entity")?.exclusions).toEqual([
      buildTest("1", "source.authentication", "is-filled-in"),
      buildTest("2", "flow.authenticated"),
    ]);
    expect(read("repudiate-data-store-logs")?.requirements).toEqual([
      buildTest("1", "element.holdsLogs"),
    ]);
  });

  it("returns null for conditions the builder cannot show", () => {
    const base = elementRule({
      id: "x",
      category: "spoofing",
      elementKinds: ["process"],
      title: "t",
      description: "",
    });
    const interaction = interactionRule({
      id: "y",
      category: "spoofing",
      appliesTo: "flow",
      title: "t",
      description: "",
      include: { op: "always" },
    });
    const unreadable: Rule[] = [
      { ...base, include: isKind("element", "process") },
      { ...base, include: crossesBoundary() },
      { ...base, include: fieldNotBlank("element", "storeType") },
      { ...interaction, include: { op: "not", condition: { op: "crosses-boundary" } } },
      { ...interaction, include: { op: "and", conditions: [crossesBoundary()] } },
      { ...interaction, include: isKind("source", "data-flow") },
      // Groups nest one level deep.
      {
        ...interaction,
        include: anyOf(
          fieldNotBlank("flow", "protocol"),
          allOf(
            crossesBoundary(),
            anyOf(isKind("source", "process"), fieldNotBlank("flow", "name")),
          ),
        ),
      },
      { ...interaction, include: anyOf(crossesBoundary(), isKind("element", "process")) },
      { ...base, include: anyOf(crossesBoundary(), fieldNotBlank("element", "name")) },
      {
        ...interaction,
        include: anyOf(fieldNotBlank("flow", "protocol"), fieldNotBlank("flow", "protocol")),
        exclude: allOf(fieldNotBlank("flow", "name"), fieldEquals("flow", "protocol", true)),
      },
      { ...interaction, include: fieldContains("element", "name", "db") },
      { ...interaction, include: fieldEquals("flow", "protocol", "") },
      { ...interaction, include: fieldEquals("target", "holdsLogs", null) },
      { ...interaction, include: not(not(fieldNotBlank("flow", "protocol"))) },
      {
        ...interaction,
        exclude: {
          op: "property-equals",
          subject: "flow",
          property: "authenticated",
          value: false,
        },
      },
      { ...interaction, exclude: not(fieldEquals("flow", "encrypted", true)) },
      {
        ...interaction,
        exclude: { op: "property-equals", subject: "flow", property: "protocol", value: true },
      },
      {
        ...interaction,
        exclude: { op: "property-equals", subject: "element", property: "holdsLogs", value: true },
      },
      {
        ...interaction,
        exclude: { op: "or", conditions: [fieldEquals("flow", "encrypted", true)] },
      },
      { ...interaction, include: { op: "unknown", text: "GE.P" } },
    ];
    for (const rule of unreadable)
      expect([rule.include, readRuleDraft(rule)]).toEqual([rule.include, null]);
  });
});

describe("readRuleDraft with groups", () => {
  const interaction = interactionRule({
    id: "y",
    category: "spoofing",
    appliesTo: "flow",
    title: "t",
    description: "",
    include: { op: "always" },
  });

  it("reads conditions beyond kinds and field tests as groups, and builds them back unchanged", () => {
    const includes = [
      allOf(crossesBoundary("box"), crossesBoundary("line")),
      allOf(crossesBoundary(), isKind("source", "process")),
      allOf(isKind("source", "process"), isKind("source", "data-store")),
      anyOf(isKind("source", "process"), isKind("target", "process")),
      fieldContains("flow", "protocol", "xml", "soap"),
      allOf(
        isKind("target", "data-store"),
        allOf(fieldContains("target", "storeType", "sql"), crossesBoundary()),
      ),
      allOf(fieldNotBlank("flow", "name"), anyOf(isKind("target", "process"), crossesBoundary())),
    ];
    for (const include of includes) {
      const rule = { ...interaction, include };
      const draft = readRuleDraft(rule);
      expect([include, draft?.requirementGroups.length ?? 0]).not.toEqual([include, 0]);
      if (draft === null) throw new Error("unreachable");
      expect(expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }))).toEqual(rule);
    }
  });

  it("reads “the source or the target is a data store”, crossing written last", () => {
    const rule = DEFAULT_RULE_SETS.flatMap((set) => set.rules).find(
      (each) => each.id === "deny-data-store-crossing",
    );
    if (rule === undefined) throw new Error("missing rule");
    const draft = readRuleDraft(rule);
    expect(draft).toMatchObject({
      sourceKinds: [],
      targetKinds: [],
      boundaryCrossing: "any",
      isCrossingWrittenLast: true,
      requirements: [],
      requirementGroups: [
        {
          id: "1",
          mode: "any",
          items: [
            { type: "kind", id: "2", subject: "source", kinds: ["data-store"] },
            { type: "kind", id: "3", subject: "target", kinds: ["data-store"] },
          ],
        },
      ],
    });
  });

  it("round-trips drafts with groups", () => {
    const draft = buildDraft({
      sourceKinds: ["process"],
      boundaryCrossing: "box",
      isCrossingWrittenLast: true,
      requirements: [buildTest("1", "flow.protocol", "contains", "http")],
      requirementGroups: [
        {
          id: "2",
          mode: "any",
          items: [
            { type: "kind", id: "3", subject: "target", kinds: ["process", "data-store"] },
            {
              type: "group",
              id: "4",
              mode: "all",
              conditions: [
                { type: "crossing", id: "5", shape: "line" },
                { type: "field", ...buildTest("6", "target.sandboxed", "is-not-answered") },
              ],
            },
          ],
        },
      ],
      exclusions: [buildTest("7", "flow.encrypted")],
      exclusionGroups: [
        {
          id: "8",
          mode: "all",
          items: [
            { type: "field", ...buildTest("9", "flow.name", "is", "audit") },
            { type: "field", ...buildTest("10", "source.sandboxed", "is-no") },
          ],
        },
      ],
    });
    const rule = expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }));
    expect(rule.include).toEqual(
      allOf(
        isKind("source", "process"),
        fieldContains("flow", "protocol", "http"),
        anyOf(
          isKind("target", "process", "data-store"),
          allOf(crossesBoundary("line"), fieldEquals("target", "sandboxed", null)),
        ),
        crossesBoundary("box"),
      ),
    );
    expect(rule.exclude).toEqual(
      anyOf(
        fieldEquals("flow", "encrypted", true),
        allOf(fieldEquals("flow", "name", "audit"), fieldEquals("source", "sandboxed", false)),
      ),
    );
    expect(readRuleDraft(rule)).toEqual(draft);
  });

  it("refuses short groups, kinds left unchosen and kinds in element rules", () => {
    const errors = expectErrors(
      buildRuleFromDraft(
        buildDraft({
          requirementGroups: [
            { id: "1", mode: "any", items: [{ type: "crossing", id: "2", shape: "any" }] },
            {
              id: "3",
              mode: "all",
              items: [
                { type: "kind", id: "4", subject: "source", kinds: [] },
                { type: "field", ...buildTest("5", "flow.protocol", "contains") },
              ],
            },
          ],
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(errors).toEqual({
      items: {
        "1": "Add a second condition to this group, or remove the group.",
        "4": "Choose at least one kind.",
      },
      tests: { "5": { text: "Enter the text to look for." } },
    });
    const element = reviseDraft(buildDraft({ title: "{element.name}", description: "" }), {
      scope: "element",
      requirementGroups: [
        {
          id: "1",
          mode: "any",
          items: [
            { type: "crossing", id: "2", shape: "any" },
            { type: "field", ...buildTest("3", "element.name", "is-filled-in") },
            { type: "field", ...buildTest("4", "element.holdsLogs", "is-filled-in") },
          ],
        },
      ],
    });
    expect(element.requirementGroups).toEqual([
      {
        id: "1",
        mode: "any",
        items: [{ type: "field", ...buildTest("3", "element.name", "is-filled-in") }],
      },
    ]);
    expect(createFieldTestId(element)).toBe("4");
  });
});

describe("reviseDraft", () => {
  it("drops exclusions that the new kinds do not offer", () => {
    const draft = buildDraft({
      exclusions: [
        buildTest("1", "flow.authenticated"),
        buildTest("2", "source.holdsLogs"),
        buildTest("3", "source.storeType", "contains", "sql"),
      ],
    });
    expect(reviseDraft(draft, { sourceKinds: ["process"] }).exclusions).toEqual([
      buildTest("1", "flow.authenticated"),
    ]);
    expect(reviseDraft(draft, { scope: "element" }).exclusions).toEqual([]);
  });

  it("drops only-when tests the new kinds do not offer, and fits operators to field types", () => {
    const draft = buildDraft({
      requirements: [
        buildTest("1", "target.storeType", "contains", "sql"),
        buildTest("2", "flow.protocol", "is-yes"),
        buildTest("3", "target.holdsLogs", "is-not-answered"),
      ],
    });
    expect(reviseDraft(draft, {}).requirements).toEqual([
      buildTest("1", "target.storeType", "contains", "sql"),
      buildTest("2", "flow.protocol", "contains"),
      buildTest("3", "target.holdsLogs", "is-yes"),
    ]);
    expect(reviseDraft(draft, { targetKinds: ["process"] }).requirements).toEqual([
      buildTest("2", "flow.protocol", "contains"),
    ]);
  });
});

describe("createFieldTest and toggleExclusion", () => {
  it("starts a test on the first offered field with a fresh id", () => {
    const draft = buildDraft({ exclusions: [buildTest("4", "flow.encrypted")] });
    expect(createFieldTest(draft, "requirements")).toEqual(buildTest("5", "flow.name", "contains"));
    expect(
      createFieldTest(buildDraft({ scope: "element", elementKinds: ["process"] }), "exclusions"),
    ).toEqual(buildTest("1", "element.name", "contains"));
  });

  it("checks a yes/no exclusion at the end and unchecks it wherever it is", () => {
    const draft = buildDraft({
      exclusions: [buildTest("1", "flow.encrypted"), buildTest("2", "flow.name", "is", "x")],
    });
    const checked = toggleExclusion(draft, "flow.authenticated", true);
    expect(checked).toEqual([...draft.exclusions, buildTest("3", "flow.authenticated")]);
    expect(toggleExclusion(draft, "flow.encrypted", false)).toEqual([
      buildTest("2", "flow.name", "is", "x"),
    ]);
  });
});

describe("listTextExclusions and replaceTextExclusions", () => {
  it("edits the text tests among the checked fields without moving them", () => {
    const draft = buildDraft({
      exclusions: [
        buildTest("1", "source.authentication", "is-filled-in"),
        buildTest("2", "flow.authenticated"),
        buildTest("3", "flow.protocol", "is", "HTTPS"),
      ],
    });
    expect(listTextExclusions(draft).map((test) => test.id)).toEqual(["1", "3"]);
    const edited = buildTest("1", "source.authentication", "contains", "token");
    expect(replaceTextExclusions(draft, [edited, buildTest("4", "flow.name", "is", "x")])).toEqual([
      edited,
      buildTest("2", "flow.authenticated"),
      buildTest("4", "flow.name", "is", "x"),
    ]);
    expect(replaceTextExclusions(draft, [])).toEqual([buildTest("2", "flow.authenticated")]);
  });
});

describe("suggestRuleId and listPlaceholders", () => {
  it("slugs the title and avoids taken ids", () => {
    expect(suggestRuleId("Spoofing of {source.name} over unauthenticated flows", NO_IDS)).toBe(
      "spoofing-of-source-name-over-unauthenticated-flows",
    );
    expect(suggestRuleId("  ", NO_IDS)).toBe("rule");
    expect(suggestRuleId("A b", new Set(["a-b", "a-b-2"]))).toBe("a-b-3");
    expect(suggestRuleId("x".repeat(200), NO_IDS)).toHaveLength(56);
  });

  it("lists the placeholders of the scope", () => {
    expect(listPlaceholders(buildDraft())).toContain("{source.name}");
    expect(listPlaceholders({ scope: "element", elementKinds: ["process", "data-store"] })).toEqual(
      ["{element.name}", "{element.code}", "{element.storeType}"],
    );
  });
});
