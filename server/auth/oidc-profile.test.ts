import { describe, expect, it } from "vitest";
import { isOidcProfileAcceptable } from "./oidc-profile";

describe("isOidcProfileAcceptable", () => {
  const profile = { sub: "abc", email: "ada@example.com", name: "Ada" };

  it("accepts a profile whose email the provider verified", () => {
    expect(isOidcProfileAcceptable({ ...profile, email_verified: true })).toBe(true);
  });

  it("refuses an unverified, unstated or malformed email", () => {
    expect(isOidcProfileAcceptable({ ...profile, email_verified: false })).toBe(false);
    expect(isOidcProfileAcceptable(profile)).toBe(false);
    expect(isOidcProfileAcceptable({ ...profile, email_verified: "true" })).toBe(false);
    expect(isOidcProfileAcceptable({ sub: "abc", email_verified: true })).toBe(false);
    expect(isOidcProfileAcceptable(null)).toBe(false);
  });
});
