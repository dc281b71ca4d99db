import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  /** The session as the client sees it: the user carries our user id. */
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  /** The session cookie's claims: `sid` names its server-side session (see sessions). */
  interface JWT {
    sid?: string;
  }
}
