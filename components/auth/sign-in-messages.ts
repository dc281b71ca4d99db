/**
 * A message for the `error` that next-auth's `signIn(..., { redirect: false })` returns.
 * "CredentialsSignin" is a wrong email or password; a rate-limited attempt is reported by the
 * server's authorize() with a message mentioning the limit; anything else readable is shown.
 */
export function getSignInErrorMessage(error: string, status?: number): string {
  if (status === 429 || /too many|rate.?limit/i.test(error)) {
    return "Too many failed sign-in attempts. Wait 15 minutes, then try again.";
  }
  if (error === "CredentialsSignin") return "The email or password is incorrect.";
  if (error === "AccessDenied") return "This account is not allowed to sign in.";
  if (/\s/.test(error) && error.length <= 200) return error;
  return "Sign-in failed. Try again in a moment.";
}
