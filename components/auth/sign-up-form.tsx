"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { emailSchema, passwordSchema } from "@/lib/api/schemas";
import { LIMITS } from "@/lib/limits";
import { ApiError, getErrorMessage } from "@/components/api/api-client";
import { createUser } from "@/components/api/endpoints";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { focusFirstInvalidField, getFieldErrors, getIssueErrors } from "./form-errors";
import { signInWithSignUpTicket } from "./sign-in-with-credentials";

const signUpSchema = z.object({
  name: z
    .string()
    .min(1, { error: "Enter your name." })
    .max(LIMITS.nameLength, { error: `Use at most ${LIMITS.nameLength} characters.` }),
  email: emailSchema,
  password: passwordSchema,
});

type SignUpField = keyof z.infer<typeof signUpSchema>;
const SIGN_UP_FIELDS: readonly SignUpField[] = ["name", "email", "password"];

/**
 * Creates an account with POST /api/users, then signs in with the ticket it answers and opens
 * `callbackUrl`. `initialEmail` (e.g. from an invitation link) fills in the address, which stays
 * editable.
 */
export function SignUpForm({
  callbackUrl,
  initialEmail = "",
}: {
  callbackUrl: string;
  initialEmail?: string;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<SignUpField, string>>({
    name: "",
    email: initialEmail,
    password: "",
  });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<SignUpField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  function handleChange(field: SignUpField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
  }

  function showFieldErrors(errors: Partial<Record<SignUpField, string>>) {
    setFieldErrors(errors);
    requestAnimationFrame(() => focusFirstInvalidField(formRef.current));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = signUpSchema.safeParse({
      name: values.name.trim(),
      email: values.email,
      password: values.password,
    });
    if (!parsed.success) {
      showFieldErrors(getFieldErrors<SignUpField>(parsed.error));
      return;
    }
    setFieldErrors({});
    setIsSubmitting(true);
    let signInTicket: string;
    try {
      ({ signInTicket } = await createUser(parsed.data));
    } catch (caught) {
      setIsSubmitting(false);
      if (caught instanceof ApiError && caught.code === "conflict") {
        showFieldErrors({ email: "An account with this email already exists. Sign in instead." });
      } else if (caught instanceof ApiError && caught.code === "rate_limited") {
        setFormError("Too many sign-ups from this network. Try again later.");
      } else if (caught instanceof ApiError && caught.issues.length > 0) {
        const issueErrors = getIssueErrors(caught.issues, SIGN_UP_FIELDS);
        if (Object.keys(issueErrors).length > 0) showFieldErrors(issueErrors);
        else setFormError(caught.message);
      } else {
        setFormError(getErrorMessage(caught));
      }
      return;
    }
    const result = await signInWithSignUpTicket(signInTicket);
    if (!result.isSignedIn) {
      setFormError(`Your account was created, but signing in failed: ${result.message}`);
      setIsSubmitting(false);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form
        ref={formRef}
        noValidate
        onSubmit={handleSubmit}
        className="space-y-4"
        aria-label="Create account"
      >
        {formError ? <Alert tone="danger">{formError}</Alert> : null}
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          maxLength={LIMITS.nameLength}
          value={values.name}
          onChange={(event) => handleChange("name", event.target.value)}
          error={fieldErrors.name}
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          maxLength={LIMITS.emailLength}
          value={values.email}
          onChange={(event) => handleChange("email", event.target.value)}
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMinLength}
          maxLength={LIMITS.passwordMaxLength}
          value={values.password}
          onChange={(event) => handleChange("password", event.target.value)}
          error={fieldErrors.password}
          hint={`At least ${LIMITS.passwordMinLength} characters.`}
        />
        <Button type="submit" className="w-full" isLoading={isSubmitting}>
          Create account
        </Button>
      </form>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-medium text-indigo-700 underline-offset-2 hover:underline"
        >
          Sign in
        </Link>
      </p>
    </div>
  );
}
