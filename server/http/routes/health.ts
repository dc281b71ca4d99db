import { sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";

/** GET /api/health: 200 when the database answers. */
export async function getHealth(req: ApiRequest): Promise<ApiResult> {
  try {
    await req.runtime.db.execute(sql`select 1`);
  } catch (error) {
    throw new AppError("internal", "The database is not reachable", { cause: error });
  }
  return {
    status: 200,
    body: { status: "ok" },
  };
}
