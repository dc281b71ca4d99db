import fs from "node:fs";
import { projectPath } from "@/server/project-root";

/** The common passwords, lower-cased (see common-passwords.README.md). */
let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  commonPasswords ??= new Set(
    fs
      .readFileSync(projectPath("server", "auth", "common-passwords.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== ""),
  );
  return commonPasswords;
}

/** Words of this service that a password must not be built on. */
const SERVICE_WORDS = ["threatroom", "threat room", "threat-room"];
/** Shorter parts of an email are too common to refuse in a password ("bob", "ann"). */
const MIN_CONTEXT_WORD_LENGTH = 4;

/**
 * Why `password` is too easy to guess for this account, or null when it is not: one of the
 * most common passwords, or built on the account's own email address (or its local part) or on
 * the service's name, as NIST SP 800-63B asks verifiers to check. Compared case-insensitively.
 */
export function findPasswordWeakness(password: string, account: { email: string }): string | null {
  const lowered = password.normalize("NFKC").toLowerCase();
  if (loadCommonPasswords().has(lowered)) {
    return "This password is one of the most commonly used; choose another";
  }
  const email = account.email.toLowerCase();
  const localPart = email.split("@")[0] ?? "";
  const contextWords = [email, localPart, ...SERVICE_WORDS].filter(
    (word) => word.length >= MIN_CONTEXT_WORD_LENGTH,
  );
  if (contextWords.some((word) => lowered.includes(word))) {
    return "The password must not contain your email address or the name of this service";
  }
  return null;
}
