"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { ElementGeometry } from "./diagram-mapping";
import {
  buildCanvasPresence,
  CANVAS_AWARENESS_FIELD,
  getRemoteCanvasPeers,
  LIVE_UPDATES_PER_SECOND,
  type RemoteCanvasPeer,
} from "./live-canvas";

/** What this canvas tells the others. */
export interface LiveCanvasPublisher {
  setCursor: (cursor: { x: number; y: number } | null) => void;
  setSelection: (ids: Iterable<string>) => void;
  setDragging: (dragging: ReadonlyMap<string, ElementGeometry> | null) => void;
}

interface PendingPresence {
  cursor: { x: number; y: number } | null;
  selection: string[];
  dragging: ReadonlyMap<string, ElementGeometry> | null;
}

const MIN_INTERVAL_MS = 1000 / LIVE_UPDATES_PER_SECOND;

/**
 * Shares this person's pointer, selection and drags on `diagramId` through awareness, at most
 * LIVE_UPDATES_PER_SECOND times a second (the latest state always goes out), and returns the
 * other people on the same diagram. The canvas field is cleared on unmount.
 */
export function useLiveCanvas(
  awareness: Awareness | null,
  diagramId: string,
): { peers: RemoteCanvasPeer[]; publisher: LiveCanvasPublisher } {
  const [peers, setPeers] = useState<RemoteCanvasPeer[]>([]);
  const pending = useRef<PendingPresence>({ cursor: null, selection: [], dragging: null });
  const timer = useRef<number | null>(null);
  const lastSent = useRef(0);

  useEffect(() => {
    if (!awareness) return;
    const update = () => {
      const next = getRemoteCanvasPeers(awareness.getStates(), awareness.clientID, diagramId);
      // Alone on the diagram, this person's own pointer changes nothing to redraw.
      setPeers((current) => (current.length === 0 && next.length === 0 ? current : next));
    };
    update();
    awareness.on("change", update);
    return () => {
      awareness.off("change", update);
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      awareness.setLocalStateField(CANVAS_AWARENESS_FIELD, null);
    };
  }, [awareness, diagramId]);

  const flush = useCallback(() => {
    timer.current = null;
    if (!awareness) return;
    lastSent.current = Date.now();
    awareness.setLocalStateField(
      CANVAS_AWARENESS_FIELD,
      buildCanvasPresence({ diagramId, ...pending.current }),
    );
  }, [awareness, diagramId]);

  const schedule = useCallback(() => {
    if (timer.current !== null) return;
    const wait = Math.max(0, lastSent.current + MIN_INTERVAL_MS - Date.now());
    timer.current = window.setTimeout(flush, wait);
  }, [flush]);

  const scheduleRef = useRef(schedule);
  useEffect(() => {
    scheduleRef.current = schedule;
    schedule();
  }, [schedule]);
  const [publisher] = useState<LiveCanvasPublisher>(() => ({
    setCursor(cursor) {
      pending.current.cursor = cursor;
      scheduleRef.current();
    },
    setSelection(ids) {
      pending.current.selection = [...ids];
      scheduleRef.current();
    },
    setDragging(dragging) {
      pending.current.dragging = dragging;
      scheduleRef.current();
    },
  }));

  return { peers, publisher };
}
