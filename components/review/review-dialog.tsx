"use client";

import Link from "next/link";
import { useState } from "react";
import type { Review, ReviewsAnswer } from "@/lib/review/reviews";
import { REVIEW_LIMITS, type ReviewDecision } from "@/lib/review/schemas";
import { canWriteDocument, type Role } from "@/lib/model/roles";
import { getErrorMessage } from "@/components/api/api-client";
import { decideReview, requestReview } from "@/components/api/review-endpoints";
import type { Member } from "@/components/api/schemas";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ReviewStateBadge } from "./review-state-badge";
import { formatDateTime } from "@/components/ui/format-date";
import { TextField } from "@/components/ui/text-field";

const DECISION_LABELS = {
  pending: "Waiting",
  approved: "Approved",
  "changes-requested": "Changes requested",
} as const;

/**
 * Review and sign-off: who was asked, who approved which version (and whether the model changed
 * since, with the differences one click away), approve or request changes when asked, and ask
 * members for a review.
 */
export function ReviewDialog({
  modelId,
  userId,
  role,
  members,
  answer,
  onChanged,
  onClose,
}: {
  modelId: string;
  userId: string;
  role: Role;
  members: readonly Member[];
  answer: ReviewsAnswer | null;
  onChanged: (answer: ReviewsAnswer) => void;
  onClose: () => void;
}) {
  const [isRequesting, setIsRequesting] = useState(false);
  const canRequest = canWriteDocument(role);
  const reviews = answer?.reviews ?? [];
  return (
    <Dialog
      title="Review and sign-off"
      description="Reviewers approve the model or ask for changes; each decision is kept with the version it was made on."
      size="lg"
      onClose={onClose}
      footer={
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      }
    >
      <div className="space-y-5">
        <div className="flex items-center justify-between gap-3">
          <p className="flex items-center gap-2 text-sm text-slate-700">
            State: <ReviewStateBadge state={answer?.state ?? "none"} />
          </p>
          {canRequest && !isRequesting ? (
            <Button size="sm" onClick={() => setIsRequesting(true)}>
              Request a review
            </Button>
          ) : null}
        </div>
        {isRequesting ? (
          <RequestReviewForm
            modelId={modelId}
            members={members.filter((m) => m.role !== "viewer" && m.userId !== userId)}
            onDone={(next) => {
              setIsRequesting(false);
              if (next) onChanged(next);
            }}
          />
        ) : null}
        {reviews.length === 0 && !isRequesting ? (
          <p className="text-sm text-slate-500">
            No review has been requested yet.
            {canRequest ? " Ask the security reviewers and owners to sign the model off." : ""}
          </p>
        ) : null}
        <ol className="space-y-4">
          {reviews.map((review) => (
            <ReviewItem
              key={review.id}
              review={review}
              modelId={modelId}
              userId={userId}
              onChanged={onChanged}
            />
          ))}
        </ol>
      </div>
    </Dialog>
  );
}

