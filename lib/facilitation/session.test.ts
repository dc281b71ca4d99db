import { describe, expect, it } from "vitest";
import type { StrideCategory } from "@/lib/model/threats";
import type { AgendaItem } from "./agenda";
import {
  applySessionCommand,
  getCoverage,
  getCoverageSummary,
  getCurrentCategory,
  getCurrentItem,
  getRemainingMs,
  SessionCommandError,
  startSession,
  type CommandContext,
  type SessionCommand,
  type SessionState,
} from "./session";

const agenda: AgendaItem[] = [
  {
    targetId: "login",
    targetKind: "flow",
    name: "Login",
    categories: ["tampering", "information-disclosure"],
  },
  {
    targetId: "user",
    targetKind: "element",
    name: "User",
    categories: ["spoofing", "repudiation"],
  },
  { targetId: "db", targetKind: "element", name: "DB", categories: ["tampering"] },
];

/** A clock and a threat list the tests control. */
function harness() {
  let now = 1_000_000;
  const threats = new Set<string>();
  const context = (): CommandContext => ({
    now,
    countThreats: (targetId: string, category: StrideCategory) =>
      threats.has(`${targetId}:${category}`) ? 1 : 0,
    threatsByRisk: () => ["t-high", "t-low"],
  });
  let state = startSession({ agenda, facilitatorId: "f1", now });
  return {
    get state(): SessionState {
      return state;
    },
    run(command: SessionCommand) {
      state = applySessionCommand(state, command, context());
      return state;
    },
    wait(ms: number) {
      now += ms;
    },
    recordThreat(targetId: string, category: StrideCategory) {
      threats.add(`${targetId}:${category}`);
    },
  };
}

const position = (state: SessionState) => [
  getCurrentItem(state)?.targetId,
  getCurrentCategory(state),
];

describe("a facilitated session", () => {
  it("walks each category of each item, and records found or none-found for each cell it leaves", () => {
    const session = harness();
    expect(position(session.state)).toEqual(["login", "tampering"]);
    session.recordThreat("login", "tampering");
    session.run({ type: "next" });
    expect(position(session.state)).toEqual(["login", "information-disclosure"]);
    session.run({ type: "next" });
    expect(position(session.state)).toEqual(["user", "spoofing"]);
    expect(getCoverage(session.state, "login", "tampering")).toBe("found");
    expect(getCoverage(session.state, "login", "information-disclosure")).toBe("none-found");
    expect(getCoverage(session.state, "user", "spoofing")).toBe("not-visited");
    session.run({ type: "previous" });
    expect(position(session.state)).toEqual(["login", "information-disclosure"]);
  });

  it("skips a category or an item only with a reason, and skips over skipped items", () => {
    const session = harness();
    expect(() => session.run({ type: "skip-category", reason: "  " })).toThrow(SessionCommandError);
    session.run({ type: "skip-category", reason: "TLS everywhere, covered last quarter" });
    expect(getCoverage(session.state, "login", "tampering")).toBe("skipped");
    expect(session.state.coverage.login?.tampering?.reason).toBe(
      "TLS everywhere, covered last quarter",
    );
    session.run({ type: "skip-item", targetId: "user", reason: "Out of this release" });
    session.run({ type: "next" });
    expect(position(session.state)).toEqual(["db", "tampering"]);
    expect(getCoverage(session.state, "user", "repudiation")).toBe("skipped");
    expect(getCoverageSummary(session.state)).toEqual({
      cells: 5,
      visited: 4,
      found: 0,
      noneFound: 1,
      skipped: 3,
    });
  });

  it("reorders and adds items without losing the group's place", () => {
    const session = harness();
    session.run({ type: "move-item", targetId: "db", toIndex: 0 });
    expect(session.state.agenda.map((item) => item.targetId)).toEqual(["db", "login", "user"]);
    expect(position(session.state)).toEqual(["login", "tampering"]);
    session.run({
      type: "add-item",
      item: { targetId: "api", targetKind: "element", name: "API", categories: ["spoofing"] },
    });
    expect(session.state.agenda).toHaveLength(4);
    expect(() =>
      session.run({
        type: "add-item",
        item: { targetId: "api", targetKind: "element", name: "API", categories: ["spoofing"] },
      }),
    ).toThrow(/already on the agenda/);
  });

  it("moves through the phases: Fix walks the threats by risk, and time is counted per phase and item", () => {
    const session = harness();
    session.wait(60_000);
    session.run({ type: "next" });
    session.wait(30_000);
    session.run({ type: "set-phase", phase: "fix" });
    expect(session.state.timeSpent.phases.find).toBe(90_000);
    expect(session.state.timeSpent.items.login).toBe(90_000);
    expect(getCurrentItem(session.state)).toBeNull();
    expect(session.state.fixOrder).toEqual(["t-high", "t-low"]);
    session.run({ type: "next" });
    session.run({ type: "next" });
    expect(session.state.fixIndex).toBe(1);
    session.wait(10_000);
    session.run({ type: "end" });
    expect(session.state.status).toBe("ended");
    expect(session.state.timeSpent.phases.fix).toBe(10_000);
    expect(() => session.run({ type: "next" })).toThrow(/ended/);
  });

  it("keeps timeboxes on the server's clock and lets the facilitator extend them", () => {
    const session = harness();
    const start = session.state.itemTimer.startedAt;
    expect(getRemainingMs(session.state.itemTimer, start + 60_000)).toBe(4 * 60_000);
    session.run({ type: "extend-timer", timer: "item", minutes: 2 });
    expect(getRemainingMs(session.state.itemTimer, start + 60_000)).toBe(6 * 60_000);
    expect(() => session.run({ type: "extend-timer", timer: "phase", minutes: -1 })).toThrow(
      SessionCommandError,
    );
    session.wait(1_000);
    session.run({ type: "next" });
    session.run({ type: "next" });
    // A new item starts its own timebox.
    expect(session.state.itemTimer.startedAt).toBe(start + 1_000);
  });

  it("refuses commands that name nothing on the agenda", () => {
    const session = harness();
    expect(() => session.run({ type: "go-to", itemIndex: 9 })).toThrow(SessionCommandError);
    expect(() =>
      session.run({ type: "mark", targetId: "db", category: "spoofing", state: "found" }),
    ).toThrow(SessionCommandError);
    session.run({ type: "go-to", itemIndex: 2 });
    expect(position(session.state)).toEqual(["db", "tampering"]);
    expect(getCoverage(session.state, "login", "tampering")).toBe("none-found");
  });
});
