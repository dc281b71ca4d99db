import { describe, expect, it } from "vitest";
import { createEmailVerificationToken } from "./email-verification-token";
import { createSignUpTicket, readSignUpTicket } from "./sign-up-ticket";
import { createSignedToken, readSignedToken } from "./signed-token";

const SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

describe("signed tokens", () => {
  it("reads back what it signed, for the same purpose only", () => {
    const token = createSignedToken({ u: "user-1", x: 5 }, SECRET, "purpose a");
    expect(readSignedToken(token, SECRET, "purpose a", 1_000)).toEqual({ u: "user-1", x: 5 });
    expect(readSignedToken(token, SECRET, "purpose b", 1_000)).toBeNull();
    expect(readSignedToken(token, SECRET, "purpose a", token.length - 1)).toBeNull();
  });

  it("never takes an email verification token for a sign-up ticket", () => {
    const now = Date.now();
    const emailed = createEmailVerificationToken(
      { userId: "user-1", email: "a@b.test" },
      SECRET,
      now,
    );
    expect(readSignUpTicket(emailed, SECRET, now)).toBeNull();
    expect(readSignUpTicket(createSignUpTicket("user-1", SECRET, now), SECRET, now)).toBe("user-1");
  });
});