function ReviewItem({
  review,
  modelId,
  userId,
  onChanged,
}: {
  review: Review;
  modelId: string;
  userId: string;
  onChanged: (answer: ReviewsAnswer) => void;
}) {
  const mine = review.reviewers.find((r) => r.user.id === userId);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState<ReviewDecision | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: ReviewDecision) {
    setBusy(decision);
    setError(null);
    try {
      onChanged(await decideReview(modelId, review.id, { decision, note }));
      setNote("");
    } catch (caught) {
      setError(getErrorMessage(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <li className="rounded-lg p-3 ring-1 ring-slate-200">
      <p className="text-sm text-slate-700">
        <span className="font-medium text-slate-900">{review.requestedBy?.name ?? "Someone"}</span>{" "}
        asked for a review on {formatDateTime(review.createdAt)}
        {review.dueAt ? `, due ${formatDateTime(review.dueAt)}` : ""}.
      </p>
      {review.message ? (
        <p className="mt-1 text-sm whitespace-pre-wrap text-slate-600">{review.message}</p>
      ) : null}
      <ul className="mt-3 divide-y divide-slate-100" aria-label="Reviewers">
        {review.reviewers.map((reviewer) => (
          <li
            key={reviewer.user.id}
            className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
          >
            <span className="font-medium text-slate-900">{reviewer.user.name}</span>
            <span className="flex flex-wrap items-center gap-2">
              <Badge
                tone={
                  reviewer.decision === "approved"
                    ? "success"
                    : reviewer.decision === "changes-requested"
                      ? "warning"
                      : "neutral"
                }
              >
                {DECISION_LABELS[reviewer.decision]}
              </Badge>
              {reviewer.version ? (
                <span className="text-xs text-slate-500">
                  on version {reviewer.version.number}
                  {reviewer.decidedAt ? `, ${formatDateTime(reviewer.decidedAt)}` : ""}
                </span>
              ) : null}
              {reviewer.isOnOlderVersion && reviewer.version ? (
                <>
                  <Badge tone="warning">On an older version</Badge>
                  <Link
                    href={`/models/${encodeURIComponent(modelId)}/versions/${reviewer.version.id}`}
                    className="text-xs font-medium text-indigo-700 underline-offset-2 hover:underline"
                  >
                    See what changed
                  </Link>
                </>
              ) : null}
            </span>
            {reviewer.note ? (
              <p className="w-full text-xs whitespace-pre-wrap text-slate-600">“{reviewer.note}”</p>
            ) : null}
          </li>
        ))}
      </ul>
      {mine ? (
        <div className="mt-3 space-y-2 border-t border-slate-200 pt-3">
          <TextField
            label="Your note (optional)"
            value={note}
            maxLength={REVIEW_LIMITS.reviewMessageLength}
            onChange={(event) => setNote(event.target.value)}
          />
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              isLoading={busy === "approved"}
              disabled={busy !== null}
              onClick={() => decide("approved")}
            >
              {mine.decision === "approved" ? "Approve this version again" : "Approve"}
            </Button>
            <Button
              variant="secondary"
              size="sm"
              isLoading={busy === "changes-requested"}
              disabled={busy !== null}
              onClick={() => decide("changes-requested")}
            >
              Request changes
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function RequestReviewForm({
  modelId,
  members,
  onDone,
}: {
  modelId: string;
  members: readonly Member[];
  onDone: (answer: ReviewsAnswer | null) => void;
}) {
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  async function send() {
    if (picked.size === 0) {
      setError("Pick at least one reviewer.");
      return;
    }
    setIsSending(true);
    setError(null);
    try {
      onDone(
        await requestReview(modelId, {
          reviewerIds: [...picked],
          message,
          ...(dueDate ? { dueDate } : {}),
        }),
      );
    } catch (caught) {
      setError(getErrorMessage(caught));
    } finally {
      setIsSending(false);
    }
  }

  return (
    <form
      className="space-y-3 rounded-lg bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Reviewers</legend>
        {members.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">
            No other member can review yet: reviewers must be commenters or above.
          </p>
        ) : (
          <ul className="mt-1 space-y-1">
            {members.map((member) => (
              <li key={member.userId}>
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="size-4 accent-indigo-600"
                    checked={picked.has(member.userId)}
                    onChange={(event) =>
                      setPicked((current) => {
                        const next = new Set(current);
                        if (event.target.checked) next.add(member.userId);
                        else next.delete(member.userId);
                        return next;
                      })
                    }
                  />
                  {member.name || member.email}{" "}
                  <span className="text-xs text-slate-500">{member.email}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <TextField
        label="Message"
        value={message}
        maxLength={REVIEW_LIMITS.reviewMessageLength}
        onChange={(event) => setMessage(event.target.value)}
      />
      <TextField
        label="Due date (optional)"
        type="date"
        value={dueDate}
        onChange={(event) => setDueDate(event.target.value)}
      />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" isLoading={isSending}>
          Send the request
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
