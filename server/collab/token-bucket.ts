/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. A message takes one
 * token, or as many as it costs (bytes, say); an empty bucket means the sender is over its rate.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Takes `amount` tokens (one by default); false, taking none, when fewer are left. */
  take(amount = 1): boolean {
    this.refill();
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** True when at least one token is left. */
  hasAny(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  /**
   * Takes `amount` tokens whatever is left, going into debt: for work whose cost is known only
   * once done. Later takes fail until the debt is refilled.
   */
  charge(amount: number): void {
    this.refill();
    this.tokens -= amount;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond,
    );
    this.updatedAt = now;
  }
}
