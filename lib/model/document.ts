import type * as Y from "yjs";
import { z } from "zod";
import { AppError } from "../errors";
import { ensureContextLists } from "./context";
import { addDiagram } from "./diagrams";
import { idSchema, timestampSchema } from "./fields";
import { modelTitleSchema, readStoredSchemaVersion, writeInitialMeta } from "./meta";
import { hasDocumentContent } from "./roots";
import { parseInput } from "./validation";
import { SCHEMA_VERSION } from "./schema-version";

export { SCHEMA_VERSION };

/** The title of the layer-0 diagram every new model starts with. */
export const INITIAL_DIAGRAM_TITLE = "Context diagram";

const initializeOptionsSchema = z.object({
  title: modelTitleSchema,
  ownerId: idSchema,
  createdAt: timestampSchema.optional(),
});

/** What a new model starts with. */
export type InitializeDocumentOptions = z.input<typeof initializeOptionsSchema>;

/**
 * Turns an empty Y.Doc into a new model of the current schema, in one transaction: meta
 * (schemaVersion, title, description "", owner, reviewers none, focus "system", createdAt),
 * empty context lists and a layer-0 "Context diagram", whose id it returns. Throws
 * AppError("bad_request") for invalid options and AppError("conflict") when the document
 * already has content.
 */
export function initializeDocument(
  doc: Y.Doc,
  options: InitializeDocumentOptions,
): { diagramId: string } {
  const parsed = parseInput(initializeOptionsSchema, options, "model");
  if (hasDocumentContent(doc)) {
    throw new AppError("conflict", "The document is already initialized");
  }
  let diagramId = "";
  doc.transact(() => {
    writeInitialMeta(doc, {
      schemaVersion: SCHEMA_VERSION,
      title: parsed.title,
      owner: parsed.ownerId,
      createdAt: parsed.createdAt ?? Date.now(),
    });
    ensureContextLists(doc);
    diagramId = addDiagram(doc, { title: INITIAL_DIAGRAM_TITLE, layer: 0 });
  });
  return { diagramId };
}

/**
 * The schema version of the document: the one stored in meta; 1 when none is stored but the
 * document has content (version 1 predates the field); null for an empty document.
 */
export function readSchemaVersion(doc: Y.Doc): number | null {
  const stored = readStoredSchemaVersion(doc);
  if (stored !== null) return stored;
  return hasDocumentContent(doc) ? 1 : null;
}
