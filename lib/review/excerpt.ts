import { mentionsAsText } from "./mentions";

/**
 * A message's first words as plain text, for the inbox and previews: mentions as "@Name",
 * quoted lines left out, Markdown's marks removed, whitespace folded, at most `max` characters.
 */
export function excerptOf(body: string, max = 160): string {
  const text = mentionsAsText(body)
    .split("\n")
    .filter((line) => !/^\s*>/.test(line))
    .join(" ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`#~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
