/**
 * Colours for people (avatars, presence, later cursors). Each is a 700-shade that keeps white
 * text above the WCAG AA contrast ratio of 4.5:1, so initials stay readable on any of them.
 */
export const USER_COLORS = [
  "#1d4ed8", // blue
  "#047857", // emerald
  "#b91c1c", // red
  "#7e22ce", // purple
  "#c2410c", // orange
  "#0f766e", // teal
  "#be185d", // pink
  "#4338ca", // indigo
  "#0369a1", // sky
  "#a21caf", // fuchsia
  "#15803d", // green
  "#475569", // slate
] as const;

/** The same colour for the same user id on every client: a 32-bit FNV-1a hash of the id. */
export function getUserColor(userId: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < userId.length; index += 1) {
    hash ^= userId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  const color = USER_COLORS[(hash >>> 0) % USER_COLORS.length];
  return color ?? USER_COLORS[0];
}

/** One or two letters for an avatar: initials of the first and last word, else of the email. */
export function getInitials(name: string): string {
  const words = name
    .trim()
    .split(/[\s@._-]+/)
    .filter((word) => word.length > 0);
  const first = words[0];
  if (!first) return "?";
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const initials = (first.charAt(0) + (last ? last.charAt(0) : "")).toUpperCase();
  return initials || "?";
}
