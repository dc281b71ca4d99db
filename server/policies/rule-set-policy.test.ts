import { describe, expect, it } from "vitest";
import { can, isRuleSetAdmin } from "./rule-set-policy";

describe("rule-set policy", () => {
  it("makes the listed emails administrators when ADMIN_EMAILS is set", () => {
    const admins = ["ada@example.com"];
    expect(isRuleSetAdmin({ email: "Ada@Example.com", isFirstAccount: false }, admins)).toBe(true);
    expect(isRuleSetAdmin({ email: "bob@example.com", isFirstAccount: true }, admins)).toBe(false);
  });

  it("makes the first account the administrator when ADMIN_EMAILS is unset", () => {
    expect(isRuleSetAdmin({ email: "bob@example.com", isFirstAccount: true }, [])).toBe(true);
    expect(isRuleSetAdmin({ email: "eve@example.com", isFirstAccount: false }, [])).toBe(false);
  });

  it("lets everyone read and use rule sets and only administrators manage them", () => {
    expect([can(false, "read"), can(false, "use"), can(false, "manage")]).toEqual([
      true,
      true,
      false,
    ]);
    expect(can(true, "manage")).toBe(true);
  });
});
