import type * as Y from "yjs";
import { AppError } from "../errors";
import {
  addAgreeingRules,
  addThreat,
  hasThreat,
  listElements,
  listFlows,
  listThreats,
  newThreatInputSchema,
  updateThreat,
} from "../model";
import type { NewThreatInput, RuleSource, Threat } from "../model";
import { evaluateRules } from "./engine";
import type { GenerationScope, RuleModel } from "./engine";
import { parseInteractionKey } from "./interaction-key";
import type { RuleSet } from "./rule-types";

/** The author recorded on generated threats when the caller names nobody. */
export const RULE_ENGINE_AUTHOR_ID = "rule-engine";

/**
 * The review reasons generation writes on a stale threat. A threat whose reason is one of
 * these gets its flag cleared when its rule matches its interaction again; a reason written by
 * a person is never cleared by generation.
 */
export const STALE_REVIEW_REASONS = {
  /** The element, or the data flow between these two ends, is gone (deleted or reconnected). */
  gone:
    "Generated for an element or interaction that no longer exists (deleted or reconnected). " +
    "Check whether the threat still applies, then clear the flag or delete it.",
  /** Everything is still there, but the rule's conditions no longer hold. */
  noLongerMatches:
    "The rule that generated this threat no longer matches its interaction (for example, the " +
    "data flow is now encrypted). Check whether the threat still applies, then clear the flag " +
    "or delete it.",
  /** The rule itself was disabled or deleted, or its rule set was switched off. */
  ruleWithdrawn:
    "The rule that generated this threat is disabled or no longer exists, or the model no " +
    "longer uses its rule set. Check whether the threat still applies, then clear the flag or " +
    "delete it.",
} as const;

/** Reasons earlier versions wrote, still recognised as written by generation. */
const EARLIER_REASONS: readonly string[] = [
  "The rule that generated this threat is disabled or no longer exists. Check whether the " +
    "threat still applies, then clear the flag or delete it.",
];

const DUPLICATE_REASON_START = "Another threat, “";

/**
 * The review reason of a threat that restates another one (both were recorded before their
 * rules were found to agree): `keptTitle` is the title of the threat that stays.
 */
export function describeDuplicate(keptTitle: string): string {
  return (
    `${DUPLICATE_REASON_START}${keptTitle}”, raises the same threat: its rules agree. Move ` +
    "any ratings, notes or mitigations you want to keep to it, then delete this one."
  );
}

const GENERATED_REASONS: ReadonlySet<string> = new Set([
  ...Object.values(STALE_REVIEW_REASONS),
  ...EARLIER_REASONS,
]);

/** Whether generation wrote this review reason (a stale or duplicate threat's). */
function isGeneratedReason(reason: string): boolean {
  return GENERATED_REASONS.has(reason) || reason.startsWith(DUPLICATE_REASON_START);
}

/** What one generation run did, as threat ids. */
export interface GenerationResult {
  /** Threats recorded by this run. */
  added: string[];
  /** Rule-generated threats already present for an interaction the rules still match. */
  existing: string[];
  /**
   * Rule-generated threats (of rules in the given sets) whose element or interaction is gone
   * or no longer matches their rule; with isEveryRuleInForce, also those whose rule was
   * withdrawn. They are never deleted: each is flagged needsReview with
   * one of STALE_REVIEW_REASONS, for people to decide.
   */
  stale: string[];
  /**
   * Threats that restate another recorded threat of the same group of agreeing rules; each is
   * flagged needsReview with describeDuplicate's reason, never deleted.
   */
  duplicates: string[];
  /** The stale or duplicate threats whose flag or reason this run wrote (others were already). */
  flagged: string[];
  /** Existing threats whose generation flag this run cleared, since their rule matches again. */
  cleared: string[];
}

/** Options of generateThreats. */
export interface GenerateOptions {
  /** User id recorded as the author of new threats (default RULE_ENGINE_AUTHOR_ID). */
  authorId?: string;
  /**
   * The given rule sets are every rule in force (the workspace passes the built-in sets and all
   * of the organisation's enabled ones): threats in scope whose rule is absent from them or
   * disabled are stale too, flagged with STALE_REVIEW_REASONS.ruleWithdrawn. Off by default, so
   * a run with one rule set leaves the threats of other sets alone.
   */
  isEveryRuleInForce?: boolean;
}

const FNV_64_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV_64_PRIME = 0x100000001b3n;
const utf8 = new TextEncoder();

