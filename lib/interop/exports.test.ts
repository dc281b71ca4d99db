import Ajv from "ajv";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import otmSchema from "../../tests/fixtures/interop/schemas/otm_schema.json";
import tdSchema from "../../tests/fixtures/interop/schemas/schema-threat-dragon-v2.schema.json";
import demoV2 from "../../tests/fixtures/interop/threat-dragon/demo-v2-threat-model.json?raw";
import otmSample from "../../tests/fixtures/interop/otm/EXAMPLE.otm.json?raw";
import { buildImportedDocument } from "./build-document";
import { serializeMitigationsCsv, serializeThreatsCsv } from "./csv/serialize";
import { serializeMarkdown } from "./markdown/serialize";
import { serializeOtm } from "./otm/serialize";
import { readImport } from "./read-import";
import { serializeThreatDragon } from "./threat-dragon/serialize";
import { listDiagrams } from "@/lib/model/diagrams";
import { initializeDocument } from "@/lib/model/document";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { linkStubElement } from "@/lib/model/stub-links";
import { buildZoomedProcessDoc } from "@/lib/model/test-helpers";
import { addThreat, listThreats } from "@/lib/model/threats";

function importText(text: string): Y.Doc {
  const file = readImport(new TextEncoder().encode(text));
  if (file.kind !== "mapped") throw new Error("not mapped");
  const doc = new Y.Doc();
  initializeDocument(doc, { title: file.model.title, ownerId: "importer" });
  buildImportedDocument(doc, file.model, "importer");
  return doc;
}

const ajv = new Ajv({ strict: false, allErrors: true });

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index += 1;
    } else field += char;
  }
  return rows;
}

describe("exports", () => {
  it("writes Threat Dragon v2 that its schema validates and that imports back whole", () => {
    const doc = importText(demoV2);
    const file = serializeThreatDragon(doc);
    const validate = ajv.compile(tdSchema);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const again = importText(JSON.stringify(file));
    expect(listElements(again)).toHaveLength(listElements(doc).length);
    expect(listFlows(again)).toHaveLength(listFlows(doc).length);
    const titles = (d: Y.Doc) =>
      listThreats(d)
        .map((threat) => threat.title)
        .sort();
    expect(titles(again)).toEqual(titles(doc));
    const mitigated = (d: Y.Doc) => listThreats(d).filter((t) => t.status === "mitigated").length;
    expect(mitigated(again)).toBe(mitigated(doc));
  });

  it("writes OTM that its schema validates and that imports back whole", () => {
    const doc = importText(otmSample);
    const file = serializeOtm(doc, "model-1");
    const validate = ajv.compile(otmSchema);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const again = importText(JSON.stringify(file));
    expect(listFlows(again)).toHaveLength(listFlows(doc).length);
    expect(
      listThreats(again)
        .map((t) => t.title)
        .sort(),
    ).toEqual(
      listThreats(doc)
        .map((t) => t.title)
        .sort(),
    );
  });

  it("writes one CSV row per threat and mitigation, quoted, with formulas defused", () => {
    const doc = importText(demoV2);
    addThreat(doc, { title: '=HYPERLINK("http://evil")', category: "tampering" }, "someone");
    const threats = serializeThreatsCsv(doc);
    const rows = parseCsv(threats);
    expect(
      rows
        .slice(1)
        .map((row) => row[0])
        .sort(),
    ).toEqual(
      listThreats(doc)
        .map((threat) => threat.id)
        .sort(),
    );
    expect(rows.every((row) => row.length === 11)).toBe(true);
    expect(threats.split("\r\n")[0]).toBe(
      '"id","title","category","status","severity","response","target","target kind","description","mitigation ids","bug url"',
    );
    expect(threats).toContain('"\'=HYPERLINK(""http://evil"")"');
    expect(serializeMitigationsCsv(doc).split("\r\n")[0]).toContain('"threat ids"');
  });

  it("writes Markdown with the model's text escaped", () => {
    const doc = importText(demoV2);
    addThreat(doc, { title: "Click [here](http://evil) <img src=x>", category: "spoofing" }, "x");
    const markdown = serializeMarkdown(doc);
    expect(markdown).toContain("# Demo Threat Model");
    expect(markdown).toContain("## Threats (15)");
    expect(markdown).toContain("Click \\[here\\]\\(http://evil\\) \\<img src=x\\>");
    expect(markdown).not.toMatch(/(^|[^\\])</m);
  });

  it("brings sub-diagrams back from Threat Dragon and OTM as top-level content, unlinked", () => {
    const { doc, request, parser } = buildZoomedProcessDoc();
    linkStubElement(doc, request, parser);
    for (const file of [serializeThreatDragon(doc), serializeOtm(doc, "model-1")]) {
      const again = importText(JSON.stringify(file));
      expect(listElements(again).map((element) => element.name)).toContain("Parser");
      expect(listFlows(again).map((flow) => [flow.name, flow.innerElementIds])).toEqual([
        ["Request", []],
      ]);
      expect(listDiagrams(again).every((diagram) => diagram.parentElementId === null)).toBe(true);
    }
  });
});
