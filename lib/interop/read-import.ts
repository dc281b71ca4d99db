import { locateJsonError } from "../parse-json";
import { AppError } from "@/lib/errors";
import type { ImportedModel } from "./imported-model";
import { isNativeModelFile, readNativeModelFile } from "./native/model-file";
import { isOtm, parseOtm } from "./otm/parse";
import { isThreatComposer, parseThreatComposer } from "./threat-composer/parse";
import { isTm7, parseTm7 } from "./tmt/tm7";
import { isThreatDragonModel, parseThreatDragon } from "./threat-dragon/parse";

/** Largest file an import reads. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Deepest nesting of arrays and objects an imported JSON file may have. */
export const MAX_IMPORT_DEPTH = 64;

/** The formats an import recognises, as the error for an unknown file lists them. */
export const IMPORT_FORMATS = [
  "this product's model file",
  "Threat Dragon v2 JSON",
  "Threat Dragon v1 JSON",
  "Microsoft Threat Modeling Tool .tm7",
  "threat-composer .tc.json",
  "Open Threat Model (OTM) JSON",
] as const;

/** What a file holds: another tool's model, mapped, or our own model file's document state. */
export type ImportedFile =
  { kind: "mapped"; model: ImportedModel } | { kind: "native"; title: string; state: Uint8Array };

/**
 * The deepest nesting of `[` and `{` in JSON text, outside strings: checked before parsing, so
 * that a hostile file cannot make the parser or anything walking the result recurse deeply.
 */
export function measureJsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let isInString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (isInString) {
      if (char === 0x5c) index += 1;
      else if (char === 0x22) isInString = false;
    } else if (char === 0x22) {
      isInString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
}

/**
 * Reads an uploaded file into an ImportedModel, recognising its format by its content. Throws
 * AppError("bad_request") with what is wrong: not UTF-8, not JSON, nested too deep, a format
 * not imported, or a damaged file of a known format. Pure: the caller reads the bytes.
 */
export function readImport(bytes: Uint8Array): ImportedFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The file is not text (UTF-8)");
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith("<") && isTm7(trimmed))
    return { kind: "mapped", model: parseTm7(trimmed) };
  if (trimmed.startsWith("<")) {
    throw new AppError(
      "bad_request",
      `This XML file is not a Threat Modeling Tool model; the formats imported are ${IMPORT_FORMATS.join(", ")}`,
    );
  }
  if (measureJsonDepth(text, MAX_IMPORT_DEPTH) > MAX_IMPORT_DEPTH) {
    throw new AppError("bad_request", `The file nests deeper than ${MAX_IMPORT_DEPTH} levels`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    throw new AppError(
      "bad_request",
      where
        ? `The file is not valid JSON: ${where.reason} at line ${where.line}, column ${where.column}`
        : "The file is not valid JSON",
    );
  }
  if (isNativeModelFile(json)) return { kind: "native", ...readNativeModelFile(json) };
  if (isThreatDragonModel(json)) return { kind: "mapped", model: parseThreatDragon(json) };
  if (isOtm(json)) return { kind: "mapped", model: parseOtm(json) };
  if (isThreatComposer(json)) return { kind: "mapped", model: parseThreatComposer(json) };
  throw new AppError(
    "bad_request",
    `The file is not in a format imported here; the formats imported are ${IMPORT_FORMATS.join(", ")}`,
  );
}
