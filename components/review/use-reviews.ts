"use client";

import { useCallback, useEffect, useState } from "react";
import type { ReviewsAnswer } from "@/lib/review/reviews";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import { fetchReviews } from "@/components/api/review-endpoints";
import type { DiscussionNotice } from "@/components/workspace/collab-session";

/**
 * The model's reviews and review state, fetched again whenever the server says they changed
 * (and after a reconnect).
 */
export function useReviews(
  modelId: string,
  onNotice: (listener: (notice: DiscussionNotice) => void) => () => void,
): {
  answer: ReviewsAnswer | null;
  error: string | null;
  accept: (answer: ReviewsAnswer) => void;
  refresh: () => void;
} {
  const [answer, setAnswer] = useState<ReviewsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    fetchReviews(modelId, controller.signal)
      .then((next) => {
        setAnswer(next);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (!isAbortError(caught)) setError(getErrorMessage(caught));
      });
    return () => controller.abort();
  }, [modelId, revision]);

  useEffect(
    () =>
      onNotice((notice) => {
        if (notice.kind === "reviews" || notice.kind === "resynced") refresh();
      }),
    [onNotice, refresh],
  );

  return { answer, error, accept: setAnswer, refresh };
}
