"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { passwordSchema } from "@/lib/api/schemas";
import { ApiError, getErrorMessage } from "@/components/api/api-client";
import { changePassword, fetchCurrentUserAccess } from "@/components/api/endpoints";
import Link from "next/link";
import type { User } from "@/components/api/schemas";
import {
  focusFirstInvalidField,
  getFieldErrors,
  getIssueErrors,
} from "@/components/auth/form-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/shell";
import { PageSpinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { EmailNotificationsCard } from "./email-notifications-card";

const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, { error: "Enter your current password." }),
  newPassword: passwordSchema,
});
type PasswordField = keyof z.infer<typeof passwordChangeSchema>;
const PASSWORD_FIELDS: readonly PasswordField[] = ["currentPassword", "newPassword"];

/**
 * The account page: who you are, whether your address is confirmed, how discussions reach you
 * by email, and a password change.
 */
export function AccountView() {
  const [user, setUser] = useState<User | null>(null);
  const [isAdministrator, setIsAdministrator] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUserAccess(controller.signal).then(
      (access) => {
        setUser(access.user);
        setIsAdministrator(access.isRuleSetAdmin);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(getErrorMessage(error));
      },
    );
    return () => controller.abort();
  }, []);

  return (
    <>
      <PageHeader
        title="Account"
        description="Your name, email address, email notifications and password."
      />
      {loadError ? (
        <Alert tone="danger" title="Your account could not be loaded">
          {loadError}
        </Alert>
      ) : !user ? (
        <PageSpinner label="Loading your account" />
      ) : (
        <div className="space-y-6">
          <Card>
            <CardHeader title="Profile" />
            <dl className="grid gap-3 px-5 pb-5 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="font-medium text-slate-600">Name</dt>
              <dd>{user.name}</dd>
              <dt className="font-medium text-slate-600">Email</dt>
              <dd className="flex flex-wrap items-center gap-2">
                {user.email}
                {user.emailVerified ? (
                  <Badge tone="success">Confirmed</Badge>
                ) : (
                  <Badge tone="warning">Not confirmed</Badge>
                )}
              </dd>
            </dl>
          </Card>
          <EmailNotificationsCard />
          <PasswordChangeCard />
          {isAdministrator ? (
            <Card>
              <CardHeader title="Administration" description="You administer this Threat Room." />
              <p className="px-5 pb-5 text-sm">
                <Link
                  href="/settings/audit"
                  className="font-medium text-indigo-700 hover:underline"
                >
                  Open the audit trail
                </Link>{" "}
                to see who did what, and verify that no entry was changed.
              </p>
            </Card>
          ) : null}
        </div>
      )}
    </>
  );
}

function PasswordChangeCard() {
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<PasswordField, string>>({
    currentPassword: "",
    newPassword: "",
  });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const [outcome, setOutcome] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  function showFieldErrors(errors: Partial<Record<PasswordField, string>>) {
    setFieldErrors(errors);
    requestAnimationFrame(() => focusFirstInvalidField(formRef.current));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    const parsed = passwordChangeSchema.safeParse(values);
    if (!parsed.success) {
      showFieldErrors(getFieldErrors<PasswordField>(parsed.error));
      return;
    }
    setFieldErrors({});
    setIsSubmitting(true);
    try {
      const signedOut = await changePassword(parsed.data);
      setValues({ currentPassword: "", newPassword: "" });
      setOutcome({
        tone: "success",
        text:
          signedOut === 0
            ? "Your password was changed."
            : `Your password was changed, and ${signedOut} other ${signedOut === 1 ? "session was" : "sessions were"} signed out.`,
      });
    } catch (caught) {
      const issueErrors =
        caught instanceof ApiError ? getIssueErrors(caught.issues, PASSWORD_FIELDS) : {};
      if (Object.keys(issueErrors).length > 0) showFieldErrors(issueErrors);
      else setOutcome({ tone: "danger", text: getErrorMessage(caught) });
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <Card>
      <CardHeader
        title="Change password"
        description="Every other browser signed in to your account is signed out."
      />
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="space-y-4 px-5 pb-5">
        <TextField
          label="Current password"
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          value={values.currentPassword}
          error={fieldErrors.currentPassword}
          onChange={(event) => setValues((v) => ({ ...v, currentPassword: event.target.value }))}
        />
        <TextField
          label="New password"
          type="password"
          name="newPassword"
          autoComplete="new-password"
          hint="At least 10 characters; a passphrase of a few words works well."
          value={values.newPassword}
          error={fieldErrors.newPassword}
          onChange={(event) => setValues((v) => ({ ...v, newPassword: event.target.value }))}
        />
        {outcome ? (
          <Alert tone={outcome.tone} role={outcome.tone === "danger" ? "alert" : "status"}>
            {outcome.text}
          </Alert>
        ) : null}
        <Button type="submit" isLoading={isSubmitting}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
