import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { api, createModel, signUp, type TestUser } from "./support/api-client";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

interface Page {
  models: { id: string; title: string }[];
  nextOffset: number | null;
}

describe.each(DATABASES)("listing and creating models (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  const created: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind, { MAX_MODELS_PER_USER_PER_HOUR: undefined });
    owner = await signUp(server, "Pia Pager");
    for (let i = 0; i < 7; i++) created.push(await createModel(server, owner, `Paged ${i}`));
  });
  afterAll(() => server.destroy());

  const page = async (query: string): Promise<Page> => {
    const answer = await api(server, "GET", `/api/models${query}`, { user: owner });
    expect(answer.status).toBe(200);
    return answer.body as Page;
  };

  it("pages through every model once, newest first", async () => {
    const seen: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const next: Page = await page(`?limit=3&offset=${offset}`);
      expect(next.models.length).toBeLessThanOrEqual(3);
      seen.push(...next.models.map((model) => model.id));
      offset = next.nextOffset;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
    expect((await page("")).models).toHaveLength(7);
  });

  it("refuses a page size over the maximum or a negative offset with 400", async () => {
    for (const query of [
      `?limit=${LIMITS.modelsPageMax + 1}`,
      "?limit=0",
      "?offset=-1",
      "?limit=x",
    ]) {
      const answer = await api(server, "GET", `/api/models${query}`, { user: owner });
      expect(answer.status, query).toBe(400);
    }
  });

  it(`refuses a user's model creation beyond ${LIMITS.modelsCreatedPerUserPerHour} an hour with 429, deletions included`, async () => {
    const busy = await signUp(server, "Bo Busy");
    for (let i = 0; i < LIMITS.modelsCreatedPerUserPerHour; i++) {
      const id = await createModel(server, busy, `Quota ${i}`);
      if (i % 2 === 0) {
        expect((await api(server, "DELETE", `/api/models/${id}`, { user: busy })).status).toBe(204);
      }
    }
    const refused = await api(server, "POST", "/api/models", {
      user: busy,
      body: { title: "One too many" },
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: "rate_limited" } });
    // Someone else is not affected.
    expect(
      (await api(server, "POST", "/api/models", { user: owner, body: { title: "Mine" } })).status,
    ).toBe(201);
  });
});
