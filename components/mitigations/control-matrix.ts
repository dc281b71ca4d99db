import {
  CONTROL_FUNCTIONS,
  CONTROL_TYPES,
  type ControlFunction,
  type ControlType,
  type Mitigation,
} from "@/lib/model/mitigations";

/** One cell of the type x function matrix: a control type and a control function. */
export interface ControlCell {
  controlType: ControlType;
  controlFunction: ControlFunction;
}

/** A cell with the mitigations that have its type and function, in the order given. */
export interface ControlMatrixCell extends ControlCell {
  mitigations: Pick<Mitigation, "id" | "title">[];
}

/** A row of the matrix: one control function across every control type. */
export interface ControlMatrixRow {
  controlFunction: ControlFunction;
  cells: ControlMatrixCell[];
}

type MatrixInput = Pick<Mitigation, "id" | "title" | "controlType" | "controlFunction">;

/**
 * The type x function matrix of Learn's Fix phase: one row per control function (preventive
 * first), one cell per control type (physical, technical, administrative). Every cell is
 * present, empty or not, so gaps in the defence show.
 */
export function buildControlMatrix(mitigations: readonly MatrixInput[]): ControlMatrixRow[] {
  return CONTROL_FUNCTIONS.map((controlFunction) => ({
    controlFunction,
    cells: CONTROL_TYPES.map((controlType) => ({
      controlType,
      controlFunction,
      mitigations: mitigations
        .filter(
          (mitigation) =>
            mitigation.controlType === controlType &&
            mitigation.controlFunction === controlFunction,
        )
        .map(({ id, title }) => ({ id, title })),
    })),
  }));
}

/** True when two cells are the same (null matches nothing). */
export function isSameCell(a: ControlCell | null, b: ControlCell | null): boolean {
  return (
    a !== null &&
    b !== null &&
    a.controlType === b.controlType &&
    a.controlFunction === b.controlFunction
  );
}
