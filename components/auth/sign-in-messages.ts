/**
 * A message for the `error` that next-auth's `signIn(..., { redirect: false })` returns.
 * "CredentialsSignin" is a wrong email or password; a rate-limited attempt is reported by the
 * server's authorize() with a message mentioning the limit; anything else readable is shown.
 */
/**
 * The message for the `error` next-auth puts in the sign-in page's URL when a redirect sign-in
 * (single sign-on) fails, or null for none. Unknown codes get a general message; the code
 * itself is never shown as text, since anyone can put anything in a link.
 */
export function getRedirectErrorMessage(error: string | undefined): string | null {
  if (!error) return null;
  if (error === "AccessDenied") {
    return "Single sign-on was refused: your provider must confirm that your email address is verified.";
  }
  if (error === "SessionRequired") return "Sign in to continue.";
  return "Single sign-on could not be completed. Try again; if it keeps failing, ask your administrator.";
}

export function getSignInErrorMessage(error: string, status?: number): string {
  if (status === 429 || /too many|rate.?limit/i.test(error)) {
    return "Too many failed sign-in attempts. Wait 15 minutes, then try again.";
  }
  if (error === "CredentialsSignin") return "The email or password is incorrect.";
  if (error === "AccessDenied") return "This account is not allowed to sign in.";
  if (/\s/.test(error) && error.length <= 200) return error;
  return "Sign-in failed. Try again in a moment.";
}
