import { randomBytes } from "node:crypto";

/** What a person types to create an account. */
export interface AccountInput {
  name: string;
  email: string;
  password: string;
}

/** A short random suffix that keeps names unique within a run and across runs. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

/** A new account's details; every call gets a fresh email address. */
export function buildAccount(overrides: Partial<AccountInput> = {}): AccountInput {
  return {
    name: "Test Person",
    email: `person-${uniqueSuffix()}@example.test`,
    password: "correct horse battery staple",
    ...overrides,
  };
}

/** A model or threat title that no other test uses, so lists never mix two tests' data. */
export function buildTitle(base: string): string {
  return `${base} ${uniqueSuffix()}`;
}
