/** The link schemes the notes render as links: anything else (javascript:, data:…) is text. */
const SAFE_LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * True when `url` is an absolute http, https or mailto address. The notes are written by every
 * editor in the room, so a link's address is checked when it is rendered, not only when it is
 * typed: a peer could write any attribute into the shared document.
 */
export function isSafeLinkUrl(url: unknown): boolean {
  if (typeof url !== "string" || url.length > 2048) return false;
  // Browsers drop tabs and newlines inside a scheme ("java\tscript:"); so must the check.
  const cleaned = [...url]
    .filter((char) => char.charCodeAt(0) > 0x20 && char.charCodeAt(0) !== 0x7f)
    .join("");
  try {
    return SAFE_LINK_PROTOCOLS.has(new URL(cleaned).protocol);
  } catch {
    return false;
  }
}

/**
 * What the link form turns a typed address into: `example.com/x` becomes
 * `https://example.com/x`, an address with a scheme is kept. Null when the result is not a
 * safe link.
 */
export function normalizeLinkInput(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "") return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
  const candidate = hasScheme ? trimmed : `https://${trimmed}`;
  return isSafeLinkUrl(candidate) ? candidate : null;
}
