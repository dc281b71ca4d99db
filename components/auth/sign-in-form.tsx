"use client";

import Link from "next/link";
import { getProviders, signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { emailSchema } from "@/lib/api/schemas";
import { LIMITS } from "@/lib/limits";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { focusFirstInvalidField, getFieldErrors } from "./form-errors";
import { signInWithCredentials } from "./sign-in-with-credentials";

const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: "Enter your password." }).max(LIMITS.passwordMaxLength),
});

type SignInField = keyof z.infer<typeof signInSchema>;

export interface SignInFormProps {
  /** A same-site path to open after signing in (already checked with getSafeCallbackUrl). */
  callbackUrl: string;
  /** Why the last single sign-on failed (from the page's URL), shown until the next attempt. */
  initialError?: string | null;
}

/** Email and password sign-in, with a single sign-on button when the server offers OIDC. */
export function SignInForm({ callbackUrl, initialError = null }: SignInFormProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<SignInField, string>>>({});
  const [formError, setFormError] = useState<string | null>(initialError);
  const [isSubmitting, setIsSubmitting] = useState(false);
  /** The single sign-on provider's name (OIDC_NAME), or null when the server offers none. */
  const [singleSignOnName, setSingleSignOnName] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    getProviders()
      .then((providers) => {
        const oidc = providers?.oidc;
        if (isCurrent && oidc) setSingleSignOnName(oidc.name);
      })
      .catch(() => {
        // Without the provider list the password form still works.
      });
    return () => {
      isCurrent = false;
    };
  }, []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = signInSchema.safeParse({ email, password });
    if (!parsed.success) {
      setFieldErrors(getFieldErrors<SignInField>(parsed.error));
      requestAnimationFrame(() => focusFirstInvalidField(formRef.current));
      return;
    }
    setFieldErrors({});
    setIsSubmitting(true);
    const result = await signInWithCredentials(parsed.data);
    if (!result.isSignedIn) {
      setFormError(result.message);
      setIsSubmitting(false);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  function handleSingleSignOn() {
    void signIn("oidc", { callbackUrl });
  }

  return (
    <div className="space-y-6">
      <form
        ref={formRef}
        noValidate
        onSubmit={handleSubmit}
        className="space-y-4"
        aria-label="Sign in"
      >
        {formError ? <Alert tone="danger">{formError}</Alert> : null}
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          maxLength={LIMITS.emailLength}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={LIMITS.passwordMaxLength}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" className="w-full" isLoading={isSubmitting}>
          Sign in
        </Button>
      </form>
      {singleSignOnName !== null ? (
        <div className="space-y-3">
          <div className="flex items-center gap-3 text-xs text-slate-500">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={handleSingleSignOn}>
            Sign in with {singleSignOnName}
          </Button>
        </div>
      ) : null}
      <p className="text-center text-sm text-slate-600">
        New to Threat Room?{" "}
        <Link
          href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-medium text-indigo-700 underline-offset-2 hover:underline"
        >
          Create an account
        </Link>
      </p>
    </div>
  );
}
