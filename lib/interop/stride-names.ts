import type { StrideCategory } from "@/lib/model/threats";

/**
 * STRIDE categories as other tools write them: by name in any case ("Information
 * Disclosure", "denial of service") or by letter ("I", "D").
 */

const BY_NAME: Record<string, StrideCategory> = {
  spoofing: "spoofing",
  tampering: "tampering",
  repudiation: "repudiation",
  "information disclosure": "information-disclosure",
  "denial of service": "denial-of-service",
  "elevation of privilege": "elevation-of-privilege",
};

const BY_LETTER: Record<string, StrideCategory> = {
  S: "spoofing",
  T: "tampering",
  R: "repudiation",
  I: "information-disclosure",
  D: "denial-of-service",
  E: "elevation-of-privilege",
};

/** The category a name stands for; null for anything that is not a STRIDE name. */
export function categoryFromName(name: string): StrideCategory | null {
  return (
    BY_NAME[
      name
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, " ")
    ] ?? null
  );
}

/** The category a letter (S, T, R, I, D, E) stands for; null for any other. */
export function categoryFromLetter(letter: string): StrideCategory | null {
  return BY_LETTER[letter.trim().toUpperCase()] ?? null;
}
