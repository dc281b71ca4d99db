import {
  STRIDE_CATEGORY_CODES,
  STRIDE_CATEGORY_LABELS,
  type StrideCategory,
  type StrideCode,
  type Threat,
} from "@/lib/model/threats";
import { matchesSearch } from "./search-text";

/**
 * A threat a mitigation links to, as the list shows it. A link may outlive its threat (someone
 * deleted the threat while another person linked it): such a link is `isDeleted` and has no
 * title, and can still be unlinked.
 */
export type LinkedThreat =
  | { id: string; isDeleted: false; title: string; category: StrideCategory; code: StrideCode }
  | { id: string; isDeleted: true };

/** The threats of the document by id. */
export function indexThreats(threats: readonly Threat[]): Map<string, Threat> {
  return new Map(threats.map((threat) => [threat.id, threat]));
}

/**
 * The linked threats of a mitigation: existing ones in the order of `threats` (the threat
 * list's order), then links whose threat no longer exists, by id.
 */
export function describeLinkedThreats(
  threatIds: readonly string[],
  threats: readonly Threat[],
): LinkedThreat[] {
  const linked = new Set(threatIds);
  const existing: LinkedThreat[] = threats
    .filter((threat) => linked.has(threat.id))
    .map((threat) => ({
      id: threat.id,
      isDeleted: false,
      title: threat.title,
      category: threat.category,
      code: STRIDE_CATEGORY_CODES[threat.category],
    }));
  const known = new Set(threats.map((threat) => threat.id));
  const deleted: LinkedThreat[] = [...linked]
    .filter((id) => !known.has(id))
    .sort()
    .map((id) => ({ id, isDeleted: true }));
  return [...existing, ...deleted];
}

/** The threats whose title or STRIDE category matches the query, in the order given. */
export function searchThreats(threats: readonly Threat[], query: string): Threat[] {
  return threats.filter((threat) =>
    matchesSearch([threat.title, STRIDE_CATEGORY_LABELS[threat.category]], query),
  );
}
