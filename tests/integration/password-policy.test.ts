import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./support/api-client";
import { startTestServer, type TestServer } from "./support/test-server";

describe("sign-up password checks", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("pglite");
  });
  afterAll(() => server.destroy());

  const signUp = (email: string, password: string) =>
    api(server, "POST", "/api/users", {
      body: { email, name: "Casey Checker", password },
      headers: { origin: server.url },
    });

  it("refuses a common password and one built on the email, saying why, on the field", async () => {
    const common = await signUp("casey@example.com", "Password123");
    expect(common.status).toBe(400);
    expect(common.body).toMatchObject({
      error: { issues: [{ path: "password", message: expect.stringMatching(/most commonly/) }] },
    });
    const ownEmail = await signUp("casey.checker@example.com", "casey.checker!2026");
    expect(ownEmail.status).toBe(400);
    expect(ownEmail.body).toMatchObject({
      error: { issues: [{ path: "password", message: expect.stringMatching(/email address/) }] },
    });
    expect((await signUp("casey@example.com", "velvet orbit lantern 42")).status).toBe(201);
  });
});
