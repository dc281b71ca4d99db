"use client";

import Link from "next/link";
import { useState } from "react";
import { getErrorMessage } from "@/components/api/api-client";
import { confirmEmail } from "@/components/api/endpoints";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";

/**
 * The page a verification email links to. Confirming takes a click, not just the visit: mail
 * scanners open links on their own, and the address should be confirmed by its owner.
 */
export function ConfirmEmail({ token }: { token: string }) {
  const [state, setState] = useState<
    | { kind: "ready" }
    | { kind: "confirming" }
    | { kind: "done"; email: string }
    | { kind: "failed"; message: string }
  >({ kind: "ready" });

  if (!token) {
    return (
      <Alert tone="danger" title="This link is incomplete">
        Open the link from the email exactly as it is, or sign in and ask for a new one.
      </Alert>
    );
  }

  async function handleConfirm() {
    setState({ kind: "confirming" });
    try {
      const user = await confirmEmail(token);
      setState({ kind: "done", email: user.email });
    } catch (error) {
      setState({ kind: "failed", message: getErrorMessage(error) });
    }
  }

  if (state.kind === "done") {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Email address confirmed">
          {state.email} is confirmed. Others can now add you to their models by this address.
        </Alert>
        <Link href="/models" className={buttonClasses("primary", "md", "w-full")}>
          Go to your models
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Confirm that this email address is yours to finish setting up your account.
      </p>
      {state.kind === "failed" ? (
        <Alert tone="danger" title="Could not confirm">
          {state.message}
        </Alert>
      ) : null}
      <Button className="w-full" isLoading={state.kind === "confirming"} onClick={handleConfirm}>
        Confirm email address
      </Button>
      <p className="text-center text-sm text-slate-600">
        <Link href="/models" className="font-medium text-indigo-700 hover:underline">
          Back to your models
        </Link>
      </p>
    </div>
  );
}
