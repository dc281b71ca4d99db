import { ROLE_LABELS, type Role } from "@/lib/model/roles";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const ROLE_TONES: Record<Role, BadgeTone> = {
  owner: "accent",
  facilitator: "info",
  editor: "success",
  commenter: "neutral",
  viewer: "neutral",
};

/** A role as a badge; `isOwnRole` adds "Your role:" for screen readers. */
export function RoleBadge({ role, isOwnRole = false }: { role: Role; isOwnRole?: boolean }) {
  return (
    <Badge tone={ROLE_TONES[role]}>
      {isOwnRole ? <span className="sr-only">Your role: </span> : null}
      {ROLE_LABELS[role]}
    </Badge>
  );
}
