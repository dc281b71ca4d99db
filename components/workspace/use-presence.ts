"use client";

import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { getParticipants, type Participant } from "./presence";

function isSameParticipants(a: readonly Participant[], b: readonly Participant[]): boolean {
  return (
    a.length === b.length &&
    a.every((person, index) => {
      const other = b[index];
      return (
        other !== undefined &&
        person.id === other.id &&
        person.name === other.name &&
        person.color === other.color &&
        person.isSelf === other.isSelf
      );
    })
  );
}

/** The people currently in the room, updated on every awareness change. */
export function usePresence(awareness: Awareness | null, selfId: string | null): Participant[] {
  const [participants, setParticipants] = useState<Participant[]>([]);

  useEffect(() => {
    if (!awareness) {
      setParticipants([]);
      return;
    }
    function handleChange() {
      if (!awareness) return;
      const next = getParticipants(awareness.getStates(), selfId);
      // Most changes are pointers and selections on the canvas: keep the list when nobody came,
      // left or was renamed, so the workspace does not redraw with every pointer move.
      setParticipants((current) => (isSameParticipants(current, next) ? current : next));
    }
    handleChange();
    awareness.on("change", handleChange);
    return () => awareness.off("change", handleChange);
  }, [awareness, selfId]);

  return participants;
}
