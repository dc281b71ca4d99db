"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import { fetchFacilitationSession } from "@/components/api/endpoints";
import { facilitationSessionSchema, type FacilitationSession } from "@/components/api/schemas";
import { applyPatch } from "@/lib/collab/json-patch";
import { sessionPatchNoticeSchema } from "@/lib/facilitation/commands";

export interface FacilitationSessionState {
  /** The running or last session; null when the model never had one (or before loading). */
  session: FacilitationSession | null;
  /** Server clock minus this browser's, from the last answer: timeboxes use the server's time. */
  clockOffsetMs: number;
  error: string | null;
  /** Applies an answer the API gave after a change (saves a round trip). */
  accept: (session: FacilitationSession | null) => void;
}

/**
 * The model's facilitated session, kept current: fetched on mount and after every resync, and
 * taken from the server's notice on the model's socket whenever it changes (fetched when the
 * notice comes without it, from another node, or as a patch of a revision this page does not
 * hold). Answers arriving
 * out of order never replace a newer revision.
 */
export function useFacilitationSession(
  modelId: string,
  onSessionChanged: (listener: (session: unknown) => void) => () => void,
): FacilitationSessionState {
  const [session, setSession] = useState<FacilitationSession | null>(null);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const newest = useRef<FacilitationSession | null>(null);

  const accept = useCallback((next: FacilitationSession | null) => {
    const known = newest.current;
    if (next && known && known.id === next.id && known.revision > next.revision) return;
    newest.current = next;
    setSession(next);
    if (next) setClockOffsetMs(next.serverNow - Date.now());
    setError(null);
  }, []);

  useEffect(() => {
    let controller: AbortController | null = null;
    const refresh = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      fetchFacilitationSession(modelId, current.signal)
        .then(accept)
        .catch((caught: unknown) => {
          if (!isAbortError(caught)) setError(getErrorMessage(caught));
        });
    };
    refresh();
    const unsubscribe = onSessionChanged((pushed) => {
      // The server sends the session along when it can, or a patch of the revision it sent
      // before; anything else (or a patch of a revision this page does not hold) is fetched.
      const patch = sessionPatchNoticeSchema.safeParse(pushed);
      if (patch.success) {
        const known = newest.current;
        if (known?.id === patch.data.id && known.revision >= patch.data.revision) return;
        const patched =
          known?.id === patch.data.id && known.revision === patch.data.base
            ? facilitationSessionSchema.safeParse(applyPatch(known, patch.data.patch))
            : null;
        if (patched?.success) accept(patched.data);
        else refresh();
        return;
      }
      const parsed = facilitationSessionSchema.nullable().safeParse(pushed);
      if (pushed !== undefined && parsed.success) accept(parsed.data);
      else refresh();
    });
    return () => {
      unsubscribe();
      controller?.abort();
    };
  }, [modelId, onSessionChanged, accept]);

  return { session, clockOffsetMs, error, accept };
}

/** Milliseconds left on a timebox, on the server's clock; refreshed every second. */
export function useRemainingMs(
  timebox: { startedAt: number; durationMs: number } | null,
  clockOffsetMs: number,
): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!timebox) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [timebox]);
  if (!timebox) return null;
  return timebox.startedAt + timebox.durationMs - (now + clockOffsetMs);
}

/** "4:05", or "-0:12" once the timebox ran out. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const seconds = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
