import type { StrideCategory } from "@/lib/model/threats";
import type { AgendaItem } from "./agenda";

/**
 * A facilitated session as a pure state machine: the agenda, the phase (find, then fix, then
 * verify), where the group is, the coverage of every item x category, the timers and the time
 * spent. `applySessionCommand` is the only way to change it; the server runs it for the
 * facilitator's commands and everyone else receives the result, so the rules live here once.
 * Times are the server's clock in milliseconds.
 */

export const SESSION_PHASES = ["find", "fix", "verify"] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

export const SESSION_PHASE_LABELS: Record<SessionPhase, string> = {
  find: "Find threats",
  fix: "Fix threats",
  verify: "Verify",
};

/**
 * A cell of the coverage matrix. "none-found" is a record that the group looked and found
 * nothing, not a blank; "skipped" carries the reason.
 */
export type CoverageState = "not-visited" | "found" | "none-found" | "skipped";

export interface CoverageCell {
  state: Exclude<CoverageState, "not-visited">;
  /** Why it was skipped. */
  reason?: string;
  at: number;
}

/** A running countdown: `durationMs` from `startedAt`, extended by the facilitator. */
export interface Timebox {
  startedAt: number;
  durationMs: number;
}

export interface SessionState {
  status: "running" | "ended";
  phase: SessionPhase;
  startedAt: number;
  endedAt: number | null;
  /** Who runs the session now; another facilitator can take over. */
  facilitatorId: string;
  agenda: AgendaItem[];
  /** Index into `agenda`; -1 when the agenda is empty. */
  itemIndex: number;
  /** Index into the current item's categories. */
  categoryIndex: number;
  /** Item target id -> category -> cell; a missing cell is not visited. */
  coverage: Record<string, Partial<Record<StrideCategory, CoverageCell>>>;
  /** Items the facilitator skipped as a whole, with the reason. */
  skippedItems: Record<string, string>;
  itemTimer: Timebox;
  phaseTimer: Timebox;
  /** Milliseconds spent per phase and per item target id, up to the last move. */
  timeSpent: { phases: Partial<Record<SessionPhase, number>>; items: Record<string, number> };
  /** When the current phase and the current item started being counted. */
  countingSince: number;
  /** Fix phase: the threats in the order the group walks them (by risk), and where it is. */
  fixOrder: string[];
  fixIndex: number;
  /** Verify phase: the question the group is on (see verification.ts). */
  verifyIndex: number;
}

/** Default timeboxes: minutes per item and per phase. */
export const DEFAULT_ITEM_MINUTES = 5;
export const DEFAULT_PHASE_MINUTES: Record<SessionPhase, number> = {
  find: 45,
  fix: 30,
  verify: 15,
};
const MINUTE = 60_000;

/** What a command needs to know beyond the state. */
export interface CommandContext {
  now: number;
  /** The number of threats recorded on a target in a category (Find marks cells with it). */
  countThreats: (targetId: string, category: StrideCategory) => number;
  /** The model's threats ordered by risk, highest first (for the Fix phase). */
  threatsByRisk: () => string[];
}

export type SessionCommand =
  | { type: "next" }
  | { type: "previous" }
  | { type: "go-to"; itemIndex: number; categoryIndex?: number }
  | { type: "mark"; targetId: string; category: StrideCategory; state: "found" | "none-found" }
  | { type: "skip-category"; reason: string }
  | { type: "skip-item"; targetId: string; reason: string }
  | { type: "move-item"; targetId: string; toIndex: number }
  | { type: "add-item"; item: AgendaItem }
  | { type: "set-phase"; phase: SessionPhase }
  | { type: "extend-timer"; timer: "item" | "phase"; minutes: number }
  | { type: "take-over"; facilitatorId: string }
  | { type: "end" };

/** A command that the rules refuse; the message is for the facilitator. */
export class SessionCommandError extends Error {
  override readonly name = "SessionCommandError";
}

