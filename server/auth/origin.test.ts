import { describe, expect, it } from "vitest";
import { isOriginAllowed } from "./origin";
import { parseCookieHeader } from "./cookies";

const options = {
  publicUrl: "https://threats.example.com",
  trustedOrigins: "https://intranet.example",
  isTls: true,
};

describe("isOriginAllowed", () => {
  it("allows the public origin, the requested host and trusted origins", () => {
    expect(isOriginAllowed({ origin: "https://threats.example.com" }, options)).toBe(true);
    expect(
      isOriginAllowed({ origin: "https://10.0.0.5:8443", host: "10.0.0.5:8443" }, options),
    ).toBe(true);
    expect(isOriginAllowed({ origin: "https://intranet.example" }, options)).toBe(true);
  });

  it("refuses foreign origins and cross-site fetches without Origin", () => {
    expect(
      isOriginAllowed({ origin: "https://evil.example", host: "threats.example.com" }, options),
    ).toBe(false);
    expect(isOriginAllowed({ origin: "null" }, options)).toBe(false);
    expect(isOriginAllowed({ "sec-fetch-site": "cross-site" }, options)).toBe(false);
    expect(isOriginAllowed({ "sec-fetch-site": "same-site" }, options)).toBe(false);
  });

  it("lets non-browser clients without Origin through", () => {
    expect(isOriginAllowed({}, options)).toBe(true);
  });
});

describe("parseCookieHeader", () => {
  it("parses names and decoded values, keeping the first of duplicates", () => {
    expect(parseCookieHeader('a=1; b="two%20words"; a=3; =x; c')).toEqual({
      a: "1",
      b: "two words",
    });
    expect(parseCookieHeader("bad=%E0%A4%A")).toEqual({ bad: "%E0%A4%A" });
    expect(parseCookieHeader(undefined)).toEqual({});
  });
});
