import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "./password";

/** "correct horse battery staple" as the previous settings (N=2^15, r=8, p=3) stored it. */
const PREVIOUS_HASH =
  "scrypt$32768$8$3$dGhyZWF0LXJvb20tc2FsdA$ULlwLQit99WQUIzQXz-NA9u6n47TiLDMVw20ZUkpWFjI4rvcpkA2WIed7YrGvtF-muq3harvhBku3-_rymtUEQ";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$8192\$8\$10\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
  });

  it("uses one of OWASP's minimum scrypt settings", async () => {
    // Password Storage Cheat Sheet: N=2^17 p=1, N=2^16 p=2, N=2^15 p=3, N=2^14 p=5 or
    // N=2^13 p=10, each with r=8.
    const minimums = ["131072$8$1", "65536$8$2", "32768$8$3", "16384$8$5", "8192$8$10"];
    const [, n, r, p] = (await hashPassword("any password at all")).split("$");
    expect(minimums).toContain(`${n}$${r}$${p}`);
  });

  it("still verifies hashes made with the previous settings, and asks for them to be redone", async () => {
    expect(await verifyPassword("correct horse battery staple", PREVIOUS_HASH)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", PREVIOUS_HASH)).toBe(false);
    expect(needsRehash(PREVIOUS_HASH)).toBe(true);
    expect(needsRehash(await hashPassword("correct horse battery staple"))).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password here")).not.toBe(
      await hashPassword("same password here"),
    );
  });

  it("treats malformed stored hashes as a mismatch", async () => {
    for (const stored of [
      "",
      "plain",
      "scrypt$1$2$3",
      "bcrypt$a$b$c$d$e",
      "scrypt$x$8$1$c2FsdA$aGFzaA",
    ]) {
      expect(await verifyPassword("anything", stored)).toBe(false);
    }
  });
});