function refuse(message: string): never {
  throw new SessionCommandError(message);
}

/** A new session in the Find phase on the first item of `agenda`. */
export function startSession(options: {
  agenda: AgendaItem[];
  facilitatorId: string;
  now: number;
}): SessionState {
  const { agenda, facilitatorId, now } = options;
  return {
    status: "running",
    phase: "find",
    startedAt: now,
    endedAt: null,
    facilitatorId,
    agenda,
    itemIndex: agenda.length > 0 ? 0 : -1,
    categoryIndex: 0,
    coverage: {},
    skippedItems: {},
    itemTimer: { startedAt: now, durationMs: DEFAULT_ITEM_MINUTES * MINUTE },
    phaseTimer: { startedAt: now, durationMs: DEFAULT_PHASE_MINUTES.find * MINUTE },
    timeSpent: { phases: {}, items: {} },
    countingSince: now,
    fixOrder: [],
    fixIndex: 0,
    verifyIndex: 0,
  };
}

/** The item the group is on, or null (empty agenda, or not in the Find phase). */
export function getCurrentItem(state: SessionState): AgendaItem | null {
  if (state.phase !== "find") return null;
  return state.agenda[state.itemIndex] ?? null;
}

/** The category the group is on, or null. */
export function getCurrentCategory(state: SessionState): StrideCategory | null {
  return getCurrentItem(state)?.categories[state.categoryIndex] ?? null;
}

/** The state of one coverage cell. */
export function getCoverage(
  state: SessionState,
  targetId: string,
  category: StrideCategory,
): CoverageState {
  if (state.skippedItems[targetId] !== undefined) return "skipped";
  return state.coverage[targetId]?.[category]?.state ?? "not-visited";
}

/** How much of the matrix has been walked: cells visited (any state) out of all cells. */
export function getCoverageSummary(state: SessionState): {
  cells: number;
  visited: number;
  found: number;
  noneFound: number;
  skipped: number;
} {
  const summary = { cells: 0, visited: 0, found: 0, noneFound: 0, skipped: 0 };
  for (const item of state.agenda) {
    for (const category of item.categories) {
      summary.cells += 1;
      const cell = getCoverage(state, item.targetId, category);
      if (cell === "not-visited") continue;
      summary.visited += 1;
      if (cell === "found") summary.found += 1;
      else if (cell === "none-found") summary.noneFound += 1;
      else summary.skipped += 1;
    }
  }
  return summary;
}

/** Milliseconds left on a timebox at `now`; negative once it ran out. */
export function getRemainingMs(timebox: Timebox, now: number): number {
  return timebox.startedAt + timebox.durationMs - now;
}

/**
 * The state after `command`, or a SessionCommandError saying why it is refused. Never
 * changes `state` itself.
 */
