"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { z } from "zod";
import { getCurrentItem } from "@/lib/facilitation/session";
import { getElement } from "@/lib/model/elements";
import { getFlow } from "@/lib/model/flows";
import type { FacilitationSession } from "@/components/api/schemas";
import { awarenessUserSchema } from "@/components/workspace/presence";
import { buildDiagramTargetUrl } from "@/components/workspace/workspace-links";

/**
 * Follows the facilitator: whenever the session's current item changes (and when the person
 * comes back to the session), the diagram opens on the item's diagram with the item selected
 * and in view. Someone who stepped away browses freely.
 */
export function useFollowFacilitator(options: {
  doc: Y.Doc | null;
  session: FacilitationSession | null;
  isFollowing: boolean;
  onNavigate: (href: string) => void;
}): void {
  const { doc, session, isFollowing, onNavigate } = options;
  const item = session && session.status === "running" ? getCurrentItem(session.state) : null;
  const targetId = item?.targetId ?? null;
  const shown = useRef<string | null>(null);

  useEffect(() => {
    if (!isFollowing) {
      shown.current = null;
      return;
    }
    if (!doc || targetId === null || shown.current === targetId) return;
    const diagramId = getElement(doc, targetId)?.diagramId ?? getFlow(doc, targetId)?.diagramId;
    if (!diagramId) return;
    shown.current = targetId;
    onNavigate(buildDiagramTargetUrl(window.location.href, diagramId, targetId));
  }, [doc, targetId, isFollowing, onNavigate]);
}

const awayStateSchema = z.object({
  user: awarenessUserSchema,
  facilitation: z.object({ isAway: z.boolean() }),
});

/** The names of people in the room who stepped away from the session (others, not oneself). */
export function useAwayParticipants(awareness: Awareness | null, selfId: string): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const away = new Set<string>();
      for (const state of awareness.getStates().values()) {
        const parsed = awayStateSchema.safeParse(state);
        if (parsed.success && parsed.data.facilitation.isAway && parsed.data.user.id !== selfId) {
          away.add(parsed.data.user.name || "Someone");
        }
      }
      const next = [...away].sort();
      setNames((current) => (current.join("\n") === next.join("\n") ? current : next));
    };
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [awareness, selfId]);
  return names;
}

/** What someone is typing into one of the session's fields, as others see it. */
export interface TypingEntry {
  name: string;
  field: "threat" | "parked";
  text: string;
}

/** Longest text announced while typing: enough to read, small beside the presence limit. */
const TYPING_TEXT_LIMIT = 120;
/** At most one typing announcement per this many milliseconds (presence is rate limited). */
const TYPING_INTERVAL_MS = 300;

const typingStateSchema = z.object({
  user: awarenessUserSchema,
  facilitation: z.object({
    typing: z
      .object({
        field: z.enum(["threat", "parked"]),
        text: z.string().max(TYPING_TEXT_LIMIT),
      })
      .nullable()
      .optional(),
  }),
});

/**
 * Sets this person's session presence field `facilitation` (whether they stepped away, what
 * they are typing), keeping the parts not named.
 */
export function setSessionPresence(
  awareness: Awareness | null,
  patch: { isAway?: boolean; typing?: { field: "threat" | "parked"; text: string } | null },
): void {
  if (!awareness) return;
  const current: unknown = awareness.getLocalState()?.facilitation;
  const base = typeof current === "object" && current !== null ? current : {};
  awareness.setLocalStateField("facilitation", { ...base, ...patch });
}

/**
 * Returns a function that announces what this person types into a session field, at most
 * every TYPING_INTERVAL_MS (the last text always goes out), and clears it for an empty text.
 */
export function useTypingAnnouncer(
  awareness: Awareness | null,
): (field: "threat" | "parked", text: string) => void {
  const pending = useRef<{ field: "threat" | "parked"; text: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      setSessionPresence(awareness, { typing: null });
    },
    [awareness],
  );
  return useCallback(
    (field, text) => {
      const trimmed = text.trim().slice(0, TYPING_TEXT_LIMIT);
      pending.current = trimmed === "" ? null : { field, text: trimmed };
      if (pending.current === null) {
        if (timer.current) clearTimeout(timer.current);
        timer.current = null;
        setSessionPresence(awareness, { typing: null });
        return;
      }
      if (timer.current) return;
      setSessionPresence(awareness, { typing: pending.current });
      timer.current = setTimeout(() => {
        timer.current = null;
        setSessionPresence(awareness, { typing: pending.current });
      }, TYPING_INTERVAL_MS);
    },
    [awareness],
  );
}

/** What the others in the room are typing into the session's fields now. */
export function useOthersTyping(awareness: Awareness | null, selfId: string): TypingEntry[] {
  const [entries, setEntries] = useState<TypingEntry[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const next: TypingEntry[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const parsed = typingStateSchema.safeParse(state);
        const typing = parsed.success ? parsed.data.facilitation.typing : null;
        if (!parsed.success || !typing || parsed.data.user.id === selfId) continue;
        next.push({ name: parsed.data.user.name || "Someone", ...typing });
      }
      next.sort((a, b) => a.name.localeCompare(b.name));
      setEntries((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
    };
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [awareness, selfId]);
  return entries;
}
