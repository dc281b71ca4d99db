import { describe, expect, it } from "vitest";
import { mapMemberIssues, validateMemberDrafts, type MemberDraft } from "./member-draft";

const draft = (overrides: Partial<MemberDraft>): MemberDraft => ({
  key: "u1",
  email: "a@example.com",
  name: "A",
  role: "owner",
  isNew: false,
  ...overrides,
});

describe("members editor", () => {
  it("requires at least one owner", () => {
    expect(validateMemberDrafts([draft({ role: "editor" })])).toMatch(/owner/);
    expect(validateMemberDrafts([draft({})])).toBeNull();
  });

  it("maps API issues to rows by index and keeps the rest", () => {
    const { byRow, general } = mapMemberIssues([
      { path: "members.2.email", message: "No account" },
      { path: "members", message: "Keep one owner" },
      { path: "members.0", message: "Duplicate" },
    ]);
    expect(byRow.get(2)).toBe("No account");
    expect(byRow.get(0)).toBe("Duplicate");
    expect(general).toEqual(["Keep one owner"]);
  });
});
