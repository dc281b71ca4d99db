import { createCrossingIndex } from "../diagram/crossings";
import { LIMITS } from "../limits";
import type { DiagramElement, Flow } from "../model";
import { compileCondition } from "./compile-condition";
import type { ConditionContext, Predicate } from "./compile-condition";
import { buildElementKey, buildInteractionKey } from "./interaction-key";
import { createEquivalenceTest, mergeEquivalentThreats } from "./merge-threats";
import type { FoundThreat, MergedThreat } from "./merge-threats";
import type { InteractionTarget, Rule, RuleElementKind, RuleSet } from "./rule-types";
import { toElementSubject, toFlowSubject } from "./subjects";
import type { RuleSubject } from "./subjects";
import { compileTemplate } from "./template";
import type { CompiledTemplate, TemplateSubjects } from "./template";

/** The parts of a threat model the rules read: every element and data flow, as stored. */
export interface RuleModel {
  elements: readonly DiagramElement[];
  flows: readonly Flow[];
}

/**
 * Which part of the model to generate threats for: all of it, one diagram, or one element or
 * data flow (the element itself and every interaction it takes part in).
 */
export type GenerationScope =
  { kind: "model" } | { kind: "diagram"; id: string } | { kind: "element"; id: string };

/**
 * One threat the rules produced, ready to be recorded with addThreat: the threat of its first
 * rule (`ruleId`, `interactionKey`: stable, see interaction-key.ts, unique in one result), and in
 * `sources` every rule that raised it (see merge-threats.ts), that first rule included.
 */
export type GeneratedThreat = MergedThreat;

interface CompiledRule {
  rule: Rule;
  /** Position among the enabled rules: set order, then rule order. */
  rank: number;
  /** For interaction rules: what the threat is recorded against. */
  appliesTo: InteractionTarget;
  include: Predicate;
  exclude: Predicate | null;
  title: CompiledTemplate;
  description: CompiledTemplate;
}

const NO_SHAPES: ReadonlySet<"box" | "line"> = new Set();

function compileRule(rule: Rule, rank: number): CompiledRule {
  return {
    rule,
    rank,
    appliesTo: rule.scope.kind === "interaction" ? rule.scope.appliesTo : "flow",
    include: compileCondition(rule.include),
    exclude: rule.exclude === undefined ? null : compileCondition(rule.exclude),
    title: compileTemplate(rule.title),
    description: compileTemplate(rule.description),
  };
}

function isMatch(compiled: CompiledRule, context: ConditionContext): boolean {
  return compiled.include(context) && !(compiled.exclude?.(context) ?? false);
}

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function renderThreat(
  compiled: CompiledRule,
  subjects: TemplateSubjects,
  interactionKey: string,
  targetId: string,
  interaction: string | null,
): FoundThreat {
  const title = compiled.title(subjects).trim();
  return {
    ruleId: compiled.rule.id,
    interactionKey,
    category: compiled.rule.category,
    title: clip(title === "" ? compiled.rule.id : title, LIMITS.threatTitleLength),
    description: clip(compiled.description(subjects), LIMITS.threatDescriptionLength),
    targetId,
    rank: compiled.rank,
    interaction,
  };
}

/** Returns the shapes of the boundaries crossed between two elements' centers. */
function createShapeLookup(elements: readonly DiagramElement[]) {
  const crossingIndex = createCrossingIndex(elements);
  const boundaryShapes = new Map<string, "box" | "line">();
  for (const element of elements) {
    if (element.kind === "trust-boundary") boundaryShapes.set(element.id, element.shape);
  }
  return (sourceId: string, targetId: string): ReadonlySet<"box" | "line"> => {
    const shapes = new Set<"box" | "line">();
    for (const id of crossingIndex.getCrossedBoundaryIds(sourceId, targetId)) {
      const shape = boundaryShapes.get(id);
      if (shape !== undefined) shapes.add(shape);
    }
    return shapes;
  };
}

/** The enabled rules of the sets (first of each id), compiled once and grouped by scope. */
function prepareRules(ruleSets: readonly RuleSet[]) {
  const interactionRules: CompiledRule[] = [];
  const elementRules = new Map<RuleElementKind, CompiledRule[]>();
  const seenIds = new Set<string>();
  const enabledRules: Rule[] = [];
  for (const ruleSet of ruleSets) {
    for (const rule of ruleSet.rules) {
      // The first rule with an id wins, so interaction keys stay unique.
      if (!rule.enabled || seenIds.has(rule.id)) continue;
      seenIds.add(rule.id);
      const compiled = compileRule(rule, enabledRules.length);
      enabledRules.push(rule);
      if (rule.scope.kind === "interaction") {
        interactionRules.push(compiled);
        continue;
      }
      for (const kind of new Set(rule.scope.elementKinds)) {
        const list = elementRules.get(kind);
        if (list === undefined) elementRules.set(kind, [compiled]);
        else list.push(compiled);
      }
    }
  }
  return { interactionRules, elementRules, enabledRules };
}

