/** Lower case without accents and with single spaces, so "Café  TLS" finds "cafe tls". */
export function normalizeSearchText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * True when every word of `query` occurs in at least one of `texts` (in any order). An empty
 * query matches everything.
 */
export function matchesSearch(texts: readonly string[], query: string): boolean {
  const words = normalizeSearchText(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.map(normalizeSearchText).join("\n");
  return words.every((word) => haystack.includes(word));
}
