import type { RuleSource, StrideCategory } from "../model";
import type { Rule } from "./rule-types";

/*
 * When two rules raise the same threat, a model gets it once. Two threats found in one
 * evaluation are EQUIVALENT when all three hold:
 *   1. they have the same STRIDE category;
 *   2. they are about the same thing: both were found for the same interaction (same data
 *      flow, source and target, whatever part each is recorded against), or one comes from an
 *      element rule and the other is recorded against that very element or data flow;
 *   3. they say the same thing: one rule lists the other in `equivalentTo` (either way round),
 *      or they are recorded against the same element or data flow and their rendered titles
 *      read the same once case, punctuation and spacing are ignored.
 * Equivalence is transitive: a data flow's element threat joins the threats of both of its
 * directions when each one is equivalent to it. Each group becomes one threat: the one whose
 * rule comes first (rule sets in the order given, then rules in set order), listing every rule
 * of the group in `sources`. Threats of one rule for two directions of a flow, recorded against
 * the flow, stay apart unless an equivalent element threat joins them.
 */

/** A threat found by one rule, before equivalent ones are merged. */
export interface FoundThreat {
  ruleId: string;
  interactionKey: string;
  category: StrideCategory;
  title: string;
  description: string;
  /** The element or data flow the threat is recorded against. */
  targetId: string;
  /** Position of the rule among the enabled rules (set order, then rule order). */
  rank: number;
  /** "<flowId>|<sourceId>|<targetId>" for an interaction rule; null for an element rule. */
  interaction: string | null;
}

/** A threat after merging: the first rule's threat, and every rule that found it. */
export type MergedThreat = Omit<FoundThreat, "rank" | "interaction"> & {
  /** Every rule that found this threat, this threat's own rule first. */
  sources: RuleSource[];
};

/** Case, punctuation and spacing dropped: "Data Flow X Is Interrupted!" -> "data flow x is interrupted". */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whether two rules are declared equivalent (either one lists the other's id). */
export function createEquivalenceTest(rules: Iterable<Rule>) {
  const pairs = new Set<string>();
  for (const rule of rules) {
    for (const other of rule.equivalentTo ?? []) {
      pairs.add(`${rule.id}\n${other}`);
      pairs.add(`${other}\n${rule.id}`);
    }
  }
  return (a: string, b: string): boolean => pairs.has(`${a}\n${b}`);
}

function createUnionFind(size: number) {
  const parent = Array.from({ length: size }, (_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    // Path compression keeps later look-ups short.
    for (let next = index; parent[next] !== root;) {
      const up = parent[next] ?? root;
      parent[next] = root;
      next = up;
    }
    return root;
  };
  const join = (a: number, b: number) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  };
  return { find, join };
}

function pushTo<K>(map: Map<K, number[]>, key: K, index: number) {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else list.push(index);
}

/**
 * Merges equivalent threats (see the definition above) and returns one threat per group, in
 * the order of each group's first threat in `found`. `areEquivalent` tells declared
 * equivalences (createEquivalenceTest). Cost: pairs within one interaction, plus each element
 * threat against the threats recorded against its element.
 */
export function mergeEquivalentThreats(
  found: readonly FoundThreat[],
  areEquivalent: (ruleA: string, ruleB: string) => boolean,
): MergedThreat[] {
  const titles = found.map((threat) => normalizeTitle(threat.title));
  const { find, join } = createUnionFind(found.length);
  const byInteraction = new Map<string, number[]>();
  const byTarget = new Map<string, number[]>();
  found.forEach((threat, index) => {
    if (threat.interaction !== null) pushTo(byInteraction, threat.interaction, index);
    pushTo(byTarget, `${threat.category}\n${threat.targetId}`, index);
  });

  const tryJoin = (a: number, b: number) => {
    const first = found[a];
    const second = found[b];
    if (first === undefined || second === undefined || first.category !== second.category) return;
    const isSameTitle = first.targetId === second.targetId && titles[a] === titles[b];
    if (isSameTitle || areEquivalent(first.ruleId, second.ruleId)) join(a, b);
  };
  for (const indexes of byInteraction.values()) {
    for (let i = 0; i < indexes.length; i += 1) {
      for (let j = i + 1; j < indexes.length; j += 1) tryJoin(indexes[i] ?? 0, indexes[j] ?? 0);
    }
  }
  for (const indexes of byTarget.values()) {
    if (indexes.length < 2) continue;
    for (const a of indexes) {
      if (found[a]?.interaction !== null) continue; // an element threat meets every other one
      for (const b of indexes) if (b !== a) tryJoin(a, b);
    }
  }

  const groups = new Map<number, number[]>();
  found.forEach((_, index) => pushTo(groups, find(index), index));
  const merged: MergedThreat[] = [];
  for (const members of groups.values()) {
    // The lowest rank leads; among equals (one rule, two directions), the first found.
    const lead = members.reduce((best, index) =>
      (found[index]?.rank ?? 0) < (found[best]?.rank ?? 0) ? index : best,
    );
    const leader = found[lead];
    if (leader === undefined) continue;
    const { rank: _rank, interaction: _interaction, ...threat } = leader;
    const others = members.filter((index) => index !== lead);
    merged.push({
      ...threat,
      sources: [lead, ...others].flatMap((index) => {
        const member = found[index];
        return member === undefined
          ? []
          : [{ ruleId: member.ruleId, interactionKey: member.interactionKey }];
      }),
    });
  }
  return merged;
}