function isElementInScope(subject: RuleSubject, scope: GenerationScope): boolean {
  if (scope.kind === "model") return true;
  if (scope.kind === "diagram") return subject.diagramId === scope.id;
  return subject.id === scope.id;
}

function isFlowInScope(flow: Flow, scope: GenerationScope): boolean {
  if (scope.kind === "model") return true;
  if (scope.kind === "diagram") return flow.diagramId === scope.id;
  return flow.id === scope.id || flow.sourceId === scope.id || flow.targetId === scope.id;
}

/**
 * Evaluates the enabled rules of the rule sets over the model and returns the threats they
 * generate, in a stable order (elements, then flows, in the order given; rules in set order).
 * - Element rules run on each element (or data flow) of their kinds.
 * - Interaction rules run on each (source, flow, target); a bidirectional flow also runs as
 *   (target, flow, source). A flow whose ends are missing, equal or trust boundaries is skipped.
 * - Out of scope: an out-of-scope element or flow gets no element threats; an out-of-scope flow
 *   gets no interaction threats; an interaction threat recorded against an out-of-scope source
 *   or target is skipped (threats against its in-scope partner still are generated).
 * - When two rule sets share a rule id, only the first set's rule runs.
 * - Equivalent threats of different rules (merge-threats.ts) come out as one threat that lists
 *   every rule in `sources`.
 * Elements are indexed once and boundary crossings computed only for flows a rule asks about,
 * so the cost grows with elements + flows x rules.
 */
export function evaluateRules(
  ruleSets: RuleSet | readonly RuleSet[],
  model: RuleModel,
  scope: GenerationScope = { kind: "model" },
): GeneratedThreat[] {
  const sets: readonly RuleSet[] = "rules" in ruleSets ? [ruleSets] : ruleSets;
  const { interactionRules, elementRules, enabledRules } = prepareRules(sets);
  const subjects = new Map<string, RuleSubject>();
  for (const element of model.elements) subjects.set(element.id, toElementSubject(element));
  const getShapes = createShapeLookup(model.elements);

  const threats: FoundThreat[] = [];

  for (const subject of subjects.values()) {
    const rules = elementRules.get(subject.kind);
    if (rules === undefined || subject.isOutOfScope || !isElementInScope(subject, scope)) continue;
    const context: ConditionContext = { element: subject, getCrossedShapes: () => NO_SHAPES };
    for (const compiled of rules) {
      if (!isMatch(compiled, context)) continue;
      const key = buildElementKey(compiled.rule.id, subject.id);
      threats.push(renderThreat(compiled, { element: subject }, key, subject.id, null));
    }
  }

  const flowElementRules = elementRules.get("data-flow") ?? [];
  for (const flow of model.flows) {
    const source = subjects.get(flow.sourceId);
    const target = subjects.get(flow.targetId);
    if (source === undefined || target === undefined || source === target) continue;
    if (source.kind === "trust-boundary" || target.kind === "trust-boundary") continue;
    if (flow.outOfScope || !isFlowInScope(flow, scope)) continue;
    const flowSubject = toFlowSubject(flow);
    let crossedShapes: ReadonlySet<"box" | "line"> | null = null;
    const getCrossedShapes = () => (crossedShapes ??= getShapes(flow.sourceId, flow.targetId));

    const elementContext: ConditionContext = { element: flowSubject, getCrossedShapes };
    const elementRulesOfFlow = isElementInScope(flowSubject, scope) ? flowElementRules : [];
    for (const compiled of elementRulesOfFlow) {
      if (!isMatch(compiled, elementContext)) continue;
      const key = buildElementKey(compiled.rule.id, flow.id);
      threats.push(
        renderThreat(compiled, { element: flowSubject, flow: flowSubject }, key, flow.id, null),
      );
    }

    const directions: [RuleSubject, RuleSubject][] = [[source, target]];
    if (flow.bidirectional) directions.push([target, source]);
    for (const [from, to] of directions) {
      const interaction = `${flow.id}|${from.id}|${to.id}`;
      const context = { source: from, target: to, flow: flowSubject, getCrossedShapes };
      const recordedAgainst = { source: from, target: to, flow: flowSubject };
      for (const compiled of interactionRules) {
        const subject = recordedAgainst[compiled.appliesTo];
        if (subject.isOutOfScope || !isMatch(compiled, context)) continue;
        const key = buildInteractionKey(compiled.rule.id, flow.id, from.id, to.id);
        threats.push(renderThreat(compiled, context, key, subject.id, interaction));
      }
    }
  }
  return mergeEquivalentThreats(threats, createEquivalenceTest(enabledRules));
}
