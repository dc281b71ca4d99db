import { describe, expect, it } from "vitest";
import { getListedIssues, ISSUE_LIST_LIMIT } from "./validation-panel";

describe("getListedIssues", () => {
  const issues = Array.from({ length: ISSUE_LIST_LIMIT + 5 }, (_, index) => index);

  it("lists the first ISSUE_LIST_LIMIT issues, in order, until all are asked for", () => {
    expect(getListedIssues(issues, false)).toEqual(issues.slice(0, ISSUE_LIST_LIMIT));
    expect(getListedIssues(issues, true)).toEqual(issues);
  });

  it("lists a short list whole", () => {
    expect(getListedIssues([1, 2, 3], false)).toEqual([1, 2, 3]);
  });
});
