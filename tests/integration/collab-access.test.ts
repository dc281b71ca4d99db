import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { createModel, signUp, type TestUser } from "./support/api-client";
import { openRawSocket, waitFor } from "./support/collab-client";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

/**
 * A database that fails during the upgrade's checks must never look like an answer: the app
 * takes 4404 ("no such model") and 401 as final, so a passing fault would lock people out.
 */
describe.each(DATABASES)("realtime access when the database fails (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let modelId: string;
  const path = () => `/collab/${modelId}?schema=${SCHEMA_VERSION}`;

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = await signUp(server, "Fay Failover");
    modelId = await createModel(server, owner, "Fragile");
  });
  afterAll(() => server.destroy());

  /** Runs `check` while a table cannot be read, then puts it back. */
  async function withTableAway(table: "memberships" | "users", check: () => Promise<void>) {
    const db = server.runtime.db;
    await db.execute(sql.raw(`alter table ${table} rename to ${table}_away`));
    try {
      await check();
    } finally {
      await db.execute(sql.raw(`alter table ${table}_away rename to ${table}`));
    }
  }

  it("closes with 4500 (try later), not 4404, when the membership check fails", async () => {
    await withTableAway("memberships", async () => {
      const raw = openRawSocket(server, path(), { user: owner });
      const outcome = await raw.outcome;
      expect(outcome.closeCode).toBe(CLOSE_CODES.roomUnavailable);
    });
    const again = openRawSocket(server, path(), { user: owner });
    expect(await again.opened).toBe(true);
    await waitFor(() => again.messages.length >= 1, undefined, "sync step 1 once it is back");
    again.socket.close();
  });

  it("answers 503, not 401, when the credentials cannot be checked", async () => {
    await withTableAway("users", async () => {
      const raw = openRawSocket(server, path(), { user: owner });
      expect((await raw.outcome).unexpectedStatus).toBe(503);
    });
  });
});
