/**
 * A fixed-window counter per key, kept in memory: `limit` hits per `windowMs`. Used for sign-in
 * and sign-up attempts. Entries expire with their window so memory stays bounded by the
 * number of keys seen in one window.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit for the key; returns false when the key is over its limit. */
  hit(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return true;
    }
    entry.count += 1;
    return entry.count <= this.limit;
  }

  /** Milliseconds until the key may try again (0 when it may now). */
  retryAfterMs(key: string): number {
    const entry = this.hits.get(key);
    if (!entry || entry.count <= this.limit) return 0;
    return Math.max(0, entry.resetAt - this.now());
  }

  /** Gives back one hit, e.g. for an attempt that turned out to be a successful sign-in. */
  refund(key: string): void {
    const entry = this.hits.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  /** Forgets a key, e.g. after a successful sign-in. */
  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number): void {
    if (this.hits.size < 10_000) return;
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}
