/** A stand-in origin: a callback that resolves to any other origin leaves the site. */
const SITE = "https://site.invalid";
/** True when `value` holds a control character (tab, CR, LF among them), which browsers strip. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * The page to go to after signing in. Only same-site paths are accepted ("/models/abc"), never
 * "//evil.example", "https://...", "/\\evil.example" or "/\t/evil.example" (browsers drop the
 * tab and read "//evil.example"), so the sign-in page cannot be used as an open redirect. The
 * value is parsed as a browser would parse it, and what is returned is the parsed path, so what
 * was checked is what the browser follows.
 */
export function getSafeCallbackUrl(
  value: string | string[] | null | undefined,
  fallback = "/models",
): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/") || hasControlCharacter(candidate)) {
    return fallback;
  }
  let parsed: URL;
  try {
    parsed = new URL(candidate, SITE);
  } catch {
    return fallback;
  }
  if (parsed.origin !== SITE) return fallback;
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // "/\\host" and "//host" parse to this origin only in non-special schemes; refuse them anyway.
  return path.startsWith("//") || path.startsWith("/\\") ? fallback : path;
}

/** The sign-in URL that comes back to the current page afterwards. */
export function getSignInUrl(returnTo: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(getSafeCallbackUrl(returnTo))}`;
}
