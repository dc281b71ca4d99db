import { describe, expect, it } from "vitest";
import { findPasswordWeakness } from "./password-policy";

const account = { email: "Ada.Lovelace@example.com" };

describe("findPasswordWeakness", () => {
  it("refuses the most common passwords, whatever their case", () => {
    for (const password of ["qwertyuiop", "1234567890", "Password123", "BASKETBALL"]) {
      expect(findPasswordWeakness(password, account)).toMatch(/most commonly used/);
    }
  });

  it("refuses passwords built on the account's email or the service's name", () => {
    for (const password of [
      "ada.lovelace2024!",
      "xx-Ada.Lovelace@Example.com",
      "my threatroom pass",
    ]) {
      expect(findPasswordWeakness(password, account)).toMatch(/email address or the name/);
    }
  });

  it("accepts an unrelated passphrase", () => {
    expect(findPasswordWeakness("correct horse battery staple", account)).toBeNull();
    // A short local part ("bo") is too common a string to refuse.
    expect(findPasswordWeakness("bonfire of the vanities", { email: "bo@example.com" })).toBeNull();
  });
});
