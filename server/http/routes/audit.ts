import { z } from "zod";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorize } from "@/server/policies/policy";
import { listAuditEvents } from "@/server/services/audit/list-audit-events";
import { verifyAuditChain } from "@/server/services/audit/verify-audit-chain";
import { checkRuleSetAdmin } from "@/server/services/users/check-rule-set-admin";

const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

async function requireAdministrator(req: ApiRequest): Promise<void> {
  const actor = await req.requireActor();
  const isAdmin = await checkRuleSetAdmin(req.runtime.db, {
    user: actor.user,
    adminEmails: req.runtime.env.ADMIN_EMAILS,
  });
  authorize({ isRuleSetAdmin: isAdmin }, "instance.read-audit-trail", { kind: "instance" });
}

/** GET /api/audit?before=&limit=: the instance's audit trail, newest first (administrators). */
export async function getAuditEvents(req: ApiRequest): Promise<ApiResult> {
  await requireAdministrator(req);
  const query = req.query(auditQuery);
  const page = await listAuditEvents(req.runtime.db, {
    beforeId: query.before ?? null,
    limit: query.limit,
  });
  return { status: 200, body: page };
}

/**
 * POST /api/audit/verify: recomputes the hash chain of the whole trail (administrators);
 * answers it intact with the number of events, or the id of the first row that breaks it.
 */
export async function postAuditVerification(req: ApiRequest): Promise<ApiResult> {
  await requireAdministrator(req);
  return { status: 200, body: await verifyAuditChain(req.runtime.db) };
}
