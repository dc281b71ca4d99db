import { THREAD_TARGET_KINDS, type ThreadTarget } from "@/lib/review/targets";

/** The query parameter naming the thread open in the Discussion tab. */
export const DISCUSSION_THREAD_PARAM = "thread";
/** The query parameter narrowing the Discussion tab to one target's threads ("threat:abc"). */
export const DISCUSSION_ABOUT_PARAM = "about";

/** `href` opening the Discussion tab on a thread, or on a target's threads, or on all. */
export function buildDiscussionUrl(
  href: string,
  options: { threadId?: string; target?: ThreadTarget },
): string {
  const url = new URL(href);
  url.searchParams.set("tab", "discussion");
  url.searchParams.delete(DISCUSSION_THREAD_PARAM);
  url.searchParams.delete(DISCUSSION_ABOUT_PARAM);
  if (options.threadId) url.searchParams.set(DISCUSSION_THREAD_PARAM, options.threadId);
  if (options.target) {
    url.searchParams.set(DISCUSSION_ABOUT_PARAM, `${options.target.kind}:${options.target.id}`);
  }
  return url.toString();
}

/** The target named by an `about` value; null when it names none. */
export function parseAboutParam(value: string | null): ThreadTarget | null {
  if (!value) return null;
  const [kind, ...rest] = value.split(":");
  const id = rest.join(":");
  const found = THREAD_TARGET_KINDS.find((k) => k === kind);
  if (!found || !/^[A-Za-z0-9_-]{0,64}$/.test(id)) return null;
  if ((found === "model") !== (id === "")) return null;
  return { kind: found, id };
}
