/**
 * The text of a reply, without what mail clients add below or above it: the quoted history
 * ("> …" lines and the "On … wrote:" line before them), the forwarded original, and the
 * signature after "-- ". Only what the person wrote is kept.
 */
const ATTRIBUTION_LINES = [
  /^On .{1,300}wrote:\s*$/i,
  /^Am .{1,300}schrieb.{0,100}:\s*$/i,
  /^Le .{1,300}a écrit\s*:\s*$/i,
  /^El .{1,300}escribió:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^_{5,}\s*$/,
  /^From: .+$/,
];

/** The reply's own text (see above), trimmed; "" when nothing is left. */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "-- " || line === "--") break;
    // Outlook and Gmail may wrap the attribution onto two lines: join it with the next.
    const joined = `${line} ${lines[i + 1] ?? ""}`.trim();
    if (ATTRIBUTION_LINES.some((pattern) => pattern.test(line.trim()))) break;
    if (/^On .{1,300}$/i.test(line.trim()) && /wrote:\s*$/i.test(joined)) break;
    if (/^\s*>/.test(line)) {
      // Everything quoted from here on is history, unless the person answers in between.
      const rest = lines.slice(i);
      if (rest.every((next) => /^\s*>/.test(next) || next.trim() === "")) break;
      continue;
    }
    kept.push(line);
  }
  return kept.join("\n").trim();
}

/** `body` quoted for a reply in the composer: "> " before each line, then a blank line. */
export function quoteForReply(body: string, authorName: string): string {
  const quoted = body
    .trim()
    .split("\n")
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
  return `> **${authorName.replace(/[*_`]/g, "")}** wrote:\n${quoted}\n\n`;
}
