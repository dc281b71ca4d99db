import { AppError } from "@/lib/errors";
import { createEmailVerificationToken } from "@/server/auth/email-verification-token";
import { publicUrlOf } from "@/server/http/request-info";
import { sendInBackground } from "@/server/mail/mailer";
import type { Runtime } from "@/server/runtime";
import type { PublicUser } from "@/server/services/users/present-user";

/**
 * Emails the user a link that proves they receive mail at their address (see verifyEmail),
 * without waiting for the mail server. At most LIMITS.verificationEmailsPerUserPerHour per
 * account, so the form cannot be used to flood someone's inbox.
 */
export function sendVerificationEmail(
  runtime: Pick<Runtime, "env" | "mailer" | "verificationEmailLimiter">,
  user: PublicUser,
): void {
  if (user.emailVerified) throw new AppError("conflict", "This email address is already confirmed");
  if (!runtime.verificationEmailLimiter.hit(user.id)) {
    throw new AppError("rate_limited", "Several emails were sent already; try again in an hour");
  }
  const secret = runtime.env.NEXTAUTH_SECRET ?? "";
  const token = createEmailVerificationToken({ userId: user.id, email: user.email }, secret);
  const link = `${publicUrlOf(runtime.env)}/verify-email?token=${encodeURIComponent(token)}`;
  sendInBackground(runtime.mailer, {
    to: user.email,
    subject: "Confirm your email address for Threat Room",
    text: [
      `Hello ${user.name},`,
      "",
      "Please confirm that this is your email address by opening this link:",
      "",
      link,
      "",
      "The link works for 48 hours. Until the address is confirmed, nobody can add you to a",
      "model by email and single sign-on cannot join this account.",
      "",
      "If you did not create an account on Threat Room, ignore this email.",
    ].join("\n"),
  });
}
