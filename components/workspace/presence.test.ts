import { describe, expect, it } from "vitest";
import { getParticipants } from "./presence";

describe("getParticipants", () => {
  it("lists each user once even with several tabs, the current user first", () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: "u2", name: "Zoe", color: "#1d4ed8" } }],
      [2, { user: { id: "u1", name: "Me", color: "#047857" } }],
      [3, { user: { id: "u2", name: "Zoe", color: "#1d4ed8" } }],
      [4, { user: { id: "u3", name: "Adam", color: "#b91c1c" } }],
    ]);
    expect(getParticipants(states, "u1").map((participant) => participant.id)).toEqual([
      "u1",
      "u3",
      "u2",
    ]);
    expect(getParticipants(states, "u1")[0]?.isSelf).toBe(true);
  });

  it("ignores states without a valid user (other clients are not trusted)", () => {
    const states = new Map<number, unknown>([
      [1, {}],
      [2, { user: { id: "u1", name: "Eve", color: "red; background: url(x)" } }],
      [3, { user: { id: 42, name: "Mallory", color: "#000000" } }],
      [4, null],
    ]);
    expect(getParticipants(states, null)).toEqual([]);
  });
});
