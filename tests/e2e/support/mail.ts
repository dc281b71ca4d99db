/**
 * The email the app under test sends: with no SMTP_URL (as in playwright.config.ts), each
 * message is an .eml file in the server's data folder.
 */
import fs from "node:fs";
import path from "node:path";
import { verificationTokenIn } from "../../integration/support/mail";

/** The mail folder of the browser tests' server (DATA_DIR is ./data-e2e). */
export const E2E_MAIL_FOLDER = path.join("data-e2e", "mail");

/** The raw messages written to `email` so far, oldest first. */
export function mailTo(email: string): string[] {
  if (!fs.existsSync(E2E_MAIL_FOLDER)) return [];
  return fs
    .readdirSync(E2E_MAIL_FOLDER)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => fs.readFileSync(path.join(E2E_MAIL_FOLDER, name), "utf8"))
    .filter((raw) => raw.includes(`To: ${email}`));
}

/** The token of the newest verification email to `email`, waiting up to `timeoutMs` for it. */
export async function waitForVerificationToken(email: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const token = mailTo(email)
      .map((raw) => verificationTokenIn(raw))
      .filter((found): found is string => found !== null)
      .at(-1);
    if (token) return token;
    if (Date.now() > deadline) throw new Error(`no verification email to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
