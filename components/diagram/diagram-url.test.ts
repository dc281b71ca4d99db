import { describe, expect, it } from "vitest";
import { buildDiagramUrl, chooseDiagram } from "./diagram-url";

describe("buildDiagramUrl", () => {
  it("sets and removes the diagram, keeping the tab and the hash", () => {
    expect(buildDiagramUrl("http://h/models/m1?tab=diagram#main", "d2")).toBe(
      "http://h/models/m1?tab=diagram&diagram=d2#main",
    );
    expect(buildDiagramUrl("http://h/models/m1?diagram=d2", null)).toBe("http://h/models/m1");
  });
});

describe("chooseDiagram", () => {
  const diagrams = [
    { id: "child", layer: 1 },
    { id: "root", layer: 0 },
  ];
  it("prefers the requested diagram, then a top-level one", () => {
    expect(chooseDiagram(diagrams, "child")?.id).toBe("child");
    expect(chooseDiagram(diagrams, "unknown")?.id).toBe("root");
    expect(chooseDiagram(diagrams, null)?.id).toBe("root");
    expect(chooseDiagram([], null)).toBeNull();
  });
});
