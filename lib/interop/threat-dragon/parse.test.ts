import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { buildImportedDocument } from "@/lib/interop/build-document";
import { MAX_IMPORT_BYTES, readImport } from "@/lib/interop/read-import";
import { initializeDocument } from "@/lib/model/document";
import { listDiagrams } from "@/lib/model/diagrams";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { listMitigations } from "@/lib/model/mitigations";
import { listThreats } from "@/lib/model/threats";

import demoGenericCms from "../../../tests/fixtures/interop/threat-dragon/demo-generic-cms.json?raw";
import demoPaymentOnline from "../../../tests/fixtures/interop/threat-dragon/demo-payment-online.json?raw";
import demoThreeTier from "../../../tests/fixtures/interop/threat-dragon/demo-three-tier-web-app.json?raw";
import demoNewModel from "../../../tests/fixtures/interop/threat-dragon/demo-v2-new-model.json?raw";
import demoV2 from "../../../tests/fixtures/interop/threat-dragon/demo-v2-threat-model.json?raw";
import demoV1 from "../../../tests/fixtures/interop/threat-dragon/models-demo-threat-model.json?raw";

/** Every Threat Dragon sample in tests/fixtures/interop (see its README for attribution). */
const FILES: Record<string, string> = {
  "demo-generic-cms.json": demoGenericCms,
  "demo-payment-online.json": demoPaymentOnline,
  "demo-three-tier-web-app.json": demoThreeTier,
  "demo-v2-new-model.json": demoNewModel,
  "demo-v2-threat-model.json": demoV2,
  "models-demo-threat-model.json": demoV1,
};
const SAMPLES = Object.keys(FILES);
const bytesOf = (file: string) => new TextEncoder().encode(FILES[file] ?? "");

interface RawCell {
  shape?: string;
  source?: object;
  target?: object;
  type?: string;
  data?: { type?: string; threats?: { mitigation?: string }[] };
  threats?: { mitigation?: string }[];
}

/** Counts a Threat Dragon file's parts straight from its JSON, without the importer. */
function countFromFile(file: string) {
  const json = JSON.parse(FILES[file] ?? "") as {
    detail: { diagrams: { cells?: RawCell[]; diagramJson?: { cells: RawCell[] } }[] };
  };
  const counts = { diagrams: 0, elements: 0, flows: 0, threats: 0, mitigations: 0 };
  for (const diagram of json.detail.diagrams) {
    counts.diagrams += 1;
    for (const cell of diagram.cells ?? diagram.diagramJson?.cells ?? []) {
      const kind = cell.data?.type ?? cell.type ?? "";
      if (kind === "tm.Flow") {
        counts.flows += 1;
        // An end at a free point ({x, y}, no cell) gets an external entity of its own.
        for (const end of [cell.source, cell.target]) {
          if (end && !("cell" in end) && !("id" in end)) counts.elements += 1;
        }
      } else if (kind !== "tm.Text" && kind !== "") counts.elements += 1;
      const threats = cell.data?.threats ?? cell.threats ?? [];
      counts.threats += threats.length;
      counts.mitigations += threats.filter((threat) => (threat.mitigation ?? "").trim()).length;
    }
  }
  return counts;
}

