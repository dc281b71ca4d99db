import { describe, expect, it } from "vitest";
import { buildOwnerOptions, getOwnerName } from "./owner-options";

const members = [
  { name: "Alice Ortiz", email: "alice@example.test" },
  { name: "", email: "bob@example.test" },
  { name: "Alice Ortiz", email: "alice.o@example.test" },
];

describe("buildOwnerOptions", () => {
  it("offers no owner and each member once, by name", () => {
    expect(buildOwnerOptions(members, "")).toEqual([
      { value: "", label: "No owner" },
      { value: "Alice Ortiz", label: "Alice Ortiz (alice@example.test)" },
      { value: "bob@example.test", label: "bob@example.test" },
    ]);
  });

  it("keeps an owner who is not a member selectable", () => {
    expect(buildOwnerOptions(members, "Platform team").at(-1)).toEqual({
      value: "Platform team",
      label: "Platform team (not a member)",
    });
    expect(buildOwnerOptions(null, "Platform team")).toEqual([
      { value: "", label: "No owner" },
      { value: "Platform team", label: "Platform team" },
    ]);
  });

  it("falls back to the email when a member has no name", () => {
    expect(getOwnerName({ name: "  ", email: "c@example.test" })).toBe("c@example.test");
  });
});
