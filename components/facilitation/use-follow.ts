"use client";

import { useEffect, useRef, useState } from "react";
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
