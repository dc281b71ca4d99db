import { z } from "zod";
import { LIMITS } from "@/lib/limits";

/** Someone in the room, as announced in their awareness state. */
export interface Participant {
  id: string;
  name: string;
  color: string;
  /** True for the signed-in user of this tab (or another tab of theirs). */
  isSelf: boolean;
}

/** Awareness states come from other clients: parse, never trust. */
export const awarenessUserSchema = z.object({
  id: z.string().min(1).max(LIMITS.idLength),
  name: z.string().max(LIMITS.nameLength),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});

const awarenessStateSchema = z.object({ user: awarenessUserSchema });

/**
 * The people in the room from the awareness states (clientID -> state): one entry per user id
 * even when a user has several tabs open, the current user first, then by name.
 */
export function getParticipants(
  states: ReadonlyMap<number, unknown>,
  selfId: string | null,
): Participant[] {
  const byUserId = new Map<string, Participant>();
  for (const state of states.values()) {
    const parsed = awarenessStateSchema.safeParse(state);
    if (!parsed.success) continue;
    const { id, name, color } = parsed.data.user;
    if (!byUserId.has(id))
      byUserId.set(id, { id, name: name || "Anonymous", color, isSelf: id === selfId });
  }
  return [...byUserId.values()].sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}
