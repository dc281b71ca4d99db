"use client";

import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { getParticipants, type Participant } from "./presence";

/** The people currently in the room, updated on every awareness change. */
export function usePresence(awareness: Awareness | null, selfId: string | null): Participant[] {
  const [participants, setParticipants] = useState<Participant[]>([]);

  useEffect(() => {
    if (!awareness) {
      setParticipants([]);
      return;
    }
    function handleChange() {
      if (awareness) setParticipants(getParticipants(awareness.getStates(), selfId));
    }
    handleChange();
    awareness.on("change", handleChange);
    return () => awareness.off("change", handleChange);
  }, [awareness, selfId]);

  return participants;
}
