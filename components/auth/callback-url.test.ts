import { describe, expect, it } from "vitest";
import { getSafeCallbackUrl, getSignInUrl } from "./callback-url";
import { getSignInErrorMessage } from "./sign-in-messages";

describe("getSafeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(getSafeCallbackUrl("/models/abc?x=1")).toBe("/models/abc?x=1");
  });

  it("refuses other sites, protocol-relative and backslash tricks", () => {
    for (const value of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
    ]) {
      expect(getSafeCallbackUrl(value)).toBe("/models");
    }
    expect(getSafeCallbackUrl(undefined)).toBe("/models");
    expect(getSafeCallbackUrl(["/a", "/b"])).toBe("/a");
  });

  it("builds the sign-in URL back to a page", () => {
    expect(getSignInUrl("/models/x")).toBe("/signin?callbackUrl=%2Fmodels%2Fx");
  });
});

describe("getSignInErrorMessage", () => {
  it("names wrong credentials and rate limiting", () => {
    expect(getSignInErrorMessage("CredentialsSignin")).toMatch(/incorrect/);
    expect(getSignInErrorMessage("RateLimited")).toMatch(/Too many/);
    expect(getSignInErrorMessage("", 429)).toMatch(/Too many/);
    expect(getSignInErrorMessage("OAuthCallback")).toMatch(/failed/);
  });
});
