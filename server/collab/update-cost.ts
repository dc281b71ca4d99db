import * as Y from "yjs";
import { LIMITS } from "@/lib/limits";
import { ENTITY_ROOT_NAMES } from "@/lib/model/roots";

/** The limits an incoming update is held to. */
export interface UpdateLimits {
  itemsPerUpdate: number;
  entitiesPerDocument: number;
}

/** LIMITS's values. */
export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  itemsPerUpdate: LIMITS.itemsPerUpdate,
  entitiesPerDocument: LIMITS.entitiesPerDocument,
};

const ENTITY_ROOTS: ReadonlySet<string> = new Set(ENTITY_ROOT_NAMES);

/**
 * Why an update may not be applied to a document holding `entityCount` entities, or null when
 * it may; decided before applying it, since an applied update cannot be taken back. Counting
 * an update's new items reads its header (`parseUpdateMeta`, several times cheaper than applying
 * it); only an update that could take the document past its entity limit is decoded, to count
 * the entities it adds (new keys of an entity root).
 */
export function findUpdateRefusal(
  update: Uint8Array,
  entityCount: number,
  limits: UpdateLimits = DEFAULT_UPDATE_LIMITS,
): string | null {
  const meta = Y.parseUpdateMeta(update);
  let items = 0;
  for (const [client, clock] of meta.to) items += clock - (meta.from.get(client) ?? 0);
  if (items > limits.itemsPerUpdate) return "update too large";
  // Each new entity is at least one new item: an update with fewer items than the room left
  // cannot go past the limit.
  if (entityCount + items <= limits.entitiesPerDocument) return null;
  let added = 0;
  for (const struct of Y.decodeUpdate(update).structs) {
    // A new key on a root map names the root and the key; replacing a key refers to the old
    // entry instead (its origin), so it does not count.
    if (
      struct instanceof Y.Item &&
      typeof struct.parent === "string" &&
      ENTITY_ROOTS.has(struct.parent) &&
      struct.parentSub !== null
    ) {
      added += 1;
    }
  }
  return entityCount + added > limits.entitiesPerDocument ? "entity limit reached" : null;
}
