"use client";

import Link from "next/link";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import {
  getCoverageSummary,
  getCurrentCategory,
  getCurrentItem,
  SESSION_PHASE_LABELS,
  SESSION_PHASES,
  type SessionPhase,
} from "@/lib/facilitation/session";
import {
  getCategoryPrompt,
  getReviewCadenceMonths,
  VERIFICATION_QUESTIONS,
} from "@/lib/facilitation/prompts";
import { getElement } from "@/lib/model/elements";
import { DREAD_SCALE_OF_MODEL_SCALE, getDreadScale } from "@/lib/model/meta";
import { addMitigation, linkThreat } from "@/lib/model/mitigations";
import { addThreat, STRIDE_CATEGORY_LABELS, updateThreat } from "@/lib/model/threats";
import { getErrorMessage } from "@/components/api/api-client";
import { castSessionVote, parkSessionIdea, setSessionHand } from "@/components/api/endpoints";
import type { FacilitationSession } from "@/components/api/schemas";
import { useThreatRecords } from "@/components/mitigations/use-document-records";
import { useDocumentValue } from "@/components/notes/notes-context";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { AgendaPanel } from "./agenda-panel";
import { CoverageMatrix } from "./coverage-matrix";
import { GroupRating } from "./group-rating";
import { useOthersTyping, useTypingAnnouncer, type TypingEntry } from "./use-follow";
import { SessionSummary } from "./session-summary";
import { formatRemaining, useRemainingMs } from "./use-facilitation-session";

export interface SessionBarProps {
  modelId: string;
  doc: Y.Doc;
  session: FacilitationSession;
  clockOffsetMs: number;
  /** Owners and facilitators steer; everyone else follows. */
  canRun: boolean;
  /** Everyone but viewers parks ideas, raises a hand and votes. */
  canJoin: boolean;
  /** Those who may change the document record threats and the agreed rating. */
  canWrite: boolean;
  userId: string;
  /** Whether this person follows the facilitator's current item. */
  isFollowing: boolean;
  onFollowChange: (isFollowing: boolean) => void;
  /** Whether the diagram shows the coverage as a heat map. */
  isCoverageShown: boolean;
  onCoverageShownChange: (isShown: boolean) => void;
  /** People in the room who stepped away from the session (for the facilitator). */
  awayNames: string[];
  /** Applies the session the API answered with after a change. */
  onChanged: (session: FacilitationSession | null) => void;
  /**
   * Sends a facilitator's command: resolves with the session when the API answered with it,
   * or with undefined when it comes with the server's notice.
   */
  sendCommand: (command: Command) => Promise<FacilitationSession | null | undefined>;
  /** The room's presence: what others type into the session's fields, and what one types. */
  awareness: Awareness | null;
}

function Timer({
  label,
  timebox,
  clockOffsetMs,
}: {
  label: string;
  timebox: { startedAt: number; durationMs: number };
  clockOffsetMs: number;
}) {
  const remaining = useRemainingMs(timebox, clockOffsetMs);
  if (remaining === null) return null;
  const isOver = remaining < 0;
  return (
    <span
      className={cx(
        "rounded px-2 py-0.5 font-mono text-xs",
        isOver ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-700",
      )}
      role="timer"
      aria-label={`${label}: ${isOver ? "over by" : ""} ${formatRemaining(Math.abs(remaining))}`}
    >
      {label} {formatRemaining(remaining)}
      {isOver ? " · time is up" : ""}
    </span>
  );
}

/**
 * The facilitated session above the workspace: where the group is (item, category, prompts,
 * the threats recorded there), the timeboxes on the server's clock, coverage, the parking lot
 * and raised hands; the facilitator's controls for those who run it, and for everyone the way
 * to take part (record a threat here, park an idea, raise a hand, vote) or to step away.
 */
