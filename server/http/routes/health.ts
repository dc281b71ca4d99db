import { sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";

/**
 * GET /api/health: 200 when the database answers. The embedded database runs one statement at
 * a time; while it is busy and answering, that is answer enough, so that a probe never waits
 * behind a long statement and reports a working server as stalled.
 */
export async function getHealth(req: ApiRequest): Promise<ApiResult> {
  if (req.runtime.isDatabaseKnownUp()) return { status: 200, body: { status: "ok" } };
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
