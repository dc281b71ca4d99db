import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDiagrams } from "@/lib/model/diagrams";
import { addElement, listElements } from "@/lib/model/elements";
import { getThreat, listThreats } from "@/lib/model/threats";
import { api, createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import { connectClient, waitFor, waitForSync } from "./support/collab-client";
import { DEADLINE } from "./support/deadlines";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

describe.each(DATABASES)("threats and mitigations over HTTP (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let viewer: TestUser;
  let modelId: string;
  let elementId: string;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = await signUp(server, "Cid Pipeline");
    viewer = await signUp(server, "Vera Viewer");
    modelId = await createModel(server, owner, "Checkout");
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: viewer, role: "viewer" },
    ]);
    const client = connectClient(server, modelId, { user: owner });
    await waitForSync(client);
    const diagramId = listDiagrams(client.doc)[0]?.id ?? "";
    elementId = addElement(client.doc, { kind: "process", diagramId, name: "Cart", x: 0, y: 0 });
    // The server has the element once a second client receives it.
    const check = connectClient(server, modelId, { user: owner });
    await waitFor(
      () => listElements(check.doc).some((element) => element.id === elementId),
      DEADLINE.propagation,
      "the element on the server",
    );
    check.destroy();
    client.destroy();
    const created = await api(server, "POST", "/api/tokens", {
      user: owner,
      body: { name: "CI" },
    });
    token = (created.body as { secret: string }).secret;
  });
  afterAll(() => server.destroy());

  it("creates a threat on an element with a token; everyone in the room sees it at once", async () => {
    const watcher = connectClient(server, modelId, { user: viewer });
    await waitForSync(watcher);
    const created = await api(server, "POST", `/api/models/${modelId}/threats`, {
      token,
      body: { title: "Cart total tampered", category: "tampering", targetId: elementId },
    });
    expect(created.status).toBe(201);
    const threat = (created.body as { threat: { id: string; targetId: string } }).threat;
    expect(threat.targetId).toBe(elementId);
    await waitFor(
      () => getThreat(watcher.doc, threat.id) !== null,
      DEADLINE.propagation,
      "the watcher sees the threat",
    );
    watcher.destroy();

    const patched = await api(server, "PATCH", `/api/models/${modelId}/threats/${threat.id}`, {
      token,
      body: { severity: "important", status: "needs-investigation" },
    });
    expect(patched.status).toBe(200);
    expect((patched.body as { threat: { severity: string } }).threat.severity).toBe("important");

    const mitigation = await api(server, "POST", `/api/models/${modelId}/mitigations`, {
      token,
      body: { title: "Recompute totals on the server" },
    });
    expect(mitigation.status).toBe(201);
    const mitigationId = (mitigation.body as { mitigation: { id: string } }).mitigation.id;
    const linked = await api(
      server,
      "PUT",
      `/api/models/${modelId}/threats/${threat.id}/mitigations/${mitigationId}`,
      { token },
    );
    expect(linked.status).toBe(200);
    const read = await api(server, "GET", `/api/models/${modelId}/threats/${threat.id}`, { token });
    expect((read.body as { mitigations: { id: string }[] }).mitigations.map((m) => m.id)).toEqual([
      mitigationId,
    ]);
  });

  it("lists with the threat list's filters, a page at a time", async () => {
    for (const title of ["Session fixation", "Log wiped"]) {
      await api(server, "POST", `/api/models/${modelId}/threats`, {
        token,
        body: { title, category: title === "Log wiped" ? "repudiation" : "spoofing" },
      });
    }
    const all = await api(server, "GET", `/api/models/${modelId}/threats?sort=title&limit=2`, {
      user: viewer,
    });
    const page = all.body as { threats: { title: string }[]; total: number; nextOffset: number };
    expect(page.total).toBe(3);
    expect(page.threats.map((t) => t.title)).toEqual(["Cart total tampered", "Log wiped"]);
    expect(page.nextOffset).toBe(2);
    const filtered = await api(
      server,
      "GET",
      `/api/models/${modelId}/threats?category=repudiation&search=wiped`,
      { token },
    );
    expect((filtered.body as { threats: { title: string }[] }).threats.map((t) => t.title)).toEqual(
      ["Log wiped"],
    );
    const onElement = await api(
      server,
      "GET",
      `/api/models/${modelId}/threats?target=${elementId}`,
      { token },
    );
    expect((onElement.body as { total: number }).total).toBe(1);
  });

  it("validates like the workspace and keeps the roles", async () => {
    const post = (body: unknown, who: { token?: string; user?: TestUser }) =>
      api(server, "POST", `/api/models/${modelId}/threats`, { ...who, body });
    expect((await post({ title: "", category: "spoofing" }, { token })).status).toBe(400);
    expect((await post({ title: "x", category: "phishing" }, { token })).status).toBe(400);
    expect(
      (await post({ title: "x", category: "spoofing", targetId: "ghost" }, { token })).status,
    ).toBe(400);
    expect((await post({ title: "x", category: "spoofing" }, { user: viewer })).status).toBe(403);
    expect(
      (await api(server, "PATCH", `/api/models/${modelId}/threats/nope`, { token, body: {} }))
        .status,
    ).toBe(404);
    expect(
      (await api(server, "GET", `/api/models/${modelId}/threats?severity=extreme`, { token }))
        .status,
    ).toBe(400);
    const client = connectClient(server, modelId, { user: owner });
    await waitForSync(client);
    expect(listThreats(client.doc)).toHaveLength(3);
    client.destroy();
  });
});
