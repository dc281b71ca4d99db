import { z } from "zod";

/** The claims of an OpenID Connect profile that sign-in uses. */
export const oidcProfileSchema = z.object({
  sub: z.string(),
  email: z.string().email(),
  email_verified: z.boolean().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
});
export type OidcProfile = z.infer<typeof oidcProfileSchema>;

/**
 * True when a single sign-on profile may sign in: it names an email address that the provider
 * says it verified. A missing `email_verified` is refused like a false one, since accounts are
 * matched by email: an address nobody proved would let its claimant into someone's account.
 */
export function isOidcProfileAcceptable(profile: unknown): boolean {
  const parsed = oidcProfileSchema.safeParse(profile);
  return parsed.success && parsed.data.email_verified === true;
}
