import { describe, expect, it } from "vitest";
import { describeDeletion, describeDeletionWithThreats } from "./deletion-message";

describe("describeDeletion", () => {
  it("counts elements and data flows, singular and plural", () => {
    expect(describeDeletion({ elementIds: ["a"], flowIds: [], affectedThreatCount: 0 })).toBe(
      "This deletes 1 element.",
    );
    expect(
      describeDeletion({ elementIds: ["a", "b"], flowIds: ["f"], affectedThreatCount: 0 }),
    ).toBe("This deletes 2 elements and 1 data flow.");
    expect(describeDeletion({ elementIds: [], flowIds: ["f", "g"], affectedThreatCount: 0 })).toBe(
      "This deletes 2 data flows.",
    );
  });
});

describe("describeDeletionWithThreats", () => {
  it("says how many threats lose their target", () => {
    expect(
      describeDeletionWithThreats({ elementIds: ["a"], flowIds: [], affectedThreatCount: 1 }),
    ).toBe("This deletes 1 element. 1 threat targets them and will lose its target.");
    expect(
      describeDeletionWithThreats({ elementIds: [], flowIds: ["f"], affectedThreatCount: 3 }),
    ).toBe("This deletes 1 data flow. 3 threats target them and will lose their target.");
  });
});
