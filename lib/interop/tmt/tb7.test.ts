/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import defaultTemplate from "../../../tests/fixtures/ms-tmt/default.tb7?raw";
import { AppError } from "@/lib/errors";
import { evaluateRules } from "@/lib/stride/engine";
import { MAX_TEMPLATE_BYTES, MAX_TEMPLATE_DEPTH, parseTb7Template } from "./tb7";
import { buildInteraction } from "@/lib/stride/test-factories";

function expectRefused(run: () => unknown, message: RegExp): void {
  let caught: unknown = null;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  if (caught instanceof AppError) {
    expect(caught.code).toBe("bad_request");
    expect(caught.message).toMatch(message);
  }
}

function template(threatTypes: string): string {
  return `<?xml version="1.0"?><KnowledgeBase><Manifest name="Tiny" id="t-1" version="1" /><ThreatTypes>${threatTypes}</ThreatTypes></KnowledgeBase>`;
}

function threatType(id: string, category: string, include: string, exclude = ""): string {
  return `<ThreatType><GenerationFilters><Include>${include}</Include><Exclude>${exclude}</Exclude></GenerationFilters><Id>${id}</Id><ShortTitle>Title of {target.Name}</ShortTitle><Category>${category}</Category><Description>About {source.Name} &amp; {flow.Name}</Description></ThreatType>`;
}

const imported = parseTb7Template(defaultTemplate);
const ruleIdsFor = (model: Parameters<typeof evaluateRules>[1]) =>
  evaluateRules(imported.ruleSet, model).map((threat) => threat.ruleId);

describe("parseTb7Template on Microsoft's core template", () => {
  it("makes one rule per threat type in the file", () => {
    const threatTypeCount = defaultTemplate.match(/<ThreatType>/g)?.length ?? 0;
    expect(threatTypeCount).toBe(47);
    expect(imported.ruleSet.rules).toHaveLength(threatTypeCount);
    expect(imported.skipped).toEqual([]);
  });

  it("names the rule set after the manifest and keeps Microsoft's ids", () => {
    expect(imported.ruleSet).toMatchObject({
      id: "tmt:cc62ebae-3748-431e-b1df-f4220dc9003f",
      name: "SDL TM Knowledge Base (Core)",
    });
    expect(imported.ruleSet.rules[1]).toMatchObject({
      id: "tmt:S1",
      title: "Spoofing the {source.name} Process",
      category: "spoofing",
      scope: { kind: "interaction", appliesTo: "flow" },
      include: {
        op: "and",
        conditions: [
          { op: "kind-is", subject: "source", kind: "process" },
          {
            op: "or",
            conditions: [
              { op: "kind-is", subject: "target", kind: "process" },
              { op: "kind-is", subject: "target", kind: "data-store" },
            ],
          },
          {
            op: "or",
            conditions: [
              { op: "crosses-boundary", shape: "line" },
              { op: "crosses-boundary", shape: "box" },
            ],
          },
        ],
      },
      exclude: {
        op: "or",
        conditions: [
          { op: "property-equals", subject: "flow", property: "authenticated", value: true },
          { op: "property-not-blank", subject: "source", property: "authentication" },
        ],
      },
    });
  });

  it("generates Microsoft's threats for an external entity calling a process across a boundary", () => {
    const model = buildInteraction(
      ["external-entity", { name: "Browser" }],
      ["process", { name: "Web API" }],
      { isCrossing: true },
    );
    const threats = evaluateRules(imported.ruleSet, model);
    expect(threats.map((threat) => threat.ruleId)).toEqual([
      "tmt:S2",
      "tmt:S3",
      "tmt:T1",
      "tmt:R6",
      "tmt:I6",
      "tmt:D3",
      "tmt:D4",
      "tmt:E5",
      "tmt:E6",
      "tmt:E7",
      "tmt:8404dcf5-bdd8-4902-abc2-3b6c967b0261",
    ]);
    expect(threats.map((threat) => threat.title)).toContain("Spoofing the Browser External Entity");
    expect(threats.every((threat) => threat.targetId === "flow-1")).toBe(true);
  });

  it("applies exclusions mapped to our flow and element fields", () => {
    const protectedFlow = buildInteraction("external-entity", "process", {
      isCrossing: true,
      flow: { authenticated: true, encrypted: true, forgeryProtection: true },
    });
    expect(ruleIdsFor(protectedFlow)).toEqual([
      "tmt:R6",
      "tmt:D3",
      "tmt:D4",
      "tmt:E5",
      "tmt:E6",
      "tmt:E7",
    ]);
    const authenticatedEntity = buildInteraction(
      ["external-entity", { authentication: "OIDC" }],
      "process",
    );
    expect(ruleIdsFor(authenticatedEntity)).toEqual(["tmt:E5"]);
  });

  it("generates the logging and credential threats of a process writing to a store", () => {
    const model = buildInteraction("process", [
      "data-store",
      { holdsLogs: true, holdsCredentials: true, storeType: "SQL Server" },
    ]);
    expect(ruleIdsFor(model)).toEqual([
      "tmt:S7.1",
      "tmt:T5",
      "tmt:R1",
      "tmt:R2",
      "tmt:R3",
      "tmt:R4",
      "tmt:I24",
      "tmt:D2",
    ]);
  });

  it("never fires the rules that need Microsoft stencil types", () => {
    const model = buildInteraction("external-entity", "process", { isCrossing: true });
    const ids = ruleIdsFor(model);
    for (const id of ["tmt:SU", "tmt:T7", "tmt:T13.1", "tmt:E3"]) expect(ids).not.toContain(id);
  });
});