export function SessionBar(props: SessionBarProps) {
  const { modelId, doc, session, clockOffsetMs, canRun, canJoin, userId, onChanged, sendCommand } =
    props;
  const { state, extras } = session;
  const threats = useThreatRecords(doc);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [threatTitle, setThreatTitle] = useState("");
  const [parked, setParked] = useState("");
  const [skipReason, setSkipReason] = useState<string | null>(null);
  const formId = useId();
  const item = getCurrentItem(state);
  const category = getCurrentCategory(state);
  const coverage = getCoverageSummary(state);
  const hasRaisedHand = extras.hands.some((hand) => hand.userId === userId);
  const dreadScale = useDocumentValue(doc, getDreadScale, (scale) => scale);
  const announceTyping = useTypingAnnouncer(props.awareness);
  const othersTyping = useOthersTyping(props.awareness, userId);

  async function call(action: () => Promise<FacilitationSession | null | undefined>) {
    setIsBusy(true);
    setError(null);
    try {
      const answered = await action();
      if (answered !== undefined) onChanged(answered);
    } catch (caught) {
      setError(getErrorMessage(caught));
    } finally {
      setIsBusy(false);
    }
  }
  const command = (body: Command) => call(() => sendCommand(body));

  function addThreatHere(event: FormEvent) {
    event.preventDefault();
    if (!item || !category || threatTitle.trim() === "") return;
    try {
      addThreat(doc, { title: threatTitle.trim(), category, targetId: item.targetId }, userId);
      setThreatTitle("");
      announceTyping("threat", "");
    } catch (caught) {
      setError(getErrorMessage(caught));
    }
  }

  const targetKind = item
    ? item.targetKind === "flow"
      ? "flow"
      : (getElement(doc, item.targetId)?.kind ?? "process")
    : null;
  const prompt =
    category && targetKind && targetKind !== "trust-boundary"
      ? getCategoryPrompt(targetKind, category)
      : null;
  const here =
    item && category
      ? threats.filter(
          (threat) => threat.targetId === item.targetId && threat.category === category,
        )
      : [];
  const fixThreat =
    state.phase === "fix"
      ? threats.find((threat) => threat.id === state.fixOrder[state.fixIndex])
      : null;
  const rated = extras.rating
    ? threats.find((threat) => threat.id === extras.rating?.threatId)
    : null;
  const question = state.phase === "verify" ? VERIFICATION_QUESTIONS[state.verifyIndex] : undefined;

  if (session.status === "ended") {
    return (
      <section
        aria-label="Facilitated session"
        className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <p className="font-medium text-slate-900">The facilitated session has ended.</p>
        <p className="text-slate-600">
          {coverage.visited} of {coverage.cells} item and category pairs were covered (
          {coverage.found} with threats, {coverage.noneFound} with none found, {coverage.skipped}{" "}
          skipped);{" "}
          {extras.parkingLot.length === 1
            ? "1 idea was parked"
            : `${extras.parkingLot.length} ideas were parked`}
          .
        </p>
        <CoverageToggle
          isShown={props.isCoverageShown}
          onChange={props.onCoverageShownChange}
          variant="secondary"
        />
        <Link
          href={`/models/${encodeURIComponent(modelId)}/sessions/${encodeURIComponent(session.id)}`}
          className="ml-3 text-sm font-medium text-indigo-700 hover:underline"
        >
          Open the summary page
        </Link>
        <SessionSummary doc={doc} session={session} />
      </section>
    );
  }

  return (
    <section
      aria-label="Facilitated session"
      className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50/60 p-4"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold text-indigo-900">Facilitated session</h2>
        <span
          className="rounded bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white"
          aria-label="Current phase"
        >
          {SESSION_PHASE_LABELS[state.phase]}
        </span>
        <Timer label="Item" timebox={state.itemTimer} clockOffsetMs={clockOffsetMs} />
        <Timer label="Phase" timebox={state.phaseTimer} clockOffsetMs={clockOffsetMs} />
        <span className="text-xs text-slate-600" aria-label="Coverage">
          Covered {coverage.visited} of {coverage.cells}
        </span>
        <span className="ml-auto flex flex-wrap items-center gap-2">
          {canRun ? (
            <>
              <label className="text-xs text-slate-700" htmlFor={`${formId}-phase`}>
                Phase
              </label>
              <select
                id={`${formId}-phase`}
                value={state.phase}
                disabled={isBusy}
                onChange={(event) =>
                  void command({ type: "set-phase", phase: event.target.value as SessionPhase })
                }
                className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
              >
                {SESSION_PHASES.map((phase) => (
                  <option key={phase} value={phase}>
                    {SESSION_PHASE_LABELS[phase]}
                  </option>
                ))}
              </select>
              <CommandButton
                variant="secondary"
                command={{ type: "extend-timer", timer: "item", minutes: 5 }}
                isBusy={isBusy}
                onRun={command}
              >
                +5 min
              </CommandButton>
              {state.facilitatorId !== userId ? (
                <CommandButton
                  variant="secondary"
                  command={{ type: "take-over" }}
                  isBusy={isBusy}
                  onRun={command}
                >
                  Take over
                </CommandButton>
              ) : null}
              <CommandButton
                variant="danger"
                command={{ type: "end" }}
                isBusy={isBusy}
                onRun={command}
              >
                End session
              </CommandButton>
            </>
          ) : (
            <Button
              variant="secondary"
              size="sm"
              aria-pressed={props.isFollowing}
              onClick={() => props.onFollowChange(!props.isFollowing)}
            >
              {props.isFollowing ? "Step away" : "Back to the session"}
            </Button>
          )}
          {canJoin && !canRun ? (
            <Button
              variant="secondary"
              size="sm"
              aria-pressed={hasRaisedHand}
              disabled={isBusy}
              onClick={() => void call(() => setSessionHand(modelId, !hasRaisedHand))}
            >
              {hasRaisedHand ? "Lower hand" : "Raise hand"}
            </Button>
          ) : null}
        </span>
      </div>

      {error ? <Alert tone="danger">{error}</Alert> : null}

      {state.phase === "find" ? (
        item && category ? (
          <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
            <div>
              <p className="text-xs text-slate-600">
                Item {state.itemIndex + 1} of {state.agenda.length} ·{" "}
                {item.targetKind === "flow" ? "Data flow" : "Element"}
              </p>
              <p className="text-lg font-semibold text-slate-900" aria-label="Current item">
                {item.name || "(unnamed)"}
              </p>
              <p className="font-medium text-indigo-900" aria-label="Current category">
                {STRIDE_CATEGORY_LABELS[category]}
              </p>
              {prompt ? (
                <div className="mt-1 text-sm text-slate-700">
                  <p>{prompt.question}</p>
                  <p className="text-xs text-slate-500">{prompt.property}</p>
                  {prompt.examples.length > 0 ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-indigo-800">
                        Example attacks
                      </summary>
                      <ul className="mt-1 list-disc pl-5 text-xs">
                        {prompt.examples.map((example) => (
                          <li key={example}>{example}</li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </div>
              ) : null}
              {canRun ? (
                <div className="mt-2 flex flex-wrap gap-2">
                  <CommandButton
                    variant="secondary"
                    command={{ type: "previous" }}
                    isBusy={isBusy}
                    onRun={command}
                  >
                    Previous
                  </CommandButton>
                  <CommandButton
                    variant="primary"
                    command={{ type: "next" }}
                    isBusy={isBusy}
                    onRun={command}
                  >
                    Next
                  </CommandButton>
                  {skipReason === null ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={isBusy}
                      onClick={() => setSkipReason("")}
                    >
                      Skip category
                    </Button>
                  ) : (
                    <form
                      className="flex items-center gap-1"
                      onSubmit={(event) => {
                        event.preventDefault();
                        void command({ type: "skip-category", reason: skipReason }).then(() =>
                          setSkipReason(null),
                        );
                      }}
                    >
                      <input
                        aria-label="Why skip it"
                        autoFocus
                        value={skipReason}
                        onChange={(event) => setSkipReason(event.target.value)}
                        placeholder="Why skip it?"
                        className="w-48 rounded border border-slate-300 px-2 py-0.5 text-sm"
                      />
                      <Button type="submit" size="sm" disabled={skipReason.trim() === ""}>
                        Skip
                      </Button>
                    </form>
                  )}
                </div>
              ) : null}
            </div>
            <div className="space-y-2">
              <p className="text-xs font-semibold text-slate-700">
                Threats recorded here ({here.length})
              </p>
              {here.length > 0 ? (
                <ul
                  aria-label="Threats recorded here"
                  className="list-disc pl-5 text-sm text-slate-800"
                >
                  {here.map((threat) => (
                    <li key={threat.id}>{threat.title}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">
                  None yet. Found nothing? That is a record too.
                </p>
              )}
              {props.canWrite ? (
                <form onSubmit={addThreatHere} className="flex gap-2">
                  <input
                    aria-label="New threat on this item"
                    value={threatTitle}
                    maxLength={300}
                    onChange={(event) => {
                      setThreatTitle(event.target.value);
                      announceTyping("threat", event.target.value);
                    }}
                    placeholder="What can go wrong here?"
                    className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm"
                  />
                  <Button type="submit" size="sm" disabled={threatTitle.trim() === ""}>
                    Record threat
                  </Button>
                </form>
              ) : null}
              <OthersTyping entries={othersTyping} />
              <p className="text-xs text-slate-600">
                Finding, not fixing: mitigations and responses wait for the Fix phase. Park fix
                ideas below.
              </p>
            </div>
          </div>
        ) : (
          <p className="text-sm text-slate-700">
            The agenda is empty: add elements and flows to the diagram, then start a new session.
          </p>
        )
      ) : null}

      {state.phase === "fix" ? (
        <div className="space-y-2 text-sm">
          {fixThreat ? (
            <p>
              Threat {state.fixIndex + 1} of {state.fixOrder.length}:{" "}
              <span className="font-semibold" aria-label="Current threat">
                {fixThreat.title}
              </span>
            </p>
          ) : (
            <p className="text-slate-600">No threats to walk.</p>
          )}
          {canRun ? (
            <div className="flex flex-wrap gap-2">
              <CommandButton
                variant="secondary"
                command={{ type: "previous" }}
                isBusy={isBusy}
                onRun={command}
              >
                Previous threat
              </CommandButton>
              <CommandButton
                variant="primary"
                command={{ type: "next" }}
                isBusy={isBusy}
                onRun={command}
              >
                Next threat
              </CommandButton>
              {fixThreat && extras.rating?.threatId !== fixThreat.id ? (
                <>
                  {(["severity", "dread"] as const).map((method) => (
                    <CommandButton
                      key={method}
                      variant="secondary"
                      command={{ type: "open-rating", threatId: fixThreat.id, method }}
                      isBusy={isBusy}
                      onRun={command}
                    >
                      Rate together: {method === "dread" ? "DREAD" : "severity"}
                    </CommandButton>
                  ))}
                </>
              ) : null}
            </div>
          ) : null}
          {fixThreat && props.canWrite && extras.parkingLot.length > 0 ? (
            <div className="rounded-md border border-slate-200 bg-white p-3">
              <p className="text-xs font-semibold text-slate-700">
                Ideas parked during Find: make one a mitigation of this threat
              </p>
              <ul aria-label="Parked ideas" className="mt-1 space-y-1">
                {extras.parkingLot.map((entry) => (
                  <li key={entry.id} className="flex items-center gap-2">
                    <span className="min-w-0 flex-1">{entry.text}</span>
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => {
                        try {
                          const mitigationId = addMitigation(
                            doc,
                            { title: entry.text.slice(0, 200) },
                            userId,
                          );
                          linkThreat(doc, mitigationId, fixThreat.id);
                        } catch (caught) {
                          setError(getErrorMessage(caught));
                        }
                      }}
                    >
                      Use as mitigation
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {extras.rating && rated ? (
            <GroupRating
              threatTitle={rated.title}
              method={extras.rating.method}
              scale={DREAD_SCALE_OF_MODEL_SCALE[dreadScale]}
              votes={session.votes}
              isRevealed={extras.rating.isRevealed}
              canVote={canJoin}
              canRun={canRun}
              isBusy={isBusy}
              userId={userId}
              onVote={(value) => void call(() => castSessionVote(modelId, rated.id, value))}
              onReveal={() => void command({ type: "reveal-votes" })}
              onRecord={(patch) => {
                try {
                  updateThreat(doc, rated.id, patch);
                  void command({ type: "close-rating" });
                } catch (caught) {
                  setError(getErrorMessage(caught));
                }
              }}
            />
          ) : null}
        </div>
      ) : null}

      {state.phase === "verify" ? (
        <div className="space-y-2 text-sm">
          {question ? (
            <>
              <p aria-label="Current question" className="font-medium text-slate-900">
                {question.text}
              </p>
              {canRun ? (
                <div className="flex flex-wrap gap-2">
                  {(["yes", "no", "not-applicable"] as const).map((answer) => (
                    <Button
                      key={answer}
                      variant={
                        extras.verifyAnswers[question.id] === answer ? "primary" : "secondary"
                      }
                      size="sm"
                      disabled={isBusy}
                      onClick={() =>
                        void command({
                          type: "answer-verification",
                          questionId: question.id,
                          answer,
                        })
                      }
                    >
                      {answer === "not-applicable"
                        ? "Not applicable"
                        : answer === "yes"
                          ? "Yes"
                          : "No"}
                    </Button>
                  ))}
                  <CommandButton
                    variant="primary"
                    command={{ type: "next" }}
                    isBusy={isBusy}
                    onRun={command}
                  >
                    Next question
                  </CommandButton>
                </div>
              ) : extras.verifyAnswers[question.id] ? (
                <p className="text-slate-600">Answered: {extras.verifyAnswers[question.id]}</p>
              ) : null}
            </>
          ) : (
            <p className="text-slate-600">Every verification question has been walked.</p>
          )}
          <VerificationAnswers answers={extras.verifyAnswers} />
        </div>
      ) : null}

      <div className="flex flex-wrap items-start gap-4 border-t border-indigo-100 pt-2 text-sm">
        {canJoin ? (
          <form
            className="flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (parked.trim() === "") return;
              void call(() => parkSessionIdea(modelId, parked)).then(() => {
                setParked("");
                announceTyping("parked", "");
              });
            }}
          >
            <input
              aria-label="Park an idea"
              value={parked}
              maxLength={500}
              onChange={(event) => {
                setParked(event.target.value);
                announceTyping("parked", event.target.value);
              }}
              placeholder="A fix or an aside, for later"
              className="w-64 rounded border border-slate-300 bg-white px-2 py-1 text-sm"
            />
            <Button
              type="submit"
              variant="secondary"
              size="sm"
              disabled={parked.trim() === "" || isBusy}
            >
              Park it
            </Button>
          </form>
        ) : null}
        <details>
          <summary className="cursor-pointer text-slate-700">
            Agenda ({state.agenda.length})
          </summary>
          <div className="mt-1 w-96 max-w-full rounded border border-slate-200 bg-white p-2">
            <AgendaPanel
              doc={doc}
              state={state}
              canRun={canRun}
              isBusy={isBusy}
              onCommand={command}
            />
          </div>
        </details>
        <CoverageToggle
          isShown={props.isCoverageShown}
          onChange={props.onCoverageShownChange}
          variant="ghost"
        />
        <details>
          <summary className="cursor-pointer text-slate-700">
            Coverage ({coverage.visited} of {coverage.cells})
          </summary>
          <div className="mt-1 max-h-72 overflow-auto rounded border border-slate-200 bg-white p-2">
            <CoverageMatrix state={state} />
          </div>
        </details>
        <details>
          <summary className="cursor-pointer text-slate-700">
            Parking lot ({extras.parkingLot.length})
          </summary>
          <ul aria-label="Parking lot" className="mt-1 list-disc pl-5">
            {extras.parkingLot.map((entry) => (
              <li key={entry.id}>{entry.text}</li>
            ))}
          </ul>
        </details>
        {canRun && extras.hands.length > 0 ? (
          <p aria-label="Raised hands" className="text-amber-800">
            ✋ {extras.hands.length} raised
          </p>
        ) : null}
        {canRun && props.awayNames.length > 0 ? (
          <p aria-label="Away from the session" className="text-slate-600">
            Away: {props.awayNames.join(", ")}
          </p>
        ) : null}
      </div>
    </section>
  );
}

export type Command = { type: string } & Record<string, unknown>;

/** A facilitator's control: sends one command, disabled while another is under way. */
function CommandButton({
  command,
  variant,
  isBusy,
  onRun,
  children,
}: {
  command: Command;
  variant: ButtonVariant;
  isBusy: boolean;
  onRun: (command: Command) => Promise<void>;
  children: ReactNode;
}) {
  return (
    <Button variant={variant} size="sm" disabled={isBusy} onClick={() => void onRun(command)}>
      {children}
    </Button>
  );
}

/** Shows or hides the session's coverage as a heat map on the diagram. */
function CoverageToggle({
  isShown,
  onChange,
  variant,
}: {
  isShown: boolean;
  onChange: (isShown: boolean) => void;
  variant: ButtonVariant;
}) {
  return (
    <Button variant={variant} size="sm" aria-pressed={isShown} onClick={() => onChange(!isShown)}>
      {isShown ? "Hide coverage on the diagram" : "Show coverage on the diagram"}
    </Button>
  );
}

/** What the others are typing into the session's fields, live (from presence). */
function OthersTyping({ entries }: { entries: TypingEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ul aria-label="What others are typing" aria-live="polite" className="space-y-0.5 text-xs">
      {entries.map((entry) => (
        <li key={`${entry.name}-${entry.field}`} className="text-slate-600">
          <span className="font-medium text-slate-800">{entry.name}</span>{" "}
          {entry.field === "threat" ? "is writing a threat" : "is parking an idea"}: “
          <span className="italic">{entry.text}</span>”…
        </li>
      ))}
    </ul>
  );
}

const ANSWER_LABELS = { yes: "Yes", no: "No", "not-applicable": "Not applicable" } as const;

/**
 * The verification checklist as answered so far, and the review cadence the answers call for
 * (method: every 6 months when the system is exposed, confidential, regulated or further
 * reviewed; else every 12).
 */
function VerificationAnswers({
  answers,
}: {
  answers: FacilitationSession["extras"]["verifyAnswers"];
}) {
  const answered = VERIFICATION_QUESTIONS.filter((question) => answers[question.id]);
  const months = getReviewCadenceMonths(answers);
  return (
    <div className="rounded-md border border-slate-200 bg-white p-3">
      <p className="font-medium text-slate-900" aria-label="Review cadence">
        Review this model again within {months} months
        {months === 6 ? " (exposed, confidential, regulated or further reviewed)" : ""}.
      </p>
      {answered.length > 0 ? (
        <ul aria-label="Verification answers" className="mt-1 space-y-0.5 text-xs text-slate-700">
          {answered.map((question) => (
            <li key={question.id}>
              {question.text}{" "}
              <span className="font-medium">{ANSWER_LABELS[answers[question.id] ?? "no"]}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
