import * as Y from "yjs";
import { AppError } from "@/lib/errors";
import { emptyReport, type ImportReport } from "@/lib/interop/imported-model";
import { LIMITS } from "@/lib/limits";
import { readSchemaVersion, SCHEMA_VERSION } from "@/lib/model/document";
import { listDiagrams } from "@/lib/model/diagrams";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { getTitle } from "@/lib/model/meta";
import { listMitigations } from "@/lib/model/mitigations";
import { countEntities } from "@/lib/model/roots";
import { dropInvalidStubLinks } from "@/lib/model/stub-links";
import { listThreats } from "@/lib/model/threats";
import { encodeIntegratedState, hasPendingContent } from "@/server/collab/integrated-state";

/**
 * Applies a model file's state to a new document and checks it as the server checks any
 * document: complete (no update waiting for a missing one), within the entity limit, of a
 * schema version this server reads. Links between stubs and sub-diagram elements that name an
 * element gone or outside the zoomed process are dropped and reported, so the new model starts
 * with none dangling. Returns the state to store (unchanged when nothing was dropped, so that
 * exporting the new model gives the same file), its title and what it holds. Throws
 * AppError("bad_request") for a damaged or unreadable file.
 */
export function checkNativeModelState(
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
    const droppedLinks = dropInvalidStubLinks(doc);
    if (droppedLinks > 0) {
      report.refused.push(
        `${droppedLinks === 1 ? "A link" : `${droppedLinks} links`} between a stub and a sub-diagram element: the element is gone or not inside the zoomed process`,
      );
    }
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
