import { describe, expect, it } from "vitest";
import { applySessionCommand, startSession, type CommandContext } from "@/lib/facilitation/session";
import { getCoverageHeat } from "./coverage-heat";

describe("the coverage heat map", () => {
  it("marks each agenda item by how far the group got with it", () => {
    const context: CommandContext = {
      now: 1,
      countThreats: (targetId) => (targetId === "a" ? 1 : 0),
      threatsByRisk: () => [],
    };
    let state = startSession({
      agenda: [
        { targetId: "a", targetKind: "element", name: "A", categories: ["spoofing"] },
        { targetId: "b", targetKind: "element", name: "B", categories: ["tampering"] },
        { targetId: "c", targetKind: "element", name: "C", categories: ["spoofing", "tampering"] },
        { targetId: "d", targetKind: "element", name: "D", categories: ["spoofing"] },
      ],
      facilitatorId: "f",
      now: 0,
    });
    for (let step = 0; step < 3; step += 1)
      state = applySessionCommand(state, { type: "next" }, context);
    expect(Object.fromEntries(getCoverageHeat(state))).toEqual({
      a: "coverage-found",
      b: "coverage-none-found",
      c: "coverage-partial",
      d: "coverage-not-visited",
    });
  });
});
