import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addElement, updateElement, getElement } from "@/lib/model/elements";
import { listDiagrams } from "@/lib/model/diagrams";
import { addThreat, getThreat } from "@/lib/model/threats";
import { api, createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import { connectClient, waitFor, waitForSync } from "./support/collab-client";
import { DEADLINE } from "./support/deadlines";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

interface Entry {
  minute: string;
  user: { id: string; name: string } | null;
  summary: {
    counts: Record<"added" | "changed" | "removed", Record<string, number>>;
    items: { kind: string; id: string; name: string; change: string }[];
    notes: boolean;
  };
  events: { action: string }[];
}

describe.each(DATABASES)("the activity feed (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let modelId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = await signUp(server, "Olga Owner");
    editor = await signUp(server, "Emil Editor");
    viewer = await signUp(server, "Vera Viewer");
    modelId = await createModel(server, owner, "Busy shop");
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
    ]);
  });
  afterAll(() => server.destroy());

  const feed = async (who: TestUser, query = "") =>
    api(server, "GET", `/api/models/${modelId}/activity${query}`, { user: who });

  it("lists who changed what, per person and minute, with the model's audit events", async () => {
    const olga = connectClient(server, modelId, { user: owner });
    const emil = connectClient(server, modelId, { user: editor });
    await Promise.all([waitForSync(olga), waitForSync(emil)]);
    const diagramId = listDiagrams(olga.doc)[0]?.id ?? "";
    const web = addElement(olga.doc, { kind: "process", diagramId, name: "Web", x: 0, y: 0 });
    const first = addThreat(olga.doc, { title: "Spoofed buyer", category: "spoofing" }, owner.id);
    const second = addThreat(olga.doc, { title: "Forged basket", category: "tampering" }, owner.id);
    await waitFor(
      () => getElement(emil.doc, web) !== null && getThreat(emil.doc, second) !== null,
      DEADLINE.propagation,
      "Olga's edits at Emil",
    );
    updateElement(emil.doc, web, { name: "Web shop" });
    await waitFor(
      () => getElement(olga.doc, web)?.name === "Web shop",
      DEADLINE.propagation,
      "rename",
    );
    expect(
      (
        await api(server, "POST", `/api/models/${modelId}/versions`, {
          user: owner,
          body: { label: "Noon" },
        })
      ).status,
    ).toBe(201);
    await server.runtime.rooms.peek(modelId)?.flush();

    const answer = await feed(viewer);
    expect(answer.status).toBe(200);
    const { entries } = answer.body as { entries: Entry[] };
    const olgas = entries.filter((entry) => entry.user?.id === owner.id);
    const emils = entries.filter((entry) => entry.user?.id === editor.id);
    const sum = (list: Entry[], change: "added" | "changed", kindName: string) =>
      list.reduce((total, entry) => total + (entry.summary.counts[change][kindName] ?? 0), 0);
    expect(sum(olgas, "added", "threat")).toBe(2);
    expect(sum(olgas, "added", "element")).toBe(1);
    expect(sum(emils, "changed", "element")).toBe(1);
    expect(sum(emils, "added", "threat")).toBe(0);
    expect(emils.flatMap((entry) => entry.summary.items)).toContainEqual(
      expect.objectContaining({ id: web, name: "Web shop", change: "changed" }),
    );
    expect(olgas.flatMap((entry) => entry.summary.items.map((item) => item.id))).toEqual(
      expect.arrayContaining([first, second]),
    );
    expect(olgas.flatMap((entry) => entry.events.map((event) => event.action))).toContain(
      "version.saved",
    );
    // Newest first.
    const minutes = entries.map((entry) => entry.minute);
    expect([...minutes].sort().reverse()).toEqual(minutes);
    olga.destroy();
    emil.destroy();
  });

  it("pages with before, and refuses strangers and bad queries", async () => {
    const all = (await feed(owner)).body as { entries: Entry[]; nextBefore: string | null };
    expect(all.entries.length).toBeGreaterThan(0);
    const oldest = all.entries.at(-1)?.minute ?? "";
    const earlier = (await feed(owner, `?before=${encodeURIComponent(oldest)}`)).body as {
      entries: Entry[];
    };
    expect(earlier.entries.every((entry) => entry.minute < oldest)).toBe(true);

    const stranger = await signUp(server, "Sid Stranger");
    expect((await feed(stranger)).status).toBe(404);
    expect((await feed(owner, "?limit=0")).status).toBe(400);
    expect((await feed(owner, "?limit=5000")).status).toBe(400);
    expect((await feed(owner, "?before=yesterday")).status).toBe(400);
  });
});
