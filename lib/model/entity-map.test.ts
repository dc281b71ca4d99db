import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { z } from "zod";
import { DIAGRAM_DEFAULTS } from "./diagrams";
import { createEntityMap } from "./entity-map";
import { ELEMENT_DEFAULTS, addElement, getElement, updateElement } from "./elements";
import { FLOW_DEFAULTS, addFlow, getFlow, updateFlow } from "./flows";
import { MITIGATION_DEFAULTS } from "./mitigations";
import { getElementsMap, getFlowsMap } from "./roots";
import { buildModelDoc, syncDocs } from "./test-helpers";
import { THREAT_DEFAULTS } from "./threats";

/** The keys an entry stores, sorted. */
function storedKeys(root: Y.Map<unknown>, id: string): string[] {
  const entry = root.get(id);
  if (!(entry instanceof Y.Map)) throw new Error(`no entry ${id}`);
  return [...entry.keys()].sort();
}

describe("entries store only what differs from the defaults", () => {
  it("a new element stores its kind and the fields given, and reads back whole", () => {
    const { doc, diagramId } = buildModelDoc();
    const id = addElement(doc, { kind: "data-store", diagramId, name: "Ledger", x: 40 });

    expect(storedKeys(getElementsMap(doc), id)).toEqual(["diagramId", "kind", "name", "x"]);
    expect(getElement(doc, id)).toEqual({
      ...ELEMENT_DEFAULTS["data-store"],
      id,
      diagramId,
      name: "Ledger",
      x: 40,
    });
  });

  it("a new flow keeps its set field, so members added concurrently merge", () => {
    const { doc, diagramId } = buildModelDoc();
    const a = addElement(doc, { kind: "process", diagramId, name: "A" });
    const b = addElement(doc, { kind: "process", diagramId, name: "B" });
    const id = addFlow(doc, { sourceId: a, targetId: b });

    expect(storedKeys(getFlowsMap(doc), id)).toEqual([
      "diagramId",
      "innerElementIds",
      "sourceId",
      "targetId",
    ]);
    expect(getFlow(doc, id)).toEqual({ ...FLOW_DEFAULTS, id, diagramId, sourceId: a, targetId: b });
  });

  it("an entry written with every field, as before, reads the same", () => {
    const { doc, diagramId } = buildModelDoc();
    const full = new Y.Map<unknown>();
    doc.transact(() => {
      getElementsMap(doc).set("old", full);
      for (const [key, value] of Object.entries(ELEMENT_DEFAULTS.process)) full.set(key, value);
      full.set("diagramId", diagramId);
      full.set("name", "Legacy");
    });

    expect(getElement(doc, "old")).toEqual({
      ...ELEMENT_DEFAULTS.process,
      id: "old",
      diagramId,
      name: "Legacy",
    });
    expect(updateElement(doc, "old", { name: "Renamed" })).toBe(true);
    expect(getElement(doc, "old")?.name).toBe("Renamed");
  });

  it("writing a default into a field left out changes nothing; another value is stored", () => {
    const { doc, diagramId } = buildModelDoc();
    const id = addElement(doc, { kind: "process", diagramId, name: "API" });
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));

    expect(updateElement(doc, id, { width: ELEMENT_DEFAULTS.process.width, sandboxed: null })).toBe(
      false,
    );
    expect(updates).toHaveLength(0);

    expect(updateElement(doc, id, { width: 200 })).toBe(true);
    expect(storedKeys(getElementsMap(doc), id)).toContain("width");
    expect(getElement(doc, id)?.width).toBe(200);
    // Back to the default: stored as a value, which reads the same as leaving it out.
    expect(updateElement(doc, id, { width: ELEMENT_DEFAULTS.process.width })).toBe(true);
    expect(getElement(doc, id)?.width).toBe(ELEMENT_DEFAULTS.process.width);
  });

  it("two people setting two fields left out both win", () => {
    const { doc, diagramId } = buildModelDoc();
    const a = addElement(doc, { kind: "process", diagramId, name: "A" });
    const b = addElement(doc, { kind: "process", diagramId, name: "B" });
    const flowId = addFlow(doc, { sourceId: a, targetId: b });
    const peer = new Y.Doc();
    syncDocs(doc, peer);

    updateFlow(doc, flowId, { protocol: "HTTPS" });
    updateFlow(peer, flowId, { encrypted: true });
    syncDocs(doc, peer);

    for (const side of [doc, peer]) {
      expect(getFlow(side, flowId)).toMatchObject({ protocol: "HTTPS", encrypted: true });
    }
  });

  it("stores every field when the defaults read from the fields kept would differ", () => {
    const schema = z.object({ id: z.string(), kind: z.enum(["a", "b"]), size: z.number() });
    const defaultsOf = { a: { kind: "a", size: 1 }, b: { kind: "b", size: 2 } } as const;
    // The defaults depend on `kind`, which is not declared kept: leaving it out of a kind-"a"
    // entry would read back as... nothing at all, so the entry must hold every field.
    const store = createEntityMap({
      noun: "thing",
      getRoot: (doc) => doc.getMap("things"),
      schema,
      getDefaults: (raw) => (raw.kind === "a" || raw.kind === "b" ? defaultsOf[raw.kind] : null),
    });
    const doc = new Y.Doc();
    const id = store.insert(doc, defaultsOf.a, {});

    expect(storedKeys(doc.getMap("things"), id)).toEqual(["kind", "size"]);
    expect(store.get(doc, id)).toEqual({ id, kind: "a", size: 1 });
  });

  it("an entry with a field left out and another malformed repairs only the malformed one", () => {
    const { doc, diagramId } = buildModelDoc();
    const id = addElement(doc, { kind: "process", diagramId, name: "API", x: 5 });
    const entry = getElementsMap(doc).get(id);
    if (!(entry instanceof Y.Map)) throw new Error("no entry");
    entry.set("x", "not a number");

    expect(getElement(doc, id)).toEqual({
      ...ELEMENT_DEFAULTS.process,
      id,
      diagramId,
      name: "API",
      x: ELEMENT_DEFAULTS.process.x,
    });
  });
});

