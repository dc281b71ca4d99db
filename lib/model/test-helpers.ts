import { expect } from "vitest";
import * as Y from "yjs";
import { AppError } from "../errors";
import type { ErrorCode } from "../errors";
import { openSubDiagram } from "./diagrams";
import { initializeDocument } from "./document";
import { addElement } from "./elements";
import { addFlow } from "./flows";

/*
 * Factories and helpers for the unit tests of lib/model (not exported from index.ts).
 */

/** A new, initialized model document and the id of its context diagram. */
export function buildModelDoc(overrides: { title?: string; ownerId?: string } = {}): {
  doc: Y.Doc;
  diagramId: string;
} {
  const doc = new Y.Doc();
  const { diagramId } = initializeDocument(doc, {
    title: overrides.title ?? "Test model",
    ownerId: overrides.ownerId ?? "user-owner",
    createdAt: 1_700_000_000_000,
  });
  return { doc, diagramId };
}

/**
 * User -> API on the context diagram, and the API's sub-diagram (`inner`) with a Parser inside,
 * not yet joined to the Request flow's stub.
 */
export function buildZoomedProcessDoc() {
  const { doc, diagramId } = buildModelDoc();
  const user = addElement(doc, { kind: "external-entity", diagramId, name: "User" });
  const api = addElement(doc, { kind: "process", diagramId, name: "API" });
  const request = addFlow(doc, { sourceId: user, targetId: api, name: "Request" });
  const inner = openSubDiagram(doc, api);
  const parser = addElement(doc, { kind: "process", diagramId: inner, name: "Parser" });
  return { doc, diagramId, user, api, request, inner, parser };
}

/** A second replica of `doc`, as a peer that has just synced would hold it. */
export function cloneDoc(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
}

/** Exchanges the missing updates both ways, as two connected peers eventually do. */
export function syncDocs(a: Y.Doc, b: Y.Doc): void {
  const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, forB);
  Y.applyUpdate(a, forA);
}

/** Runs `run`, expects it to throw an AppError with this code, and returns the error. */
export function expectAppError(run: () => unknown, code: ErrorCode): AppError {
  let caught: unknown = null;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  if (!(caught instanceof AppError)) throw new Error(`expected AppError(${code})`);
  expect(caught.code).toBe(code);
  return caught;
}

/**
 * A value as an untyped peer or script would send it: through JSON, with no compile-time type.
 * Tests pass deliberately invalid input through it to check the accessors' run-time validation,
 * which is what stands between the document and such callers.
 */
export function receivedFromPeer(value: unknown): never;
export function receivedFromPeer(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
