import { buildImportedDocument } from "@/lib/interop/build-document";
import type { ImportReport } from "@/lib/interop/imported-model";
import { readImport } from "@/lib/interop/read-import";
import { LIMITS } from "@/lib/limits";
import type { Database } from "@/server/db/client";
import { checkNativeModelState } from "@/server/services/models/check-native-state";
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
    const { state, title, report } = checkNativeModelState(file.state, file.title);
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
