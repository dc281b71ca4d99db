import type * as Y from "yjs";
import { AppError } from "../errors";
import { addThreat, listElements, listFlows, listThreats, newThreatInputSchema } from "../model";
import type { NewThreatInput } from "../model";
import { evaluateRules } from "./engine";
import type { GenerationScope, RuleModel } from "./engine";
import { parseInteractionKey } from "./interaction-key";
import type { RuleSet } from "./rule-types";

/** The author recorded on generated threats when the caller names nobody. */
export const RULE_ENGINE_AUTHOR_ID = "rule-engine";

/** What one generation run did, as threat ids. */
export interface GenerationResult {
  /** Threats recorded by this run. */
  added: string[];
  /** Rule-generated threats already present for an interaction the rules still match. */
  existing: string[];
  /**
   * Rule-generated threats (of rules in the given sets) whose element or interaction is gone
   * or no longer matches their rule. They are neither changed nor deleted: the document has no
   * field to flag them yet, so the caller shows them for review.
   */
  stale: string[];
}

/** Options of generateThreats. */
export interface GenerateOptions {
  /** User id recorded as the author of new threats (default RULE_ENGINE_AUTHOR_ID). */
  authorId?: string;
}

function toPairKey(ruleId: string, interactionKey: string): string {
  return `${ruleId}\n${interactionKey}`;
}

/** Whether a threat's interaction key refers to something inside the scope. */
function createScopeTest(scope: GenerationScope, model: RuleModel) {
  const diagramOf = new Map<string, string>();
  for (const element of model.elements) diagramOf.set(element.id, element.diagramId);
  for (const flow of model.flows) diagramOf.set(flow.id, flow.diagramId);
  return (interactionKey: string): boolean => {
    if (scope.kind === "model") return true;
    const parts = parseInteractionKey(interactionKey);
    if (parts === null) return false;
    const ids =
      parts.kind === "element" ? [parts.elementId] : [parts.flowId, parts.sourceId, parts.targetId];
    // A deleted element or flow has no diagram any more: only a model-wide run reports it.
    if (scope.kind === "diagram") return ids.some((id) => diagramOf.get(id) === scope.id);
    return ids.includes(scope.id);
  };
}

/**
 * Evaluates the rule sets over the document (the whole model, one diagram, or one element or
 * data flow with its interactions) and records each generated threat that is not there yet,
 * with origin { kind: "rule", ruleId, interactionKey }, all in one transaction. A threat whose
 * (ruleId, interactionKey) already exists is never added again, whatever its status or edits,
 * so running twice adds nothing. Throws AppError("bad_request") for an invalid author id.
 */
export function generateThreats(
  doc: Y.Doc,
  ruleSets: RuleSet | readonly RuleSet[],
  scope: GenerationScope,
  options: GenerateOptions = {},
): GenerationResult {
  const sets: readonly RuleSet[] = "rules" in ruleSets ? [ruleSets] : ruleSets;
  const model: RuleModel = { elements: listElements(doc), flows: listFlows(doc) };
  const generated = evaluateRules(sets, model, scope);

  const recorded = new Map<string, string[]>();
  const enabledRuleIds = new Set(
    sets.flatMap((ruleSet) => ruleSet.rules.filter((rule) => rule.enabled).map((rule) => rule.id)),
  );
  const isInScope = createScopeTest(scope, model);
  const candidates: { id: string; pairKey: string }[] = [];
  for (const threat of listThreats(doc)) {
    const { origin } = threat;
    if (origin.kind !== "rule" || origin.interactionKey === undefined) continue;
    const pairKey = toPairKey(origin.ruleId, origin.interactionKey);
    recorded.set(pairKey, [...(recorded.get(pairKey) ?? []), threat.id]);
    if (enabledRuleIds.has(origin.ruleId) && isInScope(origin.interactionKey)) {
      candidates.push({ id: threat.id, pairKey });
    }
  }

  const existing: string[] = [];
  const generatedKeys = new Set<string>();
  const inputs: NewThreatInput[] = [];
  for (const threat of generated) {
    const pairKey = toPairKey(threat.ruleId, threat.interactionKey);
    generatedKeys.add(pairKey);
    const ids = recorded.get(pairKey);
    if (ids !== undefined) {
      existing.push(...ids);
      continue;
    }
    // Validated before the transaction: Yjs keeps whatever was written before a throw.
    const input = newThreatInputSchema.safeParse({
      title: threat.title,
      description: threat.description,
      category: threat.category,
      targetId: threat.targetId,
      origin: { kind: "rule", ruleId: threat.ruleId, interactionKey: threat.interactionKey },
    });
    if (!input.success) {
      throw new AppError("bad_request", `Rule ${threat.ruleId} generated an invalid threat`, {
        cause: input.error,
      });
    }
    inputs.push(input.data);
  }
  const stale = candidates
    .filter((candidate) => !generatedKeys.has(candidate.pairKey))
    .map((candidate) => candidate.id);

  const authorId = options.authorId ?? RULE_ENGINE_AUTHOR_ID;
  const added: string[] = [];
  if (inputs.length > 0) {
    doc.transact(() => {
      for (const input of inputs) added.push(addThreat(doc, input, authorId));
    });
  }
  return { added, existing, stale };
}