export function applySessionCommand(
  state: SessionState,
  command: SessionCommand,
  context: CommandContext,
): SessionState {
  if (state.status === "ended") refuse("The session has ended.");
  switch (command.type) {
    case "next":
      return step(state, 1, context);
    case "previous":
      return step(state, -1, context);
    case "go-to": {
      if (state.phase !== "find") refuse("Items are walked in the Find phase.");
      const item = state.agenda[command.itemIndex];
      if (!item) refuse("There is no such item on the agenda.");
      const categoryIndex = command.categoryIndex ?? 0;
      if (categoryIndex < 0 || categoryIndex >= item.categories.length) {
        refuse("The item has no such category.");
      }
      return moveTo(leaveCell(state, context), command.itemIndex, categoryIndex, context.now);
    }
    case "mark": {
      const item = state.agenda.find((candidate) => candidate.targetId === command.targetId);
      if (!item?.categories.includes(command.category)) refuse("That cell is not on the agenda.");
      return setCell(state, command.targetId, command.category, {
        state: command.state,
        at: context.now,
      });
    }
    case "skip-category": {
      const item = getCurrentItem(state);
      const category = getCurrentCategory(state);
      if (!item || !category) refuse("There is no current category to skip.");
      const reason = requireReason(command.reason);
      const marked = setCell(state, item.targetId, category, {
        state: "skipped",
        reason,
        at: context.now,
      });
      return step(marked, 1, context, { keepCell: true });
    }
    case "skip-item": {
      const reason = requireReason(command.reason);
      const index = state.agenda.findIndex((item) => item.targetId === command.targetId);
      if (index < 0) refuse("There is no such item on the agenda.");
      const skipped = {
        ...state,
        skippedItems: { ...state.skippedItems, [command.targetId]: reason },
      };
      if (state.phase !== "find" || index !== state.itemIndex) return skipped;
      return moveTo(
        countTime(skipped, context.now),
        nextUnskipped(skipped, index + 1),
        0,
        context.now,
      );
    }
    case "move-item": {
      const from = state.agenda.findIndex((item) => item.targetId === command.targetId);
      if (from < 0) refuse("There is no such item on the agenda.");
      const to = Math.max(0, Math.min(state.agenda.length - 1, Math.trunc(command.toIndex)));
      const current = state.agenda[state.itemIndex]?.targetId;
      const agenda = [...state.agenda];
      const [moved] = agenda.splice(from, 1);
      if (moved) agenda.splice(to, 0, moved);
      const itemIndex =
        current === undefined
          ? state.itemIndex
          : agenda.findIndex((item) => item.targetId === current);
      return { ...state, agenda, itemIndex };
    }
    case "add-item": {
      if (state.agenda.some((item) => item.targetId === command.item.targetId)) {
        refuse("That element or flow is already on the agenda.");
      }
      if (command.item.categories.length === 0) refuse("An item needs at least one category.");
      const agenda = [...state.agenda, command.item];
      return { ...state, agenda, itemIndex: state.itemIndex < 0 ? 0 : state.itemIndex };
    }
    case "set-phase": {
      if (command.phase === state.phase) return state;
      const left = countTime(
        state.phase === "find" ? leaveCell(state, context) : state,
        context.now,
      );
      return {
        ...left,
        phase: command.phase,
        phaseTimer: {
          startedAt: context.now,
          durationMs: DEFAULT_PHASE_MINUTES[command.phase] * MINUTE,
        },
        itemTimer: { startedAt: context.now, durationMs: DEFAULT_ITEM_MINUTES * MINUTE },
        fixOrder: command.phase === "fix" ? context.threatsByRisk() : left.fixOrder,
        fixIndex: command.phase === "fix" ? 0 : left.fixIndex,
        verifyIndex: command.phase === "verify" ? 0 : left.verifyIndex,
      };
    }
    case "extend-timer": {
      if (!Number.isFinite(command.minutes) || command.minutes <= 0 || command.minutes > 120) {
        refuse("Extend by 1 to 120 minutes.");
      }
      const key = command.timer === "item" ? "itemTimer" : "phaseTimer";
      const timer = state[key];
      return {
        ...state,
        [key]: { ...timer, durationMs: timer.durationMs + command.minutes * MINUTE },
      };
    }
    case "take-over":
      return { ...state, facilitatorId: command.facilitatorId };
    case "end": {
      const left = countTime(
        state.phase === "find" ? leaveCell(state, context) : state,
        context.now,
      );
      return { ...left, status: "ended", endedAt: context.now };
    }
  }
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === "") refuse("Say why it is skipped: the reason is part of the record.");
  if (trimmed.length > 500) refuse("Keep the reason under 500 characters.");
  return trimmed;
}

function setCell(
  state: SessionState,
  targetId: string,
  category: StrideCategory,
  cell: CoverageCell,
): SessionState {
  return {
    ...state,
    coverage: { ...state.coverage, [targetId]: { ...state.coverage[targetId], [category]: cell } },
  };
}