function importFile(bytes: Uint8Array) {
  const file = readImport(bytes);
  if (file.kind !== "mapped") throw new Error("not a mapped import");
  const imported = file.model;
  const doc = new Y.Doc();
  initializeDocument(doc, { title: imported.title, ownerId: "importer" });
  const report = buildImportedDocument(doc, imported, "importer");
  return { imported, doc, report };
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("Threat Dragon import", () => {
  it.each(SAMPLES)("brings every diagram, element, flow and threat of %s", (file) => {
    const expected = countFromFile(file);
    const { doc, report } = importFile(bytesOf(file));
    expect(report.refused).toEqual([]);
    expect(listDiagrams(doc)).toHaveLength(Math.max(1, expected.diagrams));
    expect(listElements(doc)).toHaveLength(expected.elements);
    expect(listFlows(doc)).toHaveLength(expected.flows);
    expect(listThreats(doc)).toHaveLength(expected.threats);
    expect(listMitigations(doc)).toHaveLength(expected.mitigations);
    expect(report.mapped).toEqual({ ...expected, diagrams: expected.diagrams });
  });

  it("maps the v2 demo's fields: kinds, names, positions, threats and their targets", () => {
    const { imported, doc } = importFile(bytesOf("demo-v2-threat-model.json"));
    expect(imported.format).toBe("threat-dragon-v2");
    const elements = listElements(doc);
    const database = elements.find((element) => element.name === "Database");
    expect(database).toMatchObject({ kind: "data-store", x: 290, y: 420, width: 160 });
    // Threat Dragon's store flags land in the store's context fields.
    expect(database).toMatchObject({ holdsLogs: true, holdsCredentials: false, encrypted: false });
    const workerConfig = elements.find((element) => element.name === "Worker Config");
    expect(workerConfig).toMatchObject({ kind: "data-store", holdsCredentials: true });
    // "Web Request" starts at a free point: an external entity stands for its source.
    const webRequest = listFlows(doc).find((flow) => flow.name === "Web Request");
    expect(elements.find((element) => element.id === webRequest?.sourceId)).toMatchObject({
      kind: "external-entity",
      name: "Source of Web Request",
    });
    const lines = elements.filter((element) => element.kind === "trust-boundary");
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.kind === "trust-boundary" && line.shape === "line")).toBe(
      true,
    );
    const webResponse = listFlows(doc).find((flow) => flow.name === "Web Response");
    expect(webResponse).toMatchObject({ protocol: "HTTP/S", encrypted: true });
    const onFlow = listThreats(doc).filter((threat) => threat.targetId === webResponse?.id);
    expect(onFlow).toEqual([
      expect.objectContaining({
        title: "Data flow should use HTTP/S",
        category: "information-disclosure",
        status: "mitigated",
        severity: "important",
        origin: { kind: "imported", source: "threat-dragon-v2" },
      }),
    ]);
    const text = imported.report.keptAsText.join("\n");
    expect(text).toContain("A Demo Threat Model");
  });

  it("reads the v1 format: labels from attrs and flow labels", () => {
    const { imported, doc } = importFile(bytesOf("models-demo-threat-model.json"));
    expect(imported.format).toBe("threat-dragon-v1");
    expect(listElements(doc).map((element) => element.name)).toContain("Web Application");
    expect(listFlows(doc).map((flow) => flow.name)).toContain("Web App Query Results");
  });

  describe("hostile files: a clear error, nothing built", () => {
    const baseCells = [
      { id: "a", shape: "actor", data: { type: "tm.Actor", name: "A" } },
      { id: "b", shape: "process", data: { type: "tm.Process", name: "B" } },
    ];
    const base = { summary: { title: "Hostile" }, detail: { diagrams: [] } };
    const withCells = (cells: unknown[]) => ({
      ...base,
      detail: { diagrams: [{ title: "D", cells }] },
    });

    it("refuses two cells with one id", () => {
      const cells = [...baseCells, { id: "a", shape: "store" }];
      expect(() => readImport(encode(withCells(cells)))).toThrow(/Two cells have the id a/);
    });

    it("refuses a flow that points at nothing", () => {
      const cells = [
        ...baseCells,
        {
          id: "f",
          shape: "flow",
          source: { cell: "a" },
          target: { cell: "ghost" },
          data: { type: "tm.Flow", name: "Lost" },
        },
      ];
      expect(() => readImport(encode(withCells(cells)))).toThrow(/points at ghost/);
    });

    it("refuses wrong types with the path", () => {
      expect(() =>
        readImport(encode({ summary: { title: "x" }, detail: { diagrams: [{ cells: 5 }] } })),
      ).toThrow(/Not a Threat Dragon model: detail\.diagrams\.0\.cells/);
    });

    it("refuses deep nesting, XML, binary and oversized files", () => {
      const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
      expect(() => readImport(new TextEncoder().encode(deep))).toThrow(/nests deeper than 64/);
      const xml = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>';
      expect(() => readImport(new TextEncoder().encode(xml))).toThrow(/not a Threat Modeling Tool/);
      expect(() => readImport(Uint8Array.of(0xff, 0xfe, 0x00))).toThrow(/not text/);
      expect(() => readImport(new Uint8Array(MAX_IMPORT_BYTES + 1))).toThrow(/larger than/);
      expect(() => readImport(encode({ hello: "world" }))).toThrow(/not in a format imported/);
    });

    it("keeps threats of unknown types and accepted threats, saying so", () => {
      const cells = [
        {
          id: "a",
          shape: "actor",
          data: {
            type: "tm.Actor",
            name: "A",
            threats: [
              { title: "Linked", type: "Linkability", status: "Open", severity: "TBA" },
              { title: "Taken", type: "Spoofing", status: "Accepted", severity: "Low" },
            ],
          },
        },
      ];
      const { doc, report } = importFile(encode(withCells(cells)));
      expect(
        listThreats(doc)
          .map((threat) => threat.title)
          .sort(),
      ).toEqual(["Linked", "Taken"]);
      expect(report.keptAsText.join("\n")).toMatch(/Linkability is not a STRIDE category/);
      expect(report.keptAsText.join("\n")).toMatch(/accepted in Threat Dragon/);
    });
  });
});
