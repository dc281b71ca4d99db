import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import sample from "../../../tests/fixtures/interop/ms-tmt/Sample_Threat_Model.tm7?raw";
import { buildImportedDocument } from "@/lib/interop/build-document";
import { readImport } from "@/lib/interop/read-import";
import { initializeDocument } from "@/lib/model/document";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { listThreats } from "@/lib/model/threats";
import { parseTm7 } from "./tm7";

/** Counts straight from the XML text, without the importer. */
function countFromFile(text: string) {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  return {
    elements:
      count(/i:type="(StencilRectangle|StencilEllipse|StencilParallelLines|BorderBoundary)"/g) +
      count(/i:type="LineBoundary"/g),
    flows: count(/i:type="Connector"/g),
    threats: count(/<a:KeyValueOfstringThreatpc_P0_PhOB>/g),
  };
}

describe("Threat Modeling Tool .tm7 import", () => {
  it("brings every element, flow and threat of the sample", () => {
    const expected = countFromFile(sample);
    expect(expected).toEqual({ elements: 5, flows: 6, threats: 29 });
    const file = readImport(new TextEncoder().encode(sample));
    if (file.kind !== "mapped") throw new Error("not mapped");
    expect(file.model.format).toBe("ms-tmt-tm7");
    const doc = new Y.Doc();
    initializeDocument(doc, { title: file.model.title, ownerId: "importer" });
    const report = buildImportedDocument(doc, file.model, "importer");
    expect(report.refused).toEqual([]);
    expect(listElements(doc)).toHaveLength(expected.elements);
    expect(listFlows(doc)).toHaveLength(expected.flows);
    const threats = listThreats(doc);
    expect(threats).toHaveLength(expected.threats);
    // Each threat is on its interaction's flow, with its category and priority mapped.
    const flowIds = new Set(listFlows(doc).map((flow) => flow.id));
    expect(
      threats.every((threat) => threat.targetId !== null && flowIds.has(threat.targetId)),
    ).toBe(true);
    const spoofing = threats.find((threat) => threat.title === "Spoofing the OS Process Process");
    expect(spoofing).toMatchObject({ category: "spoofing", severity: "important", status: "open" });
    expect(spoofing?.description).toContain("Interaction:");
    const kinds = listElements(doc)
      .map((element) => element.kind)
      .sort();
    expect(kinds).toEqual([
      "data-store",
      "external-entity",
      "process",
      "process",
      "trust-boundary",
    ]);
    const process = listElements(doc).find((element) => element.kind === "process");
    expect(process?.description).toContain("Stencil:");
  });

  it("refuses entity declarations, malformed XML, deep nesting and dangling flows", () => {
    expect(() =>
      parseTm7('<!DOCTYPE x [<!ENTITY a "aaaa">]><ThreatModel>&a;</ThreatModel>'),
    ).toThrow(/DOCTYPE or entities/);
    expect(() => parseTm7("<ThreatModel><DrawingSurfaceList></ThreatModel>")).toThrow(
      /not well-formed/,
    );
    const deep = `<ThreatModel>${"<a>".repeat(200)}${"</a>".repeat(200)}</ThreatModel>`;
    expect(() => parseTm7(deep)).toThrow(/deeper than 64/);
    expect(() => parseTm7("<ThreatModel><Other/></ThreatModel>")).toThrow(/no DrawingSurfaceList/);
    const dangling = sample.replace(
      /(<SourceGuid[^>]*>)[0-9a-f-]+(<\/SourceGuid>)/,
      "$100000000-0000-0000-0000-000000000000$2",
    );
    expect(() => parseTm7(dangling)).toThrow(/points at 00000000/);
  });
});
