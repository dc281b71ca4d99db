import { describe, expect, it } from "vitest";
import {
  createEmailVerificationToken,
  EMAIL_VERIFICATION_TTL_MS,
  readEmailVerificationToken,
} from "./email-verification-token";

const SECRET = "a-secret-of-at-least-thirty-two-characters";
const claim = { userId: "u1", email: "ada@example.test" };

describe("email verification tokens", () => {
  it("read back what they were made with, until they expire", () => {
    const now = 1_000_000;
    const token = createEmailVerificationToken(claim, SECRET, now);
    expect(readEmailVerificationToken(token, SECRET, now + 1)).toEqual(claim);
    expect(readEmailVerificationToken(token, SECRET, now + EMAIL_VERIFICATION_TTL_MS)).toBeNull();
  });

  it("are refused when signed with another secret", () => {
    const token = createEmailVerificationToken(claim, SECRET);
    expect(readEmailVerificationToken(token, `${SECRET}-other`)).toBeNull();
  });

  it("are refused when the claim is changed, whatever the change", () => {
    const token = createEmailVerificationToken(claim, SECRET);
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ u: "u1", e: "mallory@example.test", x: Date.now() + 60_000 }),
    ).toString("base64url");
    expect(readEmailVerificationToken(`${forged}.${signature}`, SECRET)).toBeNull();
    expect(readEmailVerificationToken(`${payload}.${signature}x`, SECRET)).toBeNull();
    expect(readEmailVerificationToken(`${payload}`, SECRET)).toBeNull();
    expect(readEmailVerificationToken(`${token}.extra`, SECRET)).toBeNull();
    expect(readEmailVerificationToken("", SECRET)).toBeNull();
  });
});
