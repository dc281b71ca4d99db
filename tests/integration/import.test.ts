import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDiagrams, openSubDiagram } from "@/lib/model/diagrams";
import { addElement, deleteElement, listElements } from "@/lib/model/elements";
import { addFlow, getFlow, listFlows } from "@/lib/model/flows";
import { linkStubElement } from "@/lib/model/stub-links";
import { listThreats } from "@/lib/model/threats";
import { api, createModel, signUp, type TestUser } from "./support/api-client";
import { connectClient, waitFor, waitForSync } from "./support/collab-client";
import { DEADLINE } from "./support/deadlines";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

const SAMPLE = fs.readFileSync(
  path.join(process.cwd(), "tests/fixtures/interop/threat-dragon/demo-v2-threat-model.json"),
  "utf8",
);

describe.each(DATABASES)("importing a model (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = await signUp(server, "Ida Importer");
    other = await signUp(server, "Otto Other");
  });
  afterAll(() => server.destroy());

  const modelCount = async () =>
    ((await api(server, "GET", "/api/models", { user: owner })).body as { models: unknown[] })
      .models.length;

  it("creates a model from a Threat Dragon file that arrives complete in the room", async () => {
    const answer = await api(server, "POST", "/api/models/import", { user: owner, body: SAMPLE });
    expect(answer.status).toBe(201);
    const { model, report } = answer.body as {
      model: { id: string; title: string };
      report: { mapped: Record<string, number>; refused: string[] };
    };
    expect(model.title).toBe("Demo Threat Model");
    expect(report.refused).toEqual([]);
    expect(report.mapped).toMatchObject({ flows: 10, threats: 14 });

    const client = connectClient(server, model.id, { user: owner });
    await waitForSync(client);
    await waitFor(
      () => listThreats(client.doc).length === report.mapped.threats,
      DEADLINE.propagation,
      "the imported threats",
    );
    expect(listElements(client.doc)).toHaveLength(report.mapped.elements ?? -1);
    expect(listFlows(client.doc)).toHaveLength(10);
    client.destroy();
    // Only its owner sees it.
    expect((await api(server, "GET", `/api/models/${model.id}`, { user: other })).status).toBe(404);
  });

  it("refuses hostile files with a clear error and creates nothing", async () => {
    const before = await modelCount();
    const cases: [string, number, RegExp][] = [
      ['{"summary":{"title":"x"},"detail":{"diagrams":[{"cells":5}]}}', 400, /cells/],
      [`${"[".repeat(5_000)}${"]".repeat(5_000)}`, 400, /nests deeper/],
      ['<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 400, /XML/],
      [
        '<?xml version="1.0"?><!DOCTYPE ThreatModel [<!ENTITY e SYSTEM "file:///etc/passwd">]><ThreatModel>&e;</ThreatModel>',
        400,
        /DOCTYPE or entities/,
      ],
      ["not json", 400, /not valid JSON/],
      [
        JSON.stringify({
          summary: { title: "Dup" },
          detail: {
            diagrams: [
              {
                title: "D",
                cells: [
                  { id: "a", shape: "actor", data: { type: "tm.Actor" } },
                  { id: "a", shape: "store", data: { type: "tm.Store" } },
                ],
              },
            ],
          },
        }),
        400,
        /Two cells have the id a/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const answer = await api(server, "POST", "/api/models/import", { user: owner, body });
      expect(answer.status).toBe(status);
      expect(JSON.stringify(answer.body)).toMatch(message);
    }
    const huge = await api(server, "POST", "/api/models/import", {
      user: owner,
      body: `{"pad":"${"x".repeat(21 * 1024 * 1024)}"}`,
    });
    expect(huge.status).toBe(413);
    expect(await modelCount()).toBe(before);
    expect((await api(server, "POST", "/api/models/import", { body: SAMPLE })).status).toBe(401);
  });

  it("exports our own model file, which imports back exactly (export, import, export)", async () => {
    const imported = await api(server, "POST", "/api/models/import", {
      user: owner,
      body: SAMPLE,
    });
    const { model } = imported.body as { model: { id: string } };
    const first = await api(server, "GET", `/api/models/${model.id}/export`, { user: owner });
    expect(first.status).toBe(200);
    const file = first.body as {
      format: string;
      title: string;
      model: { threats: unknown[]; elements: unknown[] };
    };
    expect(file).toMatchObject({ format: "threat-room-model", title: "Demo Threat Model" });
    expect(file.model.threats).toHaveLength(14);
    // A non-member cannot export.
    expect(
      (await api(server, "GET", `/api/models/${model.id}/export`, { user: other })).status,
    ).toBe(404);

    const again = await api(server, "POST", "/api/models/import", {
      user: other,
      body: JSON.stringify(file),
    });
    expect(again.status).toBe(201);
    const copy = (again.body as { model: { id: string; title: string } }).model;
    expect(copy.title).toBe("Demo Threat Model");
    const second = await api(server, "GET", `/api/models/${copy.id}/export`, { user: other });
    expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body));

    // Damaged model files: refused, nothing created.
    const before = await modelCount();
    const damaged: [unknown, RegExp][] = [
      [{ ...file, state: "***" }, /not base64/],
      [{ ...file, state: "AAAA" }, /cannot be read|holds no model|incomplete/],
      [{ ...file, formatVersion: 99 }, /newer than this server reads/],
      [{ format: "threat-room-model" }, /format fields are missing/],
    ];
    for (const [body, message] of damaged) {
      const answer = await api(server, "POST", "/api/models/import", {
        user: owner,
        body: JSON.stringify(body),
      });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toMatch(message);
    }
    expect(await modelCount()).toBe(before);
  });

  it("keeps a stub's joined element through our model file, and drops a dangling one", async () => {
    const modelId = await createModel(server, owner, "Zoomed");
    const author = connectClient(server, modelId, { user: owner });
    await waitForSync(author);
    const diagramId = listDiagrams(author.doc)[0]?.id ?? "";
    const user = addElement(author.doc, { kind: "external-entity", diagramId, name: "User" });
    const apiProcess = addElement(author.doc, { kind: "process", diagramId, name: "API" });
    const request = addFlow(author.doc, { sourceId: user, targetId: apiProcess, name: "Request" });
    const inner = openSubDiagram(author.doc, apiProcess);
    const parser = addElement(author.doc, { kind: "process", diagramId: inner, name: "Parser" });
    const gone = addElement(author.doc, { kind: "process", diagramId: inner, name: "Gone" });
    linkStubElement(author.doc, request, parser);
    linkStubElement(author.doc, request, gone);
    // Deleting an element leaves its link in the live document; readers skip it.
    deleteElement(author.doc, gone);
    await waitFor(
      () => {
        const room = server.runtime.rooms.peek(modelId);
        return (
          room !== undefined &&
          getFlow(room.doc, request)?.innerElementIds.length === 2 &&
          !listElements(room.doc).some((element) => element.id === gone)
        );
      },
      DEADLINE.propagation,
      "the links and the deletion in the room",
    );
    author.destroy();

    const file = await api(server, "GET", `/api/models/${modelId}/export`, { user: owner });
    const imported = await api(server, "POST", "/api/models/import", {
      user: owner,
      body: JSON.stringify(file.body),
    });
    expect(imported.status).toBe(201);
    const { model, report } = imported.body as {
      model: { id: string };
      report: { refused: string[] };
    };
    expect(report.refused).toEqual([
      "A link between a stub and a sub-diagram element: the element is gone or not inside the zoomed process",
    ]);
    const reader = connectClient(server, model.id, { user: owner });
    await waitForSync(reader);
    expect(getFlow(reader.doc, request)?.innerElementIds).toEqual([parser]);
    expect(listElements(reader.doc).find((element) => element.id === parser)?.diagramId).toBe(
      inner,
    );
    reader.destroy();
  });

  it("exports each format with its type and file name; an unknown format is refused", async () => {
    const imported = await api(server, "POST", "/api/models/import", { user: owner, body: SAMPLE });
    const { model } = imported.body as { model: { id: string } };
    const expected: [string, RegExp, RegExp][] = [
      ["threat-dragon", /application\/json/, /Demo-Threat-Model\.threat-dragon\.json/],
      ["otm", /application\/json/, /\.otm\.json/],
      ["threats-csv", /text\/csv/, /\.threats\.csv/],
      ["mitigations-csv", /text\/csv/, /\.mitigations\.csv/],
      ["markdown", /text\/markdown/, /\.md/],
    ];
    for (const [format, type, name] of expected) {
      const response = await fetch(`${server.url}/api/models/${model.id}/export?format=${format}`, {
        headers: { cookie: owner.cookie },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(type);
      expect(response.headers.get("content-disposition")).toMatch(name);
      expect((await response.text()).length).toBeGreaterThan(100);
    }
    const unknown = await api(server, "GET", `/api/models/${model.id}/export?format=pdf-ish`, {
      user: owner,
    });
    expect(unknown.status).toBe(400);
  });
});