/** FNV-1a, 64 bits, over the UTF-8 bytes of `text`: small, pure and the same on every machine. */
export function hashFnv1a64(text: string): bigint {
  let hash = FNV_64_OFFSET_BASIS;
  for (const byte of utf8.encode(text)) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * FNV_64_PRIME);
  }
  return hash;
}

/**
 * The id of the threat that `ruleId` generates for `interactionKey`: "g" and 13 base-36 digits
 * of a 64-bit hash of both. Everyone derives the same id, so two people who generate threats at
 * the same moment write the same map entry and converge on one threat instead of two. (Yjs
 * keeps one of the two concurrently created entries; an edit made to the other one before the
 * two replicas synced, i.e. within one round trip, is dropped with it.)
 */
export function getGeneratedThreatId(ruleId: string, interactionKey: string): string {
  return `g${hashFnv1a64(toPairKey(ruleId, interactionKey)).toString(36).padStart(13, "0")}`;
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

/** Which reason a stale threat gets: is what it was generated for still in the model? */
function createStaleReasonOf(model: RuleModel) {
  const elementIds = new Set(model.elements.map((element) => element.id));
  const flowEnds = new Map(model.flows.map((flow) => [flow.id, flow]));
  return (interactionKey: string): string => {
    const parts = parseInteractionKey(interactionKey);
    let isPresent = false;
    if (parts?.kind === "element") {
      isPresent = elementIds.has(parts.elementId) || flowEnds.has(parts.elementId);
    } else if (parts?.kind === "interaction") {
      const flow = flowEnds.get(parts.flowId);
      // A bidirectional flow is also the interaction from its target to its source.
      isPresent =
        flow !== undefined &&
        ((flow.sourceId === parts.sourceId && flow.targetId === parts.targetId) ||
          (flow.sourceId === parts.targetId && flow.targetId === parts.sourceId));
    }
    return isPresent ? STALE_REVIEW_REASONS.noLongerMatches : STALE_REVIEW_REASONS.gone;
  };
}

function isFlaggedByGeneration(threat: Threat): boolean {
  return threat.needsReview && isGeneratedReason(threat.reviewReason);
}

/** Every rule firing a threat stands for: its own rule, then the rules that agree with it. */
function listSources(threat: Threat): RuleSource[] {
  const { origin } = threat;
  if (origin.kind !== "rule" || origin.interactionKey === undefined) return [];
  return [
    { ruleId: origin.ruleId, interactionKey: origin.interactionKey },
    ...(origin.agreeingRules ?? []),
  ];
}

/**
 * Evaluates the rule sets over the document (the whole model, one diagram, or one element or
 * data flow with its interactions) and brings the generated threats up to date, all in one
 * transaction (none when there is nothing to write):
 * - each generated threat (one per group of equivalent rule firings, see merge-threats.ts) that
 *   is not there yet is recorded, with origin { kind: "rule", ruleId, interactionKey,
 *   agreeingRules } and the id getGeneratedThreatId derives from its first rule. A threat that
 *   already stands for any rule firing of the group (as its own rule or an agreeing one) is
 *   never added again, whatever its status or edits, so running twice adds nothing; rules that
 *   now agree with it are added to its agreeingRules;
 * - when several recorded threats stand for one group (recorded before the rules were found to
 *   agree), the one of the group's first rule (else the oldest) is kept and each other one is
 *   flagged needsReview with STALE_REVIEW_REASONS.duplicate, never deleted, so nobody loses the
 *   ratings or notes on it;
 * - each stale one (see GenerationResult.stale) is flagged needsReview with a reason, never
 *   deleted;
 * - a threat flagged by generation whose rule matches again has its flag cleared.
 * Throws AppError("bad_request") for an invalid author id.
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

  const recorded = new Map<string, Threat[]>();
  const enabledRuleIds = new Set(
    sets.flatMap((ruleSet) => ruleSet.rules.filter((rule) => rule.enabled).map((rule) => rule.id)),
  );
  const isInScope = createScopeTest(scope, model);
  const candidates: {
    threat: Threat;
    pairKeys: string[];
    interactionKey: string;
    isRuleInForce: boolean;
  }[] = [];
  for (const threat of listThreats(doc)) {
    const sources = listSources(threat);
    const [own] = sources;
    if (own === undefined) continue;
    const pairKeys = sources.map((source) => toPairKey(source.ruleId, source.interactionKey));
    for (const pairKey of pairKeys)
      recorded.set(pairKey, [...(recorded.get(pairKey) ?? []), threat]);
    const isRuleInForce = sources.some((source) => enabledRuleIds.has(source.ruleId));
    if ((isRuleInForce || options.isEveryRuleInForce === true) && isInScope(own.interactionKey)) {
      candidates.push({ threat, pairKeys, interactionKey: own.interactionKey, isRuleInForce });
    }
  }

  const existing = new Set<string>();
  const toClear = new Set<string>();
  const toAgree: { id: string; sources: RuleSource[] }[] = [];
  const duplicates: { threat: Threat; keptTitle: string }[] = [];
  const generatedKeys = new Set<string>();
  const inputs: NewThreatInput[] = [];
  for (const threat of generated) {
    const pairKeys = threat.sources.map((source) =>
      toPairKey(source.ruleId, source.interactionKey),
    );
    for (const pairKey of pairKeys) generatedKeys.add(pairKey);
    const matches = [...new Set(pairKeys.flatMap((pairKey) => recorded.get(pairKey) ?? []))];
    const ownKey = toPairKey(threat.ruleId, threat.interactionKey);
    if (matches.length > 0) {
      // The threat of the group's first rule stays; else the oldest one.
      const kept =
        matches.find((match) =>
          listSources(match).some(
            (source) => toPairKey(source.ruleId, source.interactionKey) === ownKey,
          ),
        ) ?? matches[0];
      if (kept === undefined) continue;
      for (const match of matches) {
        existing.add(match.id);
        if (match !== kept) duplicates.push({ threat: match, keptTitle: kept.title });
      }
      if (isFlaggedByGeneration(kept)) toClear.add(kept.id);
      const keptKeys = new Set(
        listSources(kept).map((source) => toPairKey(source.ruleId, source.interactionKey)),
      );
      const missing = threat.sources.filter(
        (source) => !keptKeys.has(toPairKey(source.ruleId, source.interactionKey)),
      );
      if (missing.length > 0) toAgree.push({ id: kept.id, sources: missing });
      continue;
    }
    const id = getGeneratedThreatId(threat.ruleId, threat.interactionKey);
    // An unreadable entry under the derived id: leave it alone rather than fail the run.
    if (hasThreat(doc, id)) continue;
    const agreeingRules = threat.sources.slice(1);
    // Validated before the transaction: Yjs keeps whatever was written before a throw.
    const input = newThreatInputSchema.safeParse({
      id,
      title: threat.title,
      description: threat.description,
      category: threat.category,
      targetId: threat.targetId,
      origin: {
        kind: "rule",
        ruleId: threat.ruleId,
        interactionKey: threat.interactionKey,
        ...(agreeingRules.length === 0 ? {} : { agreeingRules }),
      },
    });
    if (!input.success) {
      throw new AppError("bad_request", `Rule ${threat.ruleId} generated an invalid threat`, {
        cause: input.error,
      });
    }
    inputs.push(input.data);
  }

  const reasonOf = createStaleReasonOf(model);
  const stale: string[] = [];
  const toFlag: { id: string; reason: string }[] = [];
  const flagOnce = (threat: Threat, reason: string) => {
    if (threat.needsReview && (threat.reviewReason === reason || !isFlaggedByGeneration(threat))) {
      return; // already flagged, by this run's reason or by a person
    }
    toFlag.push({ id: threat.id, reason });
  };
  for (const { threat, pairKeys, interactionKey, isRuleInForce } of candidates) {
    if (pairKeys.some((pairKey) => generatedKeys.has(pairKey))) continue;
    stale.push(threat.id);
    flagOnce(threat, isRuleInForce ? reasonOf(interactionKey) : STALE_REVIEW_REASONS.ruleWithdrawn);
  }
  const duplicateIds = [...new Set(duplicates.map(({ threat }) => threat.id))];
  for (const { threat, keptTitle } of duplicates) {
    if (toFlag.some((flag) => flag.id === threat.id)) continue;
    toClear.delete(threat.id);
    flagOnce(threat, describeDuplicate(keptTitle));
  }

  const authorId = options.authorId ?? RULE_ENGINE_AUTHOR_ID;
  const added: string[] = [];
  if (inputs.length > 0 || toFlag.length > 0 || toClear.size > 0 || toAgree.length > 0) {
    doc.transact(() => {
      for (const input of inputs) added.push(addThreat(doc, input, authorId));
      for (const { id, reason } of toFlag) {
        updateThreat(doc, id, { needsReview: true, reviewReason: reason });
      }
      for (const id of toClear) updateThreat(doc, id, { needsReview: false });
      for (const { id, sources } of toAgree) addAgreeingRules(doc, id, sources);
    });
  }
  return {
    added,
    existing: [...existing],
    stale,
    duplicates: duplicateIds,
    flagged: toFlag.map((flag) => flag.id),
    cleared: [...toClear],
  };
}
