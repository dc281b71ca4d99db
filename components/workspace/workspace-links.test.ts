import { describe, expect, it } from "vitest";
import {
  buildDiagramTargetUrl,
  buildThreatListTargetUrl,
  buildThreatOpenUrl,
} from "./workspace-links";

describe("workspace links between threats and the diagram", () => {
  it("opens the diagram tab on the target's diagram with the target selected", () => {
    const url = new URL(
      buildDiagramTargetUrl("https://app.test/models/m1?target=old#main", "d1", "e1"),
    );
    expect(url.pathname).toBe("/models/m1");
    expect(Object.fromEntries(url.searchParams)).toEqual({ diagram: "d1", select: "e1" });
    expect(url.hash).toBe("#main");
  });

  it("opens the threat list filtered to one target, keeping the diagram", () => {
    const url = new URL(
      buildThreatListTargetUrl("https://app.test/models/m1?tab=diagram&diagram=d1&select=e1", "f1"),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tab: "threats",
      diagram: "d1",
      target: "f1",
    });
  });

  it("opens the unfiltered threat list with one threat's details, keeping the diagram", () => {
    const url = new URL(
      buildThreatOpenUrl("https://app.test/models/m1?tab=notes&diagram=d1&target=e1", "t1"),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tab: "threats",
      diagram: "d1",
      threat: "t1",
    });
  });
});
