import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` hits per window, then refuses until the window ends", () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.hit("a"))).toEqual([true, true, true, false]);
    expect(limiter.hit("b")).toBe(true);
    expect(limiter.retryAfterMs("a")).toBe(1000);
    now = 999;
    expect(limiter.hit("a")).toBe(false);
    now = 1000;
    expect(limiter.hit("a")).toBe(true);
  });

  it("forgets a key on reset", () => {
    const limiter = new RateLimiter(1, 1000, () => 0);
    limiter.hit("a");
    expect(limiter.hit("a")).toBe(false);
    limiter.reset("a");
    expect(limiter.hit("a")).toBe(true);
  });
});

describe("RateLimiter refunds", () => {
  it("does not count refunded hits, so only failures add up", () => {
    const limiter = new RateLimiter(2, 1000, () => 0);
    for (let i = 0; i < 10; i++) {
      expect(limiter.hit("office")).toBe(true);
      limiter.refund("office");
    }
    expect(limiter.hit("office")).toBe(true);
    expect(limiter.hit("office")).toBe(true);
    expect(limiter.hit("office")).toBe(false);
  });
});
