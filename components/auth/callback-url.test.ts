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
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "\t//evil.example",
      "/\\/evil.example",
      "/ /evil.example".replace(" ", "\u0000"),
      "https:/evil.example",
    ]) {
      expect(getSafeCallbackUrl(value)).toBe("/models");
    }
    expect(getSafeCallbackUrl(undefined)).toBe("/models");
    expect(getSafeCallbackUrl(["/a", "/b"])).toBe("/a");
  });

  it("returns the path as a browser reads it", () => {
    expect(getSafeCallbackUrl("/models/../settings/tokens")).toBe("/settings/tokens");
    expect(getSafeCallbackUrl("/models/a b")).toBe("/models/a%20b");
    expect(getSafeCallbackUrl("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
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
