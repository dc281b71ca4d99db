import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { canWriteDocument, ROLES, type Role } from "@/lib/model/roles";
import {
  authorize,
  can,
  INSTANCE_ACTIONS,
  isRuleSetAdmin,
  MODEL_ACTIONS,
  RULE_SET_ACTIONS,
  type PolicyAction,
  type PolicyResource,
} from "./policy";

type Who = Role | "non-member";
const WHO: readonly Who[] = [...ROLES, "non-member"];
const roleOf = (who: Who): Role | null => (who === "non-member" ? null : who);

/** The whole table: what each member (or non-member) may do to a model. */
const MODEL_TABLE: Record<Who, Record<(typeof MODEL_ACTIONS)[number], boolean>> = {
  owner: {
    "model.read": true,
    "model.edit-document": true,
    "model.rename": true,
    "model.delete": true,
    "model.manage-members": true,
    "model.save-version": true,
    "model.restore-version": true,
    "model.run-session": true,
    "model.join-session": true,
    "model.comment": true,
    "model.request-review": true,
  },
  facilitator: {
    "model.read": true,
    "model.edit-document": true,
    "model.rename": true,
    "model.delete": false,
    "model.manage-members": false,
    "model.save-version": true,
    "model.restore-version": true,
    "model.run-session": true,
    "model.join-session": true,
    "model.comment": true,
    "model.request-review": true,
  },
  editor: {
    "model.read": true,
    "model.edit-document": true,
    "model.rename": true,
    "model.delete": false,
    "model.manage-members": false,
    "model.save-version": true,
    "model.restore-version": false,
    "model.run-session": false,
    "model.join-session": true,
    "model.comment": true,
    "model.request-review": true,
  },
  commenter: {
    "model.read": true,
    "model.edit-document": false,
    "model.rename": false,
    "model.delete": false,
    "model.manage-members": false,
    "model.save-version": false,
    "model.restore-version": false,
    "model.run-session": false,
    "model.join-session": true,
    "model.comment": true,
    "model.request-review": false,
  },
  viewer: {
    "model.read": true,
    "model.edit-document": false,
    "model.rename": false,
    "model.delete": false,
    "model.manage-members": false,
    "model.save-version": false,
    "model.restore-version": false,
    "model.run-session": false,
    "model.join-session": false,
    "model.comment": false,
    "model.request-review": false,
  },
  "non-member": {
    "model.read": false,
    "model.edit-document": false,
    "model.rename": false,
    "model.delete": false,
    "model.manage-members": false,
    "model.save-version": false,
    "model.restore-version": false,
    "model.run-session": false,
    "model.join-session": false,
    "model.comment": false,
    "model.request-review": false,
  },
};

describe("can: every role x model action", () => {
  for (const who of WHO) {
    for (const action of MODEL_ACTIONS) {
      for (const isRuleSetAdmin of [false, true]) {
        const expected = MODEL_TABLE[who][action];
        it(`${who}${isRuleSetAdmin ? " (rule-set admin)" : ""} ${expected ? "may" : "may not"} ${action}`, () => {
          const resource: PolicyResource = { kind: "model", role: roleOf(who) };
          expect(can({ isRuleSetAdmin }, action, resource)).toBe(expected);
        });
      }
    }
  }
});

describe("can: rule sets and the instance", () => {
  for (const isRuleSetAdmin of [false, true]) {
    for (const action of RULE_SET_ACTIONS) {
      const expected = action === "rule-sets.manage" ? isRuleSetAdmin : true;
      it(`${isRuleSetAdmin ? "an administrator" : "a user"} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(can({ isRuleSetAdmin }, action, { kind: "rule-sets" })).toBe(expected);
      });
    }
    for (const action of INSTANCE_ACTIONS) {
      const adminOnly =
        action === "instance.revoke-user-sessions" || action === "instance.read-audit-trail";
      const expected = adminOnly ? isRuleSetAdmin : true;
      it(`${isRuleSetAdmin ? "an administrator" : "a user"} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(can({ isRuleSetAdmin }, action, { kind: "instance" })).toBe(expected);
      });
    }
  }

  it("refuses an action asked of the wrong kind of resource", () => {
    const admin = { isRuleSetAdmin: true };
    const mismatched: [PolicyAction, PolicyResource][] = [
      ["rule-sets.manage", { kind: "model", role: "owner" }],
      ["model.delete", { kind: "rule-sets" }],
      ["model.read", { kind: "instance" }],
      ["instance.create-model", { kind: "model", role: "owner" }],
    ];
    for (const [action, resource] of mismatched) expect(can(admin, action, resource)).toBe(false);
  });
});

describe("authorize", () => {
  const codeOf = (run: () => void): string | null => {
    try {
      run();
      return null;
    } catch (error) {
      return error instanceof AppError ? error.code : "other";
    }
  };

  it("answers a non-member not_found and a member without the right forbidden", () => {
    const user = { isRuleSetAdmin: false };
    expect(codeOf(() => authorize(user, "model.delete", { kind: "model", role: null }))).toBe(
      "not_found",
    );
    expect(codeOf(() => authorize(user, "model.delete", { kind: "model", role: "editor" }))).toBe(
      "forbidden",
    );
    expect(codeOf(() => authorize(user, "rule-sets.manage", { kind: "rule-sets" }))).toBe(
      "forbidden",
    );
    expect(
      codeOf(() => authorize(user, "model.read", { kind: "model", role: "viewer" })),
    ).toBeNull();
  });
});

describe("the app's read-only hint", () => {
  it("agrees with the policy for every role", () => {
    for (const role of ROLES) {
      expect(canWriteDocument(role)).toBe(
        can({ isRuleSetAdmin: false }, "model.edit-document", { kind: "model", role }),
      );
    }
  });
});

describe("isRuleSetAdmin", () => {
  const verified = { emailVerified: true, isFirstAccount: false };

  it("makes the listed emails administrators when ADMIN_EMAILS is set", () => {
    const admins = ["ada@example.com"];
    expect(isRuleSetAdmin({ ...verified, email: "Ada@Example.com" }, admins)).toBe(true);
    expect(
      isRuleSetAdmin({ ...verified, email: "bob@example.com", isFirstAccount: true }, admins),
    ).toBe(false);
  });

  it("never makes a listed email an administrator before it is verified", () => {
    const admins = ["ada@example.com"];
    expect(
      isRuleSetAdmin({ ...verified, email: "ada@example.com", emailVerified: false }, admins),
    ).toBe(false);
  });

  it("makes the first account the administrator when ADMIN_EMAILS is unset", () => {
    expect(
      isRuleSetAdmin({ ...verified, email: "bob@example.com", isFirstAccount: true }, []),
    ).toBe(true);
    expect(isRuleSetAdmin({ ...verified, email: "eve@example.com" }, [])).toBe(false);
  });
});
