import { cx } from "./class-names";
import { getInitials, getUserColor } from "./user-color";

export interface AvatarProps {
  name: string;
  /** Picks the colour; the same id always gets the same colour. */
  userId: string;
  /** Overrides the colour derived from the id (e.g. the colour a peer announced). */
  color?: string;
  size?: "sm" | "md";
  /** Shown as the tooltip and used as the accessible name. */
  label?: string;
  className?: string;
}

/** A round badge with a person's initials on their colour; `role="img"` named by `label`. */
export function Avatar({ name, userId, color, size = "md", label, className }: AvatarProps) {
  const accessibleName = label ?? name;
  return (
    <span
      role="img"
      aria-label={accessibleName}
      title={accessibleName}
      style={{ backgroundColor: color ?? getUserColor(userId) }}
      className={cx(
        "inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white select-none",
        size === "sm" ? "size-7 text-[11px]" : "size-9 text-sm",
        className,
      )}
    >
      <span aria-hidden="true">{getInitials(name)}</span>
    </span>
  );
}
