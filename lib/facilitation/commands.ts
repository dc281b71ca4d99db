import { z } from "zod";
import type { JsonPatch } from "@/lib/collab/json-patch";
import { STRIDE_CATEGORIES } from "@/lib/model/threats";
import { SESSION_PHASES } from "./session";

/**
 * The facilitator's commands as they arrive over HTTP or the model's socket, validated here
 * once for both: the state machine's own (lib/facilitation/session.ts) and those the server
 * applies beside it (group rating, verification answers, hands, parking lot).
 */

const id = z.string().min(1).max(64);
const reason = z.string().max(500);

export const facilitatorCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("next") }),
  z.object({ type: z.literal("previous") }),
  z.object({
    type: z.literal("go-to"),
    itemIndex: z.number().int().min(0),
    categoryIndex: z.number().int().min(0).optional(),
  }),
  z.object({
    type: z.literal("mark"),
    targetId: id,
    category: z.enum(STRIDE_CATEGORIES),
    state: z.enum(["found", "none-found"]),
  }),
  z.object({ type: z.literal("skip-category"), reason }),
  z.object({ type: z.literal("skip-item"), targetId: id, reason }),
  z.object({ type: z.literal("move-item"), targetId: id, toIndex: z.number().int().min(0) }),
  z.object({
    type: z.literal("add-item"),
    item: z.object({
      targetId: id,
      targetKind: z.enum(["element", "flow"]),
      name: z.string().max(200),
      categories: z.array(z.enum(STRIDE_CATEGORIES)).min(1).max(6),
    }),
  }),
  z.object({ type: z.literal("set-phase"), phase: z.enum(SESSION_PHASES) }),
  z.object({
    type: z.literal("extend-timer"),
    timer: z.enum(["item", "phase"]),
    minutes: z.number().int().min(1).max(120),
  }),
  z.object({ type: z.literal("take-over") }),
  z.object({ type: z.literal("end") }),
  z.object({
    type: z.literal("open-rating"),
    threatId: id,
    /** Bug-bar severity (the default), or DREAD on the model's scale. */
    method: z.enum(["severity", "dread"]).default("severity"),
  }),
  z.object({ type: z.literal("reveal-votes") }),
  z.object({ type: z.literal("close-rating") }),
  z.object({
    type: z.literal("answer-verification"),
    questionId: z.string().min(1).max(64),
    answer: z.enum(["yes", "no", "not-applicable"]),
  }),
  z.object({ type: z.literal("lower-hand"), userId: id }),
  z.object({ type: z.literal("remove-parked"), id }),
]);

export type FacilitatorCommand = z.infer<typeof facilitatorCommandSchema>;

/** A command sent on the model's socket; the answer names the same request id. */
export const socketCommandSchema = z.object({
  requestId: z.string().min(1).max(64),
  command: facilitatorCommandSchema,
});

/** The server's answer to a socket command. */
export const socketAnswerSchema = z.union([
  z.object({ requestId: z.string(), ok: z.literal(true) }),
  z.object({ requestId: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type SocketAnswer = z.infer<typeof socketAnswerSchema>;

/**
 * What MESSAGE_SESSION_CHANGED carries: the whole session (as GET /api/models/:id/session
 * answers), or a patch that turns the session at revision `base` into `revision`.
 */
export type SessionNotice<Session = unknown> =
  Session | { id: string; base: number; revision: number; patch: JsonPatch };

/** A patch notice, as the client checks it before applying it. */
export const sessionPatchNoticeSchema = z.object({
  id: z.string(),
  base: z.number().int(),
  revision: z.number().int(),
  patch: z.object({
    set: z.array(z.tuple([z.array(z.string()), z.unknown()])),
    unset: z.array(z.array(z.string())),
  }),
});
