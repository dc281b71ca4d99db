import { signIn } from "next-auth/react";
import { SIGN_UP_TICKET_PROVIDER } from "@/lib/api/auth-providers";
import { getSignInErrorMessage } from "./sign-in-messages";

export type CredentialsSignInResult = { isSignedIn: true } | { isSignedIn: false; message: string };

const ATTEMPTS = 2;

/**
 * True when next-auth answered a credentials sign-in with its "CSRF check failed" redirect
 * (`…/signin?csrf=true`, with ok and no error): no session was set.
 */
function isCsrfRefusal(url: string | null): boolean {
  if (!url) return false;
  try {
    return new URL(url, window.location.href).searchParams.get("csrf") === "true";
  } catch {
    return false;
  }
}

/**
 * Signs in with a credentials provider without leaving the page. next-auth 4 answers "ok"
 * without setting a session when its CSRF check fails (e.g. a stale CSRF cookie): that answer
 * names itself in its URL, and is retried once with a fresh token before giving up. next-auth
 * reads the new session itself on success. Never throws: a network failure comes back as a
 * message.
 */
async function signInWithProvider(
  provider: string,
  credentials: Record<string, string>,
): Promise<CredentialsSignInResult> {
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const result = await signIn(provider, { ...credentials, redirect: false });
      if (!result || result.error || !result.ok) {
        return {
          isSignedIn: false,
          message: getSignInErrorMessage(result?.error ?? "", result?.status),
        };
      }
      if (!isCsrfRefusal(result.url)) return { isSignedIn: true };
    }
    return {
      isSignedIn: false,
      message: "Signing in did not complete. Reload the page and try again.",
    };
  } catch {
    return {
      isSignedIn: false,
      message: "Could not reach the server. Check your connection and try again.",
    };
  }
}

/** Signs in with email and password (see signInWithProvider). */
export function signInWithCredentials(credentials: {
  email: string;
  password: string;
}): Promise<CredentialsSignInResult> {
  return signInWithProvider("credentials", credentials);
}

/** Signs a just-created account in with the ticket its sign-up answered with. */
export function signInWithSignUpTicket(ticket: string): Promise<CredentialsSignInResult> {
  return signInWithProvider(SIGN_UP_TICKET_PROVIDER, { ticket });
}
