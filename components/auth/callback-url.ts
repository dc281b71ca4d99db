/**
 * The page to go to after signing in. Only same-site paths are accepted ("/models/abc"), never
 * "//evil.example" or "https://...", so the sign-in page cannot be used as an open redirect.
 */
export function getSafeCallbackUrl(
  value: string | string[] | null | undefined,
  fallback = "/models",
): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (
    !candidate ||
    !candidate.startsWith("/") ||
    candidate.startsWith("//") ||
    candidate.startsWith("/\\")
  ) {
    return fallback;
  }
  return candidate;
}

/** The sign-in URL that comes back to the current page afterwards. */
export function getSignInUrl(returnTo: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(getSafeCallbackUrl(returnTo))}`;
}