/**
 * Records the cell the group leaves: threats recorded on it make it "found", none make it
 * "none-found" (the group looked), unless the facilitator already marked or skipped it.
 */
function leaveCell(state: SessionState, context: CommandContext): SessionState {
  const item = getCurrentItem(state);
  const category = getCurrentCategory(state);
  if (!item || !category) return state;
  if (state.coverage[item.targetId]?.[category] !== undefined) return state;
  const found = context.countThreats(item.targetId, category) > 0;
  return setCell(state, item.targetId, category, {
    state: found ? "found" : "none-found",
    at: context.now,
  });
}

/** Adds the time since the last count to the current phase and item. */
function countTime(state: SessionState, now: number): SessionState {
  const elapsed = Math.max(0, now - state.countingSince);
  const phases = {
    ...state.timeSpent.phases,
    [state.phase]: (state.timeSpent.phases[state.phase] ?? 0) + elapsed,
  };
  const items = { ...state.timeSpent.items };
  const item = getCurrentItem(state);
  if (item) items[item.targetId] = (items[item.targetId] ?? 0) + elapsed;
  return { ...state, timeSpent: { phases, items }, countingSince: now };
}

function moveTo(
  state: SessionState,
  itemIndex: number,
  categoryIndex: number,
  now: number,
): SessionState {
  const counted = countTime(state, now);
  const isNewItem = itemIndex !== state.itemIndex;
  return {
    ...counted,
    itemIndex,
    categoryIndex,
    itemTimer: isNewItem
      ? { startedAt: now, durationMs: DEFAULT_ITEM_MINUTES * MINUTE }
      : counted.itemTimer,
  };
}

/** The first item at or after `from` that is not skipped; the agenda's length when none is left. */
function nextUnskipped(state: SessionState, from: number): number {
  for (let index = from; index < state.agenda.length; index += 1) {
    const item = state.agenda[index];
    if (item && state.skippedItems[item.targetId] === undefined) return index;
  }
  return state.agenda.length;
}

/** The last item at or before `from` that is not skipped; -1 when none is. */
function previousUnskipped(state: SessionState, from: number): number {
  for (let index = from; index >= 0; index -= 1) {
    const item = state.agenda[index];
    if (item && state.skippedItems[item.targetId] === undefined) return index;
  }
  return -1;
}

/**
 * One step forward or back: through the categories of the item, then to the next item (Find);
 * through the threats by risk (Fix); through the verification questions (Verify). Past the
 * last item the group stays on it: the facilitator changes phase.
 */
function step(
  state: SessionState,
  direction: 1 | -1,
  context: CommandContext,
  options: { keepCell?: boolean } = {},
): SessionState {
  if (state.phase === "fix") {
    const fixIndex = Math.max(0, Math.min(state.fixOrder.length - 1, state.fixIndex + direction));
    return { ...countTime(state, context.now), fixIndex: Math.max(0, fixIndex) };
  }
  if (state.phase === "verify") {
    return {
      ...countTime(state, context.now),
      verifyIndex: Math.max(0, state.verifyIndex + direction),
    };
  }
  const item = getCurrentItem(state);
  if (!item) return state;
  const left = options.keepCell === true ? state : leaveCell(state, context);
  const categoryIndex = state.categoryIndex + direction;
  if (categoryIndex >= 0 && categoryIndex < item.categories.length) {
    return moveTo(left, state.itemIndex, categoryIndex, context.now);
  }
  if (direction === 1) {
    const next = nextUnskipped(left, state.itemIndex + 1);
    if (next >= state.agenda.length) return countTime(left, context.now);
    return moveTo(left, next, 0, context.now);
  }
  const previous = previousUnskipped(left, state.itemIndex - 1);
  if (previous < 0) return left;
  const previousItem = state.agenda[previous];
  return moveTo(
    left,
    previous,
    Math.max(0, (previousItem?.categories.length ?? 1) - 1),
    context.now,
  );
}
