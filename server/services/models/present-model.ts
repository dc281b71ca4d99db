import type { ModelRow } from "@/drizzle/schema";
import type { Role } from "@/lib/model/roles";

/** A threat model as the API shows it to one member. */
export interface PublicModel {
  id: string;
  title: string;
  /** The requesting user's role. */
  role: Role;
  createdAt: string;
  updatedAt: string;
}

/** The API view of a model for a member with this role. */
export function presentModel(row: ModelRow, role: Role): PublicModel {
  return {
    id: row.id,
    title: row.title,
    role,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
