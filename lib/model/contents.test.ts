import { describe, expect, it } from "vitest";
import { describeModelContents } from "./contents";

const empty = { diagrams: 1, elements: 0, flows: 0, threats: 0, mitigations: 0, hasNotes: false };

describe("describeModelContents", () => {
  it("names only what the model holds", () => {
    expect(describeModelContents(empty, 0)).toBeNull();
    expect(describeModelContents({ ...empty, threats: 1 }, 0)).toBe("1 threat");
    expect(describeModelContents({ ...empty, elements: 3, flows: 2, hasNotes: true }, 2)).toBe(
      "1 diagram, 3 elements, 2 data flows, the meeting notes and 2 saved versions",
    );
  });
});
