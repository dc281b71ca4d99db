"use client";

import { useEffect, useState } from "react";
import { getErrorMessage } from "@/components/api/api-client";
import { fetchCurrentUser, resendVerificationEmail } from "@/components/api/endpoints";
import type { User } from "@/components/api/schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * Asks a signed-in user whose address is not confirmed yet to open the emailed link, and lets
 * them have it sent again. Until then nobody can add them to a model by email.
 */
export function EmailVerificationBanner() {
  const [user, setUser] = useState<User | null>(null);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: "success" | "danger"; text: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUser(controller.signal).then(setUser, () => undefined);
    return () => controller.abort();
  }, []);

  if (!user || user.emailVerified) return null;

  async function handleResend() {
    setSending(true);
    setOutcome(null);
    try {
      const sentTo = await resendVerificationEmail();
      setOutcome({ tone: "success", text: `We sent a new link to ${sentTo}.` });
    } catch (error) {
      setOutcome({ tone: "danger", text: getErrorMessage(error) });
    } finally {
      setSending(false);
    }
  }

  return (
    <Alert
      tone="warning"
      role="none"
      title="Confirm your email address"
      className="mb-6"
      action={
        <Button variant="secondary" size="sm" isLoading={sending} onClick={handleResend}>
          Send the link again
        </Button>
      }
    >
      <p>
        We emailed a confirmation link to <strong>{user.email}</strong>. Until you open it, nobody
        can add you to a model by your email address.
      </p>
      {outcome ? (
        <p role="status" className={outcome.tone === "danger" ? "mt-1 text-red-800" : "mt-1"}>
          {outcome.text}
        </p>
      ) : null}
    </Alert>
  );
}
