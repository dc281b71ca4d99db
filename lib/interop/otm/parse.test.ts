import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import otmSample from "../../../tests/fixtures/interop/otm/EXAMPLE.otm.json?raw";
import composerSample from "../../../tests/fixtures/interop/threat-composer/ThreatComposer.tc.json?raw";
import { buildImportedDocument } from "@/lib/interop/build-document";
import { readImport } from "@/lib/interop/read-import";
import { listContextItems } from "@/lib/model/context";
import { initializeDocument } from "@/lib/model/document";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { listMitigations } from "@/lib/model/mitigations";
import { listThreats } from "@/lib/model/threats";

function importText(text: string) {
  const file = readImport(new TextEncoder().encode(text));
  if (file.kind !== "mapped") throw new Error("not mapped");
  const doc = new Y.Doc();
  initializeDocument(doc, { title: file.model.title, ownerId: "importer" });
  const report = buildImportedDocument(doc, file.model, "importer");
  return { model: file.model, doc, report };
}

describe("Open Threat Model import", () => {
  it("brings every trust zone, component, data flow and threat of the example", () => {
    const raw = JSON.parse(otmSample) as {
      trustZones: unknown[];
      components: { threats: unknown[] | null }[];
      dataflows: { threats: unknown[] | null }[];
      threats: { id: string }[];
      mitigations: unknown[];
    };
    // Counted from the file: each attachment of a threat is one threat on its part.
    const attachments = [...raw.components, ...raw.dataflows].flatMap((part) => part.threats ?? []);
    const { model, doc, report } = importText(otmSample);
    expect(model.format).toBe("otm");
    expect(report.refused).toEqual([]);
    expect(listElements(doc)).toHaveLength(raw.trustZones.length + raw.components.length);
    expect(listFlows(doc)).toHaveLength(raw.dataflows.length);
    expect(listThreats(doc)).toHaveLength(attachments.length);
    expect(listMitigations(doc)).toHaveLength(raw.mitigations.length);
    const kinds = Object.fromEntries(
      listElements(doc).map((element) => [element.name, element.kind]),
    );
    expect(kinds).toMatchObject({
      Internet: "trust-boundary",
      "Web Client": "external-entity",
      "Customer Database": "data-store",
    });
    const threat = listThreats(doc)[0];
    expect(threat).toMatchObject({
      title: "Threat 1",
      category: "spoofing",
      severity: "important",
    });
    expect(
      listContextItems(doc, "assets")
        .map((item) => item.text)
        .join(),
    ).toContain("Credit Card Data");
  });

  it("refuses a flow to nothing and a threat that is not in the file", () => {
    const base = JSON.parse(otmSample) as Record<string, unknown> & {
      dataflows: Record<string, unknown>[];
    };
    const lost = { ...base, dataflows: [{ ...base.dataflows[0], destination: "ghost" }] };
    expect(() => readImport(new TextEncoder().encode(JSON.stringify(lost)))).toThrow(
      /points at ghost/,
    );
    const unknown = {
      ...base,
      dataflows: [{ ...base.dataflows[0], threats: [{ threat: "missing", state: "exposed" }] }],
    };
    expect(() => readImport(new TextEncoder().encode(JSON.stringify(unknown)))).toThrow(
      /names threat missing/,
    );
  });
});

describe("threat-composer import", () => {
  it("brings every threat, mitigation (with its links) and assumption of the example", () => {
    const raw = JSON.parse(composerSample) as {
      threats: unknown[];
      mitigations: { id: string }[];
      assumptions: unknown[];
      mitigationLinks: { mitigationId: string; linkedId: string }[];
    };
    const threatIds = new Set((raw.threats as { id: string }[]).map((threat) => threat.id));
    const links = raw.mitigationLinks.filter((link) => threatIds.has(link.linkedId)).length;
    const { model, doc, report } = importText(composerSample);
    expect(model.format).toBe("threat-composer");
    expect(report.refused).toEqual([]);
    expect(listThreats(doc)).toHaveLength(raw.threats.length);
    const mitigations = listMitigations(doc);
    expect(mitigations).toHaveLength(raw.mitigations.length);
    expect(mitigations.reduce((sum, mitigation) => sum + mitigation.threatIds.length, 0)).toBe(
      links,
    );
    expect(listContextItems(doc, "assumptions")).toHaveLength(raw.assumptions.length);
    expect(listThreats(doc).every((threat) => threat.targetId === null)).toBe(true);
  });
});
