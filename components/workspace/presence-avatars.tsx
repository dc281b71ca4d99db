import { Avatar } from "@/components/ui/avatar";
import type { Participant } from "./presence";

const MAX_SHOWN = 6;

/** The avatars of everyone in the room, with their names as tooltips and accessible names. */
export function PresenceAvatars({ participants }: { participants: Participant[] }) {
  const shown = participants.slice(0, MAX_SHOWN);
  const hidden = participants.slice(MAX_SHOWN);
  return (
    <div className="flex items-center gap-2">
      <ul aria-label="People in this model" className="flex items-center -space-x-1">
        {shown.map((participant) => {
          const label = participant.isSelf ? `${participant.name} (you)` : participant.name;
          return (
            <li key={participant.id} className="rounded-full ring-2 ring-white">
              <Avatar
                name={participant.name}
                userId={participant.id}
                color={participant.color}
                size="sm"
                label={label}
              />
            </li>
          );
        })}
        {hidden.length > 0 ? (
          <li
            className="flex size-7 items-center justify-center rounded-full bg-slate-200 text-[11px] font-semibold text-slate-700 ring-2 ring-white"
            title={hidden.map((participant) => participant.name).join(", ")}
          >
            <span aria-hidden="true">+{hidden.length}</span>
            <span className="sr-only">
              and {hidden.length} more: {hidden.map((participant) => participant.name).join(", ")}
            </span>
          </li>
        ) : null}
      </ul>
      <span className="sr-only" aria-live="polite">
        {participants.length === 1 ? "1 person here" : `${participants.length} people here`}
      </span>
    </div>
  );
}
