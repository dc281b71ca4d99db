import { getSession, signIn } from "next-auth/react";
import { getSignInErrorMessage } from "./sign-in-messages";

export type CredentialsSignInResult = { isSignedIn: true } | { isSignedIn: false; message: string };

const ATTEMPTS = 2;

/**
 * Signs in with email and password without leaving the page, and checks that a session exists
 * afterwards: next-auth 4 answers "ok" without setting a session when its CSRF check fails
 * (e.g. a stale CSRF cookie), so that case is retried once with a fresh token before giving up.
 * Never throws: a network failure comes back as a message.
 */
export async function signInWithCredentials(credentials: {
  email: string;
  password: string;
}): Promise<CredentialsSignInResult> {
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const result = await signIn("credentials", { ...credentials, redirect: false });
      if (!result || result.error || !result.ok) {
        return {
          isSignedIn: false,
          message: getSignInErrorMessage(result?.error ?? "", result?.status),
        };
      }
      if (await getSession()) return { isSignedIn: true };
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
