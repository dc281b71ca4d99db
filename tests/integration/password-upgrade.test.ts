/**
 * Passwords stored with older scrypt settings keep working, and the next successful sign-in
 * stores them again with the current settings; a wrong password changes nothing.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/drizzle/schema";
import { needsRehash, verifyPassword } from "@/server/auth/password";
import { verifyCredentials } from "@/server/services/users/verify-credentials";
import { signUp } from "./support/api-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

/** "correct horse battery staple" as the previous settings (N=2^15, r=8, p=3) stored it. */
const PREVIOUS_HASH =
  "scrypt$32768$8$3$dGhyZWF0LXJvb20tc2FsdA$ULlwLQit99WQUIzQXz-NA9u6n47TiLDMVw20ZUkpWFjI4rvcpkA2WIed7YrGvtF-muq3harvhBku3-_rymtUEQ";
const PASSWORD = "correct horse battery staple";

describe.each(DATABASES)("password hash upgrade (%s)", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  }, timeoutFor(DEADLINE.serverStart).timeout);
  afterAll(() => server.destroy());

  async function readHash(userId: string): Promise<string | null> {
    const [row] = await server.runtime.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, userId));
    return row?.passwordHash ?? null;
  }

  it(
    "signs in with a hash of the previous settings and stores the password again with the current ones",
    timeoutFor(DEADLINE.storedRead),
    async () => {
      const user = await signUp(server, "Olga Oldhash");
      const { db } = server.runtime;
      await db.update(users).set({ passwordHash: PREVIOUS_HASH }).where(eq(users.id, user.id));

      expect(await verifyCredentials(db, { email: user.email, password: "wrong password!" })).toBe(
        null,
      );
      expect(await readHash(user.id)).toBe(PREVIOUS_HASH);

      const signedIn = await verifyCredentials(db, { email: user.email, password: PASSWORD });
      expect(signedIn?.id).toBe(user.id);
      const deadline = Date.now() + DEADLINE.storedRead;
      let stored = await readHash(user.id);
      while (stored === PREVIOUS_HASH && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stored = await readHash(user.id);
      }
      expect(stored).not.toBe(PREVIOUS_HASH);
      expect(needsRehash(stored ?? "")).toBe(false);
      expect(await verifyPassword(PASSWORD, stored ?? "")).toBe(true);
    },
  );
});
