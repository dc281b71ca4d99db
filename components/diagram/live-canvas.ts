import { z } from "zod";
import { LIMITS } from "@/lib/limits";
import { awarenessUserSchema } from "@/components/workspace/presence";
import type { ElementGeometry, RemoteMark } from "./diagram-mapping";

/*
 * What each person's canvas announces through awareness, next to `user`: the diagram they look
 * at, their pointer, their selection and the elements they are dragging. It comes from other
 * clients, so it is parsed, never trusted, and bounded.
 */

/** The awareness field holding the canvas state. */
export const CANVAS_AWARENESS_FIELD = "canvas";
/** Most ids in a published selection or drag; more are cut off when publishing. */
export const MAX_LIVE_IDS = 500;
/** At most this many awareness updates per second from a canvas (the server allows 30). */
export const LIVE_UPDATES_PER_SECOND = 15;

const pointSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
const liveIdSchema = z.string().min(1).max(LIMITS.idLength);
const geometrySchema = pointSchema.extend({
  width: z.number().finite(),
  height: z.number().finite(),
});

/** One person's canvas, as announced. Positions are in flow (diagram) coordinates. */
export const canvasPresenceSchema = z.object({
  diagramId: liveIdSchema,
  cursor: pointSchema.nullable(),
  selection: z.array(liveIdSchema).max(MAX_LIVE_IDS),
  /** Element id -> geometry while a drag or resize is under way; null otherwise. */
  dragging: z
    .array(z.object({ id: liveIdSchema, geometry: geometrySchema }))
    .max(MAX_LIVE_IDS)
    .nullable(),
});
export type CanvasPresence = z.infer<typeof canvasPresenceSchema>;

const remoteStateSchema = z.object({
  user: awarenessUserSchema,
  [CANVAS_AWARENESS_FIELD]: canvasPresenceSchema,
});

/** Another person on the same diagram. */
export interface RemoteCanvasPeer extends RemoteMark {
  cursor: { x: number; y: number } | null;
  selection: readonly string[];
  dragging: ReadonlyMap<string, ElementGeometry>;
}

/**
 * The other clients looking at `diagramId`, from the awareness states (clientID -> state). This
 * client is left out, as are states that do not parse. Sorted by client id, so the order is
 * stable between updates.
 */
export function getRemoteCanvasPeers(
  states: ReadonlyMap<number, unknown>,
  selfClientId: number,
  diagramId: string,
): RemoteCanvasPeer[] {
  const peers: RemoteCanvasPeer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const parsed = remoteStateSchema.safeParse(state);
    if (!parsed.success) continue;
    const { user, canvas } = parsed.data;
    if (canvas.diagramId !== diagramId) continue;
    peers.push({
      clientId,
      name: user.name || "Anonymous",
      color: user.color,
      cursor: canvas.cursor,
      selection: canvas.selection,
      dragging: new Map((canvas.dragging ?? []).map((item) => [item.id, item.geometry])),
    });
  }
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Element or flow id -> the people who have it selected. */
export function indexRemoteSelections(
  peers: readonly RemoteCanvasPeer[],
): Map<string, RemoteMark[]> {
  const marks = new Map<string, RemoteMark[]>();
  for (const peer of peers) {
    const mark = { clientId: peer.clientId, name: peer.name, color: peer.color };
    for (const id of peer.selection) {
      const list = marks.get(id);
      if (list === undefined) marks.set(id, [mark]);
      else list.push(mark);
    }
  }
  return marks;
}

/** Element id -> geometry of every element someone else is dragging (the first one wins). */
export function collectRemoteDrags(
  peers: readonly RemoteCanvasPeer[],
): Map<string, ElementGeometry> {
  const drags = new Map<string, ElementGeometry>();
  for (const peer of peers) {
    for (const [id, geometry] of peer.dragging) if (!drags.has(id)) drags.set(id, geometry);
  }
  return drags;
}

/** A canvas state to publish, with lists cut to the announced bounds. */
export function buildCanvasPresence(input: {
  diagramId: string;
  cursor: { x: number; y: number } | null;
  selection: Iterable<string>;
  dragging: ReadonlyMap<string, ElementGeometry> | null;
}): CanvasPresence {
  return {
    diagramId: input.diagramId,
    cursor: input.cursor,
    selection: [...input.selection].slice(0, MAX_LIVE_IDS),
    dragging:
      input.dragging === null
        ? null
        : [...input.dragging].slice(0, MAX_LIVE_IDS).map(([id, geometry]) => ({ id, geometry })),
  };
}
