import type * as Y from "yjs";
import {
  addMitigation,
  deleteMitigation,
  getMitigation,
  linkThreat,
  unlinkThreat,
  updateMitigation,
  type Mitigation,
  type MitigationPatch,
  type NewMitigationInput,
} from "@/lib/model/mitigations";
import { getModelErrorMessage } from "@/components/threats/model-error-message";

/**
 * The writes the mitigations view makes to the shared document, through the lib/model
 * accessors. Each throws an Error whose message can be shown to the user as it is.
 */
export interface MitigationActions {
  /** Records a new mitigation by the current user; returns its id. */
  add: (input: NewMitigationInput) => string;
  update: (mitigationId: string, patch: MitigationPatch) => void;
  remove: (mitigationId: string) => void;
  link: (mitigationId: string, threatId: string) => void;
  unlink: (mitigationId: string, threatId: string) => void;
  /** The mitigation as stored now, or null. */
  get: (mitigationId: string) => Mitigation | null;
}

function run<T>(fallback: string, write: () => T): T {
  try {
    return write();
  } catch (caught) {
    throw new Error(getModelErrorMessage(caught, fallback), { cause: caught });
  }
}

/** The mitigation writes bound to one document and author. */
export function createMitigationActions(doc: Y.Doc, authorId: string): MitigationActions {
  return {
    add: (input) =>
      run("The mitigation could not be added.", () => addMitigation(doc, input, authorId)),
    update: (mitigationId, patch) =>
      run("The change could not be saved.", () => {
        updateMitigation(doc, mitigationId, patch);
      }),
    remove: (mitigationId) =>
      run("The mitigation could not be deleted.", () => {
        deleteMitigation(doc, mitigationId);
      }),
    link: (mitigationId, threatId) =>
      run("The threat could not be linked.", () => {
        linkThreat(doc, mitigationId, threatId);
      }),
    unlink: (mitigationId, threatId) =>
      run("The threat could not be unlinked.", () => {
        unlinkThreat(doc, mitigationId, threatId);
      }),
    get: (mitigationId) => getMitigation(doc, mitigationId),
  };
}
