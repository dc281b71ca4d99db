import * as Y from "yjs";
import { AppError } from "@/lib/errors";
import { buildImportedDocument } from "@/lib/interop/build-document";
import { emptyReport, type ImportReport } from "@/lib/interop/imported-model";
import { readImport } from "@/lib/interop/read-import";
import { LIMITS } from "@/lib/limits";
import { readSchemaVersion, SCHEMA_VERSION } from "@/lib/model/document";
import { listDiagrams } from "@/lib/model/diagrams";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { getTitle } from "@/lib/model/meta";
import { listMitigations } from "@/lib/model/mitigations";
import { countEntities } from "@/lib/model/roots";
import { listThreats } from "@/lib/model/threats";
import { encodeIntegratedState, hasPendingContent } from "@/server/collab/integrated-state";
import type { Database } from "@/server/db/client";
import { createModel } from "@/server/services/models/create-model";
import type { PublicModel } from "@/server/services/models/present-model";

/**
 * Creates a new model from a file: another tool's (read and mapped by lib/interop, written into
 * the new model's first document) or our own model file (its document state, checked). All or
 * nothing: a file that cannot be read, or content the model refuses, creates no model. Returns
 * the model and the import's report (what mapped, what was kept as text, what was refused).
 */
export async function importModel(
  db: Database,
  options: { ownerId: string; bytes: Uint8Array; hourlyLimit?: number },
): Promise<{ model: PublicModel; report: ImportReport }> {
  const file = readImport(options.bytes);
  if (file.kind === "native") {
    const { state, title, report } = checkNativeState(file.state, file.title);
    const model = await createModel(db, {
      ownerId: options.ownerId,
      title,
      hourlyLimit: options.hourlyLimit,
      initialState: state,
      auditDetail: { importedFrom: "threat-room-model" },
    });
    return { model, report };
  }
  const imported = file.model;
  let report: ImportReport | null = null;
  const model = await createModel(db, {
    ownerId: options.ownerId,
    title: imported.title.slice(0, LIMITS.modelTitleLength),
    hourlyLimit: options.hourlyLimit,
    populate: (doc) => {
      report = buildImportedDocument(doc, imported, options.ownerId);
    },
    auditDetail: { importedFrom: imported.format },
  });
  if (!report) throw new Error("the import wrote no document");
  return { model, report };
}

/**
 * Applies a model file's state to a new document and checks it as the server checks any
 * document: complete (no update waiting for a missing one), within the entity limit, of a
 * schema version this server reads. Returns the state as stored (unchanged, so that exporting
 * the new model gives the same file), its title and what it holds.
 */
function checkNativeState(
  bytes: Uint8Array,
  fileTitle: string,
): { state: Uint8Array; title: string; report: ImportReport } {
  const doc = new Y.Doc();
  try {
    try {
      Y.applyUpdate(doc, bytes);
    } catch {
      throw new AppError("bad_request", "The model file is damaged: its state cannot be read");
    }
    if (hasPendingContent(doc)) {
      throw new AppError("bad_request", "The model file is damaged: its state is incomplete");
    }
    if (countEntities(doc) > LIMITS.entitiesPerDocument) {
      throw new AppError(
        "bad_request",
        `The model holds more than ${LIMITS.entitiesPerDocument} entities`,
      );
    }
    const version = readSchemaVersion(doc);
    if (version === null) throw new AppError("bad_request", "The model file holds no model");
    if (version > SCHEMA_VERSION) {
      throw new AppError(
        "bad_request",
        "The model file comes from a newer version of this product; update the server",
      );
    }
    const report = emptyReport();
    report.mapped = {
      diagrams: listDiagrams(doc).length,
      elements: listElements(doc).length,
      flows: listFlows(doc).length,
      threats: listThreats(doc).length,
      mitigations: listMitigations(doc).length,
    };
    const title = (getTitle(doc) || fileTitle || "Imported model").slice(
      0,
      LIMITS.modelTitleLength,
    );
    return { state: encodeIntegratedState(doc), title, report };
  } finally {
    doc.destroy();
  }
}
