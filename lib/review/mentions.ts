/**
 * Mentions in a message's Markdown: `@[Name](mention:userId)`, written by the composer's
 * member picker. The id is what counts (who is notified); the name is how it reads, also in a
 * mail client that shows the raw text.
 */
const MENTION = /@\[([^\]\n]{1,100})\]\(mention:([A-Za-z0-9_-]{1,64})\)/g;

/** The token that mentions a member, as the composer inserts it. */
export function mentionToken(member: { id: string; name: string }): string {
  const name = member.name.replace(/[[\]\n]/g, " ").slice(0, 100) || "member";
  return `@[${name}](mention:${member.id})`;
}

/** The distinct user ids mentioned in `body`, in order of first mention. */
export function extractMentionIds(body: string): string[] {
  const ids = new Set<string>();
  for (const match of body.matchAll(MENTION)) if (match[2]) ids.add(match[2]);
  return [...ids];
}

/** `body` with each mention written as "@Name": for plain-text email and previews. */
export function mentionsAsText(body: string): string {
  return body.replace(MENTION, (_all, name: string) => `@${name}`);
}

/** The regular expression of one mention, anchored at the start (for the Markdown renderer). */
export const MENTION_AT_START = /^@\[([^\]\n]{1,100})\]\(mention:([A-Za-z0-9_-]{1,64})\)/;
