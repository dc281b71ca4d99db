import { describe, expect, it } from "vitest";
import { SignInThrottle } from "./sign-in-throttle";

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const SETTINGS = {
  attemptsPerAddress: 20,
  addressWindowMs: 60_000,
  failuresBeforeBackoff: 3,
  backoffBaseMs: 1_000,
  backoffMaxMs: 8_000,
};

/** One attempt with a wrong password; true when it was allowed to run. */
function guess(throttle: SignInThrottle, address: string, account: string): boolean {
  if (throttle.begin(address, account)) return false;
  throttle.recordFailure(address, account);
  return true;
}

describe("SignInThrottle", () => {
  it("slows only the guessing address: the owner signs in from another address", () => {
    const time = clock();
    const throttle = new SignInThrottle(SETTINGS, time.now);
    for (let i = 0; i < 3; i++) expect(guess(throttle, "attacker", "ada")).toBe(true);
    expect(throttle.begin("attacker", "ada")).toEqual({ reason: "backoff", retryAfterMs: 1_000 });
    expect(throttle.begin("owner-laptop", "ada")).toBeNull();
    throttle.recordSuccess("owner-laptop", "ada");
    // The guesser is still waiting, and a correct password elsewhere did not lift it.
    expect(throttle.begin("attacker", "ada")?.reason).toBe("backoff");
  });

  it("doubles the wait after each further failure, up to the maximum", () => {
    const time = clock();
    const throttle = new SignInThrottle(SETTINGS, time.now);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refusal = throttle.begin("a", "ada");
      if (refusal) {
        waits.push(refusal.retryAfterMs);
        time.advance(refusal.retryAfterMs);
        expect(throttle.begin("a", "ada")).toBeNull();
      }
      throttle.recordFailure("a", "ada");
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it("checks the address before the account's counter moves", () => {
    const time = clock();
    const throttle = new SignInThrottle({ ...SETTINGS, attemptsPerAddress: 2 }, time.now);
    expect(guess(throttle, "botnet-1", "x")).toBe(true);
    expect(guess(throttle, "botnet-1", "y")).toBe(true);
    // Over its limit, the address is refused and Ada's counter for it never starts.
    for (let i = 0; i < 5; i++) {
      expect(throttle.begin("botnet-1", "ada")).toMatchObject({ reason: "address" });
    }
    time.advance(60_000);
    for (let i = 0; i < 2; i++) expect(guess(throttle, "botnet-1", "ada")).toBe(true);
    expect(throttle.begin("botnet-1", "ada")).toMatchObject({ reason: "address" });
  });

  it("gives a successful sign-in's attempt back, so colleagues behind one address are not limited", () => {
    const throttle = new SignInThrottle({ ...SETTINGS, attemptsPerAddress: 3 }, clock().now);
    for (let i = 0; i < 50; i++) {
      expect(throttle.begin("office", `colleague-${i}`)).toBeNull();
      throttle.recordSuccess("office", `colleague-${i}`);
    }
  });

  it("forgets an account's failures from an address after a correct password there", () => {
    const throttle = new SignInThrottle(SETTINGS, clock().now);
    for (let i = 0; i < 2; i++) guess(throttle, "home", "ada");
    expect(throttle.begin("home", "ada")).toBeNull();
    throttle.recordSuccess("home", "ada");
    for (let i = 0; i < 3; i++) expect(guess(throttle, "home", "ada")).toBe(true);
  });
});
