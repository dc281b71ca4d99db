"use client";

import { useEffect, useId, useRef, useState } from "react";
import { EMAIL_NOTIFICATION_CHOICES, type EmailNotificationChoice } from "@/lib/review/schemas";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import {
  fetchNotificationSettings,
  saveNotificationSettings,
} from "@/components/api/review-endpoints";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { Skeleton } from "@/components/ui/skeleton";

const CHOICES: Record<EmailNotificationChoice, { label: string; description: string }> = {
  each: {
    label: "Each message",
    description: "An email for every mention and reply, which you can answer by email.",
  },
  digest: {
    label: "Daily digest",
    description: "One email a day with what happened in your threads.",
  },
  off: {
    label: "Off",
    description: "No email about discussions; your inbox in Threat Room still has everything.",
  },
};

type Outcome = { tone: "success" | "danger"; text: string } | null;

/**
 * The account page's "Email notifications" card: each message, a daily digest or off, loaded
 * from and saved to the server as soon as it changes, with a saved or failed message.
 */
export function EmailNotificationsCard() {
  const headingId = useId();
  const [choice, setChoice] = useState<EmailNotificationChoice | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadKey, setLoadKey] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>(null);
  /** Counts saves, so only the answer to the latest choice is shown. */
  const saveCount = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchNotificationSettings(controller.signal).then(
      (settings) => setChoice(settings.emailNotifications),
      (error: unknown) => {
        if (!isAbortError(error)) setLoadError(getErrorMessage(error));
      },
    );
    return () => controller.abort();
  }, [loadKey]);

  function retry() {
    setLoadError(null);
    setLoadKey((key) => key + 1);
  }

  async function handleChange(next: EmailNotificationChoice) {
    const previous = choice;
    const save = ++saveCount.current;
    setChoice(next);
    setOutcome(null);
    try {
      const saved = await saveNotificationSettings(next);
      if (save !== saveCount.current) return;
      setChoice(saved.emailNotifications);
      setOutcome({ tone: "success", text: `Saved: ${CHOICES[saved.emailNotifications].label}.` });
    } catch (error) {
      if (save !== saveCount.current) return;
      setChoice(previous);
      setOutcome({ tone: "danger", text: `Not saved. ${getErrorMessage(error)}` });
    }
  }

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader
        title="Email notifications"
        headingId={headingId}
        description="How mentions and replies in discussions reach you by email."
      />
      <div className="space-y-4 px-5 pb-5 pt-4">
        {loadError ? (
          <Alert
            tone="danger"
            title="Your notification settings could not be loaded"
            action={
              <Button variant="secondary" size="sm" onClick={retry}>
                Try again
              </Button>
            }
          >
            {loadError}
          </Alert>
        ) : choice === null ? (
          <div role="status" className="space-y-3">
            <span className="sr-only">Loading your notification settings</span>
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-5 w-24" />
          </div>
        ) : (
          <fieldset>
            <legend className="sr-only">Email notifications</legend>
            <div className="space-y-3">
              {EMAIL_NOTIFICATION_CHOICES.map((value) => {
                const inputId = `${headingId}-${value}`;
                return (
                  <div key={value} className="flex items-start gap-3 text-sm">
                    <input
                      id={inputId}
                      type="radio"
                      name="emailNotifications"
                      value={value}
                      checked={choice === value}
                      aria-describedby={`${inputId}-hint`}
                      onChange={() => void handleChange(value)}
                      className={cx("mt-0.5 size-4 shrink-0 accent-indigo-600", FOCUS_RING)}
                    />
                    <div>
                      <label
                        htmlFor={inputId}
                        className="cursor-pointer font-medium text-slate-900"
                      >
                        {CHOICES[value].label}
                      </label>
                      <p id={`${inputId}-hint`} className="text-slate-600">
                        {CHOICES[value].description}
                      </p>
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        )}
        {outcome ? (
          <Alert tone={outcome.tone} role={outcome.tone === "danger" ? "alert" : "status"}>
            {outcome.text}
          </Alert>
        ) : null}
      </div>
    </Card>
  );
}
