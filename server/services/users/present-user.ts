import type { UserRow } from "@/drizzle/schema";

/** What the API shows of a user: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  /** True once the user proved they receive mail at `email` (see users.emailVerifiedAt). */
  emailVerified: boolean;
}

/** Picks the public fields of a user row. */
export function presentUser(
  user: Pick<UserRow, "id" | "email" | "name" | "emailVerifiedAt">,
): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerifiedAt !== null,
  };
}
