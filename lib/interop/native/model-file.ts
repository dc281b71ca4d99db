import * as Y from "yjs";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CONTEXT_LISTS, listContextItems } from "@/lib/model/context";
import { listDiagrams } from "@/lib/model/diagrams";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { getTitle } from "@/lib/model/meta";
import { listMitigations } from "@/lib/model/mitigations";
import { blockText } from "@/lib/model/notes";
import { getMetaMap, getNotesFragment } from "@/lib/model/roots";
import { listThreats } from "@/lib/model/threats";
import { decodeBase64, encodeBase64 } from "../base64";

/**
 * Our own model file: `threat-room-model`, version 1. The model's shared document travels
 * whole in `state` (its Yjs state, base64), so an export imports back exactly, notes' formatting
 * and all; beside it, the same content as plain JSON (`model`) for people and scripts, written
 * from the document in a fixed order, so that exporting, importing and exporting again gives
 * the same file. Importing reads `state` only, checked like any other update.
 */

export const NATIVE_FORMAT = "threat-room-model";
export const NATIVE_FORMAT_VERSION = 1;

export interface NativeModelFile {
  format: typeof NATIVE_FORMAT;
  formatVersion: typeof NATIVE_FORMAT_VERSION;
  title: string;
  model: {
    description: string;
    context: Record<string, string[]>;
    diagrams: unknown[];
    elements: unknown[];
    flows: unknown[];
    threats: unknown[];
    mitigations: unknown[];
    /** The meeting notes as text, one block a line. */
    notes: string[];
  };
  state: string;
}

/** The model file of a document (pass its integrated state: no pending structs). */
export function exportNativeModel(doc: Y.Doc, state: Uint8Array): NativeModelFile {
  const description = getMetaMap(doc).get("description");
  const notes: string[] = [];
  for (const node of getNotesFragment(doc).toArray()) {
    if (node instanceof Y.XmlElement || node instanceof Y.XmlText) notes.push(blockText(doc, node));
  }
  return {
    format: NATIVE_FORMAT,
    formatVersion: NATIVE_FORMAT_VERSION,
    title: getTitle(doc),
    model: {
      description: typeof description === "string" ? description : "",
      context: Object.fromEntries(
        CONTEXT_LISTS.map((name) => [name, listContextItems(doc, name).map((item) => item.text)]),
      ),
      diagrams: listDiagrams(doc),
      elements: listElements(doc),
      flows: listFlows(doc),
      threats: listThreats(doc),
      mitigations: listMitigations(doc),
      notes,
    },
    state: encodeBase64(state),
  };
}

const nativeEnvelopeSchema = z.object({
  format: z.literal(NATIVE_FORMAT),
  formatVersion: z.number().int(),
  title: z.string(),
  state: z.string(),
});

/** True when `value` claims to be our model file. */
export function isNativeModelFile(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { format?: unknown }).format === NATIVE_FORMAT
  );
}

/** The document state a model file carries; throws AppError("bad_request") when unreadable. */
export function readNativeModelFile(value: unknown): { title: string; state: Uint8Array } {
  const parsed = nativeEnvelopeSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("bad_request", "The model file is damaged: its format fields are missing");
  }
  if (parsed.data.formatVersion > NATIVE_FORMAT_VERSION) {
    throw new AppError(
      "bad_request",
      `The model file is version ${parsed.data.formatVersion}, newer than this server reads (${NATIVE_FORMAT_VERSION}); update the server`,
    );
  }
  const state = decodeBase64(parsed.data.state);
  if (!state)
    throw new AppError("bad_request", "The model file is damaged: its state is not base64");
  return { title: parsed.data.title, state };
}
