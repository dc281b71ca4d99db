/**
 * Base64 for bytes, the same in the browser and on the server: Node's Buffer where there is
 * one (some forty times faster on a model's state of megabytes), else the platform's
 * btoa/atob over binary strings built a chunk at a time. lib/ does not import Node modules,
 * so Buffer is looked up at run time.
 */

/** Bytes turned into characters per step: under every engine's argument limit. */
const CHUNK = 0x8000;

interface NodeBuffer {
  from(bytes: Uint8Array): { toString(encoding: "base64"): string };
  from(text: string, encoding: "base64"): Uint8Array;
}
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

export function encodeBase64(bytes: Uint8Array): string {
  return nodeBuffer ? nodeBuffer.from(bytes).toString("base64") : encodeBase64WithBtoa(bytes);
}

/** The bytes of base64 text; null when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, "");
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  return nodeBuffer ? new Uint8Array(nodeBuffer.from(clean, "base64")) : decodeWithAtob(clean);
}

/** encodeBase64 without Node's Buffer (in the browser). */
export function encodeBase64WithBtoa(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let index = 0; index < bytes.length; index += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(index, index + CHUNK)));
  }
  return btoa(parts.join(""));
}

/** Base64 already checked for its alphabet and length, decoded without Node's Buffer. */
export function decodeWithAtob(clean: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(clean);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
