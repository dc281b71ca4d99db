/// <reference types="vite/client" />
import { fromBase64 } from "lib0/buffer";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { z } from "zod";
import { AppError } from "../errors";
import { SCHEMA_VERSION, readSchemaVersion } from "./document";
import { getContext } from "./context";
import { getMeta, getTitle } from "./meta";
import { MIGRATIONS, isSchemaCompatible, migrateDocument } from "./migrations";
import { getMetaMap, getThreatsMap } from "./roots";
import { buildModelDoc } from "./test-helpers";
import { getThreat, listThreats } from "./threats";

/** Every file in fixtures/ is an old document; a new migration needs a fixture of its `from`. */
const fixtureSchema = z.strictObject({
  schemaVersion: z.number().int().positive(),
  description: z.string().min(1),
  updateBase64: z.string().min(1),
});
const fixtureFiles = import.meta.glob<unknown>("./fixtures/*.json", {
  eager: true,
  import: "default",
});
const fixtures = Object.entries(fixtureFiles).map(([path, content]) => ({
  path,
  ...fixtureSchema.parse(content),
}));

function loadFixture(fixture: { updateBase64: string }): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(fixture.updateBase64));
  return doc;
}

function loadV1(): Y.Doc {
  const fixture = fixtures.find((candidate) => candidate.path === "./fixtures/v1-document.json");
  if (fixture === undefined) throw new Error("the v1 fixture is missing");
  return loadFixture(fixture);
}

describe("MIGRATIONS", () => {
  it("is an unbroken chain of single steps ending at SCHEMA_VERSION", () => {
    MIGRATIONS.forEach((migration, index) => {
      expect(migration.to).toBe(migration.from + 1);
      if (index > 0) expect(migration.from).toBe(MIGRATIONS[index - 1]?.to);
    });
    expect(MIGRATIONS.at(-1)?.to).toBe(SCHEMA_VERSION);
    expect(MIGRATIONS[0]?.from).toBe(1);
  });

  it("starts every migration from a fixture of its own `from` version", () => {
    // A migration counts as exercised only when a fixture of exactly its `from` version runs
    // it first: reaching it at the end of an older fixture's chain does not test its input.
    const exercised = new Set<number>();
    for (const fixture of fixtures) {
      const doc = loadFixture(fixture);
      expect(readSchemaVersion(doc), fixture.path).toBe(fixture.schemaVersion);
      const result = migrateDocument(doc);
      expect(result, fixture.path).toEqual({
        from: fixture.schemaVersion,
        to: SCHEMA_VERSION,
        applied: SCHEMA_VERSION - fixture.schemaVersion,
      });
      exercised.add(result.from);
    }
    const unexercised = MIGRATIONS.filter((migration) => !exercised.has(migration.from));
    expect(unexercised.map((m) => `${m.from} -> ${m.to}`)).toEqual([]);
  });
});

describe("migrateDocument on the v1 fixture", () => {
  it("holds a genuine v1 document", () => {
    const doc = loadV1();
    expect(readSchemaVersion(doc)).toBe(1);
    const threats = getThreatsMap(doc);
    expect(threats.size).toBe(3);
    threats.forEach((entry) => {
      expect(entry).toBeInstanceOf(Y.Map);
      if (entry instanceof Y.Map) {
        expect(entry.get("stride")).toMatch(/^[STRIDE]$/);
        expect(entry.has("category")).toBe(false);
      }
    });
  });

  it("converts every threat's category and status", () => {
    const doc = loadV1();
    expect(migrateDocument(doc)).toEqual({
      from: 1,
      to: SCHEMA_VERSION,
      applied: SCHEMA_VERSION - 1,
    });

    expect(readSchemaVersion(doc)).toBe(SCHEMA_VERSION);
    expect(getTitle(doc)).toBe("Payments API (v1 fixture)");
    expect(listThreats(doc).map(({ id, category, status }) => ({ id, category, status }))).toEqual([
      { id: "thrV1Spoofing00000001", category: "spoofing", status: "open" },
      { id: "thrV1Disclosure000002", category: "information-disclosure", status: "mitigated" },
      { id: "thrV1Elevation0000003", category: "elevation-of-privilege", status: "not-applicable" },
    ]);
    getThreatsMap(doc).forEach((entry) => {
      if (entry instanceof Y.Map) expect(entry.has("stride")).toBe(false);
    });
    // Fields version 1 lacked read as their defaults.
    expect(getThreat(doc, "thrV1Spoofing00000001")).toMatchObject({
      author: "user-v1-owner",
      origin: { kind: "manual" },
      severity: null,
      createdAt: 1_700_000_000_000,
      updatedAt: 0,
    });
    expect(getContext(doc).assets).toEqual([]);
  });

  it("is idempotent: a second run changes nothing", () => {
    const doc = loadV1();
    migrateDocument(doc);
    const before = Y.encodeStateVector(doc);
    let updates = 0;
    doc.on("update", () => {
      updates += 1;
    });

    expect(migrateDocument(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: 0 });
    expect(updates).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("runs each step in one transaction", () => {
    const doc = loadV1();
    let updates = 0;
    doc.on("update", () => {
      updates += 1;
    });
    migrateDocument(doc);
    expect(updates).toBe(MIGRATIONS.length);
  });
});

describe("migrateDocument", () => {
  it("treats a document with content but no schemaVersion as version 1", () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      getMetaMap(doc).set("title", "Unversioned");
      const entry = new Y.Map<unknown>();
      getThreatsMap(doc).set("t1", entry);
      entry.set("title", "Old threat");
      entry.set("stride", "D");
      entry.set("status", "Accepted");
    });
    expect(readSchemaVersion(doc)).toBe(1);

    expect(migrateDocument(doc)).toMatchObject({ from: 1, to: SCHEMA_VERSION });
    expect(getThreat(doc, "t1")).toMatchObject({ category: "denial-of-service", status: "open" });
    expect(getMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it("leaves an empty document alone", () => {
    const doc = new Y.Doc();
    expect(migrateDocument(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: 0 });
    expect(readSchemaVersion(doc)).toBeNull();
  });

  it("does nothing to a new document", () => {
    const { doc } = buildModelDoc();
    const before = Y.encodeStateAsUpdate(doc);
    expect(migrateDocument(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: 0 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("refuses a document newer than this code", () => {
    const { doc } = buildModelDoc();
    getMetaMap(doc).set("schemaVersion", SCHEMA_VERSION + 1);
    let caught: unknown = null;
    try {
      migrateDocument(doc);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught instanceof AppError && caught.code).toBe("conflict");
    expect(readSchemaVersion(doc)).toBe(SCHEMA_VERSION + 1);
  });
});

describe("isSchemaCompatible", () => {
  it("accepts only the current version", () => {
    expect(isSchemaCompatible(SCHEMA_VERSION)).toBe(true);
    expect(isSchemaCompatible(SCHEMA_VERSION - 1)).toBe(false);
    expect(isSchemaCompatible(SCHEMA_VERSION + 1)).toBe(false);
    expect(isSchemaCompatible(Number.NaN)).toBe(false);
  });
});
