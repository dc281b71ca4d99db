import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { parseJsonText } from "@/lib/parse-json";
import type { Actor } from "@/server/auth/authenticate";
import type { Runtime } from "@/server/runtime";

/** What a route handler receives: the parsed request and the process's services. */
export interface ApiRequest {
  method: string;
  url: URL;
  params: Record<string, string>;
  raw: IncomingMessage;
  runtime: Runtime;
  /** The client's address (first X-Forwarded-For hop only when TRUST_PROXY is set). */
  clientAddress: string;
  /** The authenticated actor; throws unauthorized when there is none. */
  requireActor(): Promise<Actor>;
  /** The actor, or null for an anonymous request. */
  optionalActor(): Promise<Actor | null>;
  /** Reads and parses the JSON body with the schema; 400/413/415 on bad input. */
  body<T extends z.ZodType>(schema: T): Promise<z.infer<T>>;
  /** The `:id` segment of the path, checked to be an id; 400 when it is not one. */
  pathId(): string;
  /** Parses the query string with the schema; 400 on bad input. */
  query<T extends z.ZodType>(schema: T): z.infer<T>;
}

/** Reads the raw body, refusing more than `limit` bytes. */
export async function readBody(
  req: IncomingMessage,
  limit: number = LIMITS.httpBodyBytes,
): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit)
    throw new AppError("payload_too_large", `The body may be at most ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit)
      throw new AppError("payload_too_large", `The body may be at most ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body with a schema. */
export async function parseJsonBody<T extends z.ZodType>(
  req: IncomingMessage,
  schema: T,
): Promise<z.infer<T>> {
  if (contentTypeOf(req) !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const raw = await readBody(req);
  return parseJsonText(raw.toString("utf8"), schema);
}

/** The media type of the request's body, lower-cased, without parameters. */
export function contentTypeOf(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
