/*
 * The interaction key of a generated threat: which rule fired for which interaction or element.
 * Stored in the threat's origin with the rule id, so regeneration finds the threat again.
 *   interaction: rule:<ruleId>|flow:<flowId>|source:<sourceId>|target:<targetId>
 *   element:     rule:<ruleId>|element:<elementId>
 * Source and target are part of the key: reconnecting a flow, or the reverse direction of a
 * bidirectional flow, is another interaction.
 */

/** The ids an interaction key refers to. */
export type InteractionKeyParts =
  | { kind: "interaction"; ruleId: string; flowId: string; sourceId: string; targetId: string }
  | { kind: "element"; ruleId: string; elementId: string };

/** The key of a rule firing for one direction of a data flow. */
export function buildInteractionKey(
  ruleId: string,
  flowId: string,
  sourceId: string,
  targetId: string,
): string {
  return `rule:${ruleId}|flow:${flowId}|source:${sourceId}|target:${targetId}`;
}

/** The key of a rule firing for one element (or a data flow seen as an element). */
export function buildElementKey(ruleId: string, elementId: string): string {
  return `rule:${ruleId}|element:${elementId}`;
}

/** Reads a key back; null when it is not in one of the two formats above. */
export function parseInteractionKey(key: string): InteractionKeyParts | null {
  const fields = new Map<string, string>();
  const names: string[] = [];
  for (const part of key.split("|")) {
    const colon = part.indexOf(":");
    if (colon <= 0 || colon === part.length - 1) return null;
    const name = part.slice(0, colon);
    fields.set(name, part.slice(colon + 1));
    names.push(name);
  }
  const ruleId = fields.get("rule");
  const shape = names.join("|");
  if (ruleId === undefined) return null;
  if (shape === "rule|element") {
    const elementId = fields.get("element");
    return elementId === undefined ? null : { kind: "element", ruleId, elementId };
  }
  const flowId = fields.get("flow");
  const sourceId = fields.get("source");
  const targetId = fields.get("target");
  if (shape !== "rule|flow|source|target") return null;
  if (flowId === undefined || sourceId === undefined || targetId === undefined) return null;
  return { kind: "interaction", ruleId, flowId, sourceId, targetId };
}
