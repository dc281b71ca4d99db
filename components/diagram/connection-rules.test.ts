import { describe, expect, it } from "vitest";
import { listElements } from "@/lib/model/elements";
import { canConnectElements, getStubConnection } from "./connection-rules";
import { buildSmallDiagram } from "./test-factories";

describe("canConnectElements", () => {
  const { doc, browser, web, internet } = buildSmallDiagram();
  const elementsById = new Map(listElements(doc).map((element) => [element.id, element]));

  it("joins two different elements of the diagram", () => {
    expect(canConnectElements(elementsById, { source: browser, target: web })).toBe(true);
  });

  it("refuses loops, unknown ends and trust boundaries", () => {
    expect(canConnectElements(elementsById, { source: web, target: web })).toBe(false);
    expect(canConnectElements(elementsById, { source: web, target: "gone" })).toBe(false);
    expect(canConnectElements(elementsById, { source: internet, target: web })).toBe(false);
    expect(canConnectElements(elementsById, { source: browser, target: internet })).toBe(false);
  });
});

describe("getStubConnection", () => {
  const { doc, web, internet } = buildSmallDiagram();
  const elementsById = new Map(listElements(doc).map((element) => [element.id, element]));

  it("reads a stub joined to an element, from either end", () => {
    const link = { flowId: "parent-flow", elementId: web };
    expect(getStubConnection(elementsById, { source: "stub:parent-flow", target: web })).toEqual(
      link,
    );
    expect(getStubConnection(elementsById, { source: web, target: "stub:parent-flow" })).toEqual(
      link,
    );
  });

  it("refuses two stubs, boundaries, unknown elements and plain flows", () => {
    expect(getStubConnection(elementsById, { source: "stub:a", target: "stub:b" })).toBeNull();
    expect(getStubConnection(elementsById, { source: "stub:a", target: internet })).toBeNull();
    expect(getStubConnection(elementsById, { source: "stub:a", target: "gone" })).toBeNull();
    expect(getStubConnection(elementsById, { source: web, target: internet })).toBeNull();
  });
});
