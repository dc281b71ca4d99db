import { describe, expect, it } from "vitest";
import { decodeBase64, decodeWithAtob, encodeBase64, encodeBase64WithBtoa } from "./base64";

describe("base64", () => {
  it("round-trips every byte value and large inputs, and refuses what is not base64", () => {
    const all = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(decodeBase64(encodeBase64(all))).toEqual(all);
    const large = Uint8Array.from({ length: 100_003 }, (_, index) => (index * 31) % 256);
    expect(decodeBase64(encodeBase64(large))).toEqual(large);
    expect(encodeBase64(new TextEncoder().encode("Man"))).toBe("TWFu");
    expect(encodeBase64(new TextEncoder().encode("Ma"))).toBe("TWE=");
    expect(decodeBase64("***")).toBeNull();
    expect(decodeBase64("TWE")).toBeNull();
  });

  it("gives the same answers without Node's Buffer, as in the browser", () => {
    const large = Uint8Array.from({ length: 100_003 }, (_, index) => (index * 31) % 256);
    expect(encodeBase64WithBtoa(large)).toBe(encodeBase64(large));
    expect(decodeWithAtob(encodeBase64(large))).toEqual(large);
  });
});
