import { describe, expect, it } from "vitest";
import { buildControlMatrix, isSameCell } from "./control-matrix";

const mitigations = [
  { id: "m1", title: "TLS", controlType: "technical", controlFunction: "preventive" },
  { id: "m2", title: "Audit log", controlType: "administrative", controlFunction: "detective" },
  { id: "m3", title: "Firewall", controlType: "technical", controlFunction: "preventive" },
  { id: "m4", title: "Backups", controlType: "technical", controlFunction: "recovery" },
] as const;

describe("buildControlMatrix", () => {
  it("has a row per function and a cell per type, in the method's order", () => {
    const matrix = buildControlMatrix([]);
    expect(matrix.map((row) => row.controlFunction)).toEqual([
      "preventive",
      "detective",
      "corrective",
      "recovery",
      "deterrent",
    ]);
    for (const row of matrix) {
      expect(row.cells.map((cell) => cell.controlType)).toEqual([
        "physical",
        "technical",
        "administrative",
      ]);
      expect(row.cells.every((cell) => cell.mitigations.length === 0)).toBe(true);
    }
  });

  it("puts each mitigation in the cell of its type and function, keeping the order", () => {
    const matrix = buildControlMatrix(mitigations);
    const cellOf = (controlFunction: string, controlType: string) =>
      matrix
        .find((row) => row.controlFunction === controlFunction)
        ?.cells.find((cell) => cell.controlType === controlType);

    expect(cellOf("preventive", "technical")?.mitigations).toEqual([
      { id: "m1", title: "TLS" },
      { id: "m3", title: "Firewall" },
    ]);
    expect(cellOf("detective", "administrative")?.mitigations).toEqual([
      { id: "m2", title: "Audit log" },
    ]);
    expect(cellOf("recovery", "technical")?.mitigations.map((m) => m.id)).toEqual(["m4"]);
    const total = matrix.flatMap((row) => row.cells).reduce((n, c) => n + c.mitigations.length, 0);
    expect(total).toBe(mitigations.length);
  });
});

describe("isSameCell", () => {
  it("compares type and function; null matches nothing", () => {
    const cell = { controlType: "physical", controlFunction: "deterrent" } as const;
    expect(isSameCell(cell, { ...cell })).toBe(true);
    expect(isSameCell(cell, { ...cell, controlType: "technical" })).toBe(false);
    expect(isSameCell(cell, null)).toBe(false);
    expect(isSameCell(null, null)).toBe(false);
  });
});
