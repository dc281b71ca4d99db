import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, createNonce, PERMISSIONS_POLICY } from "./security-headers";

describe("buildContentSecurityPolicy", () => {
  it("allows scripts by nonce only, never inline or eval in production", () => {
    const policy = buildContentSecurityPolicy({ nonce: "abc123", isDev: false });
    const scripts = policy.split("; ").find((part) => part.startsWith("script-src"));
    expect(scripts).toBe(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain(`object-src 'none'`);
    expect(policy).toContain(`frame-ancestors 'none'`);
  });

  it("adds eval for the development server only", () => {
    expect(buildContentSecurityPolicy({ nonce: "n", isDev: true })).toContain(`'unsafe-eval'`);
  });
});

describe("createNonce", () => {
  it("makes a different 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from(createNonce(), "base64")).toHaveLength(16);
  });
});

describe("PERMISSIONS_POLICY", () => {
  it("switches off camera, microphone and geolocation", () => {
    for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) {
      expect(PERMISSIONS_POLICY).toContain(feature);
    }
  });
});