describe("parseTb7Template on small templates", () => {
  it("converts placeholders, decodes entities and reads bytes", () => {
    const xml = template(threatType("X1", "T", "target is 'GE.P'"));
    const { ruleSet } = parseTb7Template(new TextEncoder().encode(xml));
    expect(ruleSet).toMatchObject({ id: "tmt:t-1", name: "Tiny" });
    expect(ruleSet.rules).toEqual([
      {
        id: "tmt:X1",
        title: "Title of {target.name}",
        description: "About {source.name} & {flow.name}",
        category: "tampering",
        scope: { kind: "interaction", appliesTo: "flow" },
        include: { op: "kind-is", subject: "target", kind: "process" },
        enabled: true,
      },
    ]);
  });

  it("skips abuse threats and filters that break the grammar", () => {
    const { ruleSet, skipped } = parseTb7Template(
      template(
        threatType("A1", "A", "source is 'GE.P'") +
          threatType("B1", "S", "source is 'GE.P' and (") +
          threatType("C1", "S", "source is 'GE.P'"),
      ),
    );
    expect(ruleSet.rules.map((rule) => rule.id)).toEqual(["tmt:C1"]);
    expect(skipped.map((entry) => entry.id)).toEqual(["A1", "B1"]);
  });

  it("makes ids safe and unique", () => {
    const { ruleSet } = parseTb7Template(
      template(threatType("a b|c", "S", "source is 'GE.P'") + threatType("a b|c", "S", "")),
    );
    expect(ruleSet.rules.map((rule) => rule.id)).toEqual(["tmt:a-b-c", "tmt:a-b-c-2"]);
    expect(ruleSet.rules[1]?.include).toEqual({ op: "unknown", text: "" });
  });
});

describe("parseTb7Template on hostile input", () => {
  it("refuses a DOCTYPE with entities (billion laughs)", () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE KnowledgeBase [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<KnowledgeBase><ThreatTypes>${threatType("X", "S", "source is 'GE.P'").replace("Title", "&lol2;")}</ThreatTypes></KnowledgeBase>`;
    expectRefused(() => parseTb7Template(laughs), /DOCTYPE or entities/);
  });

  it("refuses an external entity (XXE), whatever the case", () => {
    const xxe = `<?xml version="1.0"?><!doctype x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><KnowledgeBase>&xxe;</KnowledgeBase>`;
    expectRefused(() => parseTb7Template(xxe), /DOCTYPE or entities/);
  });

  it("refuses input over 10 MiB, as text or bytes", () => {
    const padding = " ".repeat(MAX_TEMPLATE_BYTES);
    expectRefused(() => parseTb7Template(template(padding)), /larger than 10 MiB/);
    expectRefused(
      () => parseTb7Template(new Uint8Array(MAX_TEMPLATE_BYTES + 1)),
      /larger than 10 MiB/,
    );
  });

  it("refuses elements nested too deeply", () => {
    const depth = MAX_TEMPLATE_DEPTH + 5;
    const xml = `<KnowledgeBase>${"<a>".repeat(depth)}${"</a>".repeat(depth)}</KnowledgeBase>`;
    expectRefused(() => parseTb7Template(xml), /deeper than 32 levels/);
  });

  it("refuses filters nested too deeply", () => {
    const include = `${"(".repeat(40)}source is 'GE.P'${")".repeat(40)}`;
    expectRefused(() => parseTb7Template(template(threatType("X", "S", include))), /nested deeper/);
    const nots = `${"not ".repeat(40)}source is 'GE.P'`;
    expectRefused(() => parseTb7Template(template(threatType("X", "S", nots))), /nested deeper/);
  });

  it("refuses malformed XML, bad UTF-8 and files that are not templates", () => {
    expectRefused(() => parseTb7Template("<KnowledgeBase><a></KnowledgeBase>"), /well-formed/);
    expectRefused(() => parseTb7Template(new Uint8Array([0x3c, 0xff, 0xfe, 0x3e])), /UTF-8/);
    expectRefused(() => parseTb7Template("<ThreatModel />"), /not a Threat Modeling Tool/);
  });
});
