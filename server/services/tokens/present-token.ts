import type { ApiTokenRow } from "@/drizzle/schema";

/** What the API shows of a token: never the hash. */
export interface PublicToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Picks the public fields of a token row. */
export function presentToken(row: ApiTokenRow): PublicToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
