import { describe, expect, it } from "vitest";
import { formatRemaining } from "./use-facilitation-session";

describe("timebox display", () => {
  it("shows minutes and seconds left, and how far over once it ran out", () => {
    expect(formatRemaining(245_400)).toBe("4:05");
    expect(formatRemaining(0)).toBe("0:00");
    expect(formatRemaining(-12_300)).toBe("-0:12");
  });
});
