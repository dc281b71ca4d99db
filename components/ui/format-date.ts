import { lazy } from "@/lib/lazy";

const getDateTimeFormat = lazy(
  () => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }),
);

/** A date-time from the API (ISO string or epoch ms) for display; "" when it is not a date. */
export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : getDateTimeFormat().format(date);
}
