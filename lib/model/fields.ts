import { z } from "zod";
import { stripInvisibleFormatting } from "../text";
import { LIMITS } from "../limits";

/** An entity id (nanoid) or a reference to one. */
export const idSchema = z.string().min(1).max(LIMITS.idLength);

/** A point in time: milliseconds since the Unix epoch. */
export const timestampSchema = z.number().int().nonnegative();

/** A yes/no answer that may not be known yet: null means "not answered". */
export const answerSchema = z.boolean().nullable();

/** Short free text (protocol, code language, asset, owner...); may be empty. */
export const shortTextSchema = z.string().max(LIMITS.shortTextLength);

/** Long free text (descriptions, reasons); may be empty. */
export const longTextSchema = z.string().max(LIMITS.longTextLength);

/** The name of a diagram element or data flow; may be empty while being typed. */
export const nameSchema = z
  .string()
  .transform(stripInvisibleFormatting)
  .pipe(z.string().trim().max(LIMITS.elementNameLength));

/** A finite coordinate or size on the diagram canvas. */
export const coordinateSchema = z.number().finite();

/** An http(s) URL, e.g. a link to a bug tracker item; other schemes (javascript:) are refused. */
export const httpUrlSchema = z.url({ protocol: /^https?$/ }).max(LIMITS.urlLength);
