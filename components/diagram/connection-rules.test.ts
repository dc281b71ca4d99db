import { describe, expect, it } from "vitest";
import { listElements } from "@/lib/model/elements";
import { canConnectElements } from "./connection-rules";
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
