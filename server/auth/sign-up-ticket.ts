import { createSignedToken, readSignedToken } from "./signed-token";
import type { Database } from "@/server/db/client";
import { getUser } from "@/server/services/users/get-user";

/** How long a sign-up ticket signs its account in: the browser uses it at once. */
export const SIGN_UP_TICKET_TTL_MS = 2 * 60 * 1000;

const PURPOSE = "threat-room sign-up ticket v1";

/**
 * A ticket that signs a just-created account in (next-auth's "sign-up-ticket" provider): the
 * user id and an expiry, signed with the server's secret. The sign-up has just checked and
 * hashed the password; the ticket spares the browser a second check of it, which costs as much
 * as the first. Only the sign-up's answer carries it, to the page that asked (same origin).
 */
export function createSignUpTicket(userId: string, secret: string, now = Date.now()): string {
  return createSignedToken({ u: userId, x: now + SIGN_UP_TICKET_TTL_MS }, secret, PURPOSE);
}

/** The user id of a ticket this server signed and that has not expired; null otherwise. */
export function readSignUpTicket(ticket: string, secret: string, now = Date.now()): string | null {
  const parsed = readSignedToken(ticket, secret, PURPOSE, 1_000);
  if (parsed === null) return null;
  const userId: unknown = Reflect.get(parsed, "u");
  const expiresAt: unknown = Reflect.get(parsed, "x");
  if (typeof userId !== "string" || typeof expiresAt !== "number") return null;
  return now < expiresAt ? userId : null;
}

/**
 * The account a sign-up ticket signs in (what next-auth's "sign-up-ticket" provider answers),
 * or null for a ticket that is forged, expired or names a deleted account.
 */
export async function authorizeSignUpTicket(
  db: Database,
  ticket: unknown,
  secret: string,
): Promise<{ id: string; email: string; name: string } | null> {
  if (typeof ticket !== "string" || secret === "") return null;
  const userId = readSignUpTicket(ticket, secret);
  if (userId === null) return null;
  const user = await getUser(db, userId);
  return user ? { id: user.id, email: user.email, name: user.name } : null;
}