/*
 * Entries leave out fields that hold their default, so a default that changes changes every
 * stored entry that left it out. These are the defaults documents were written with; changing
 * one needs a migration that first writes the old value into the entries that lack the field.
 */
describe("the shipped defaults", () => {
  it("of diagrams, elements, flows, threats and mitigations are unchanged", () => {
    expect(DIAGRAM_DEFAULTS).toMatchInlineSnapshot(`
      {
        "layer": 0,
        "parentElementId": null,
        "title": "Untitled diagram",
      }
    `);
    expect(ELEMENT_DEFAULTS).toMatchInlineSnapshot(`
      {
        "data-store": {
          "accessControl": "",
          "description": "",
          "diagramId": "",
          "diskEncrypted": null,
          "encrypted": null,
          "height": 64,
          "holdsBackups": false,
          "holdsCredentials": false,
          "holdsLogs": false,
          "holdsSecrets": false,
          "kind": "data-store",
          "name": "Data store",
          "outOfScope": false,
          "outOfScopeReason": "",
          "sharesData": false,
          "signed": null,
          "storeType": "",
          "width": 160,
          "x": 0,
          "y": 0,
        },
        "external-entity": {
          "authentication": "",
          "authorization": "",
          "description": "",
          "diagramId": "",
          "entityType": null,
          "height": 80,
          "kind": "external-entity",
          "name": "External entity",
          "outOfScope": false,
          "outOfScopeReason": "",
          "party": null,
          "width": 160,
          "x": 0,
          "y": 0,
        },
        "process": {
          "acceptsInputFrom": null,
          "authentication": "",
          "authorization": "",
          "code": "",
          "description": "",
          "diagramId": "",
          "height": 120,
          "inputValidation": "",
          "kind": "process",
          "name": "Process",
          "outOfScope": false,
          "outOfScopeReason": "",
          "permissionLevel": null,
          "sandboxed": null,
          "width": 120,
          "x": 0,
          "y": 0,
        },
        "trust-boundary": {
          "description": "",
          "diagramId": "",
          "height": 300,
          "kind": "trust-boundary",
          "name": "Trust boundary",
          "outOfScope": false,
          "outOfScopeReason": "",
          "shape": "box",
          "width": 400,
          "x": 0,
          "y": 0,
        },
      }
    `);
    expect(FLOW_DEFAULTS).toMatchInlineSnapshot(`
      {
        "authenticated": null,
        "bidirectional": false,
        "dataCarried": "",
        "diagramId": "",
        "encrypted": null,
        "forgeryProtection": null,
        "innerElementIds": [],
        "name": "",
        "outOfScope": false,
        "outOfScopeReason": "",
        "plane": "data",
        "protocol": "",
        "sequence": null,
        "sourceId": "",
        "targetId": "",
      }
    `);
    expect(THREAT_DEFAULTS).toMatchInlineSnapshot(`
      {
        "acceptedAt": null,
        "acceptedBy": null,
        "asset": "",
        "author": "",
        "bugUrl": null,
        "category": "spoofing",
        "createdAt": 0,
        "description": "",
        "dread": {
          "affectedUsers": null,
          "damage": null,
          "discoverability": null,
          "exploitability": null,
          "reproducibility": null,
        },
        "impact": "",
        "needsReview": false,
        "origin": {
          "kind": "manual",
        },
        "response": null,
        "reviewReason": "",
        "severity": null,
        "status": "open",
        "targetId": null,
        "title": "Untitled threat",
        "updatedAt": 0,
      }
    `);
    expect(MITIGATION_DEFAULTS).toMatchInlineSnapshot(`
      {
        "author": "",
        "controlFunction": "preventive",
        "controlType": "technical",
        "cost": null,
        "createdAt": 0,
        "description": "",
        "effectiveness": null,
        "owner": "",
        "status": "proposed",
        "threatIds": [],
        "title": "Untitled mitigation",
        "updatedAt": 0,
      }
    `);
  });
});
