import { LIMITS } from "@/lib/limits";

/** Why an attempt may not go ahead now, and when it may. */
export type SignInRefusal = { reason: "address" | "backoff"; retryAfterMs: number };

interface AddressWindow {
  attempts: number;
  resetAt: number;
}

interface PairFailures {
  failures: number;
  /** Before this time (ms), the pair's next attempt is refused. */
  blockedUntil: number;
  /** When the entry may be forgotten. */
  expiresAt: number;
}

/** The limits of a throttle; LIMITS by default. */
export interface SignInThrottleSettings {
  attemptsPerAddress: number;
  addressWindowMs: number;
  failuresBeforeBackoff: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

const DEFAULT_SETTINGS: SignInThrottleSettings = {
  attemptsPerAddress: LIMITS.signInsPerAddress,
  addressWindowMs: LIMITS.signInAddressWindowMs,
  failuresBeforeBackoff: LIMITS.signInFailuresBeforeBackoff,
  backoffBaseMs: LIMITS.signInBackoffBaseMs,
  backoffMaxMs: LIMITS.signInBackoffMaxMs,
};

/** Entries kept before expired ones are swept, so memory stays bounded. */
const SWEEP_AT = 10_000;

/**
 * Slows password guessing without letting a guesser lock the owner out, as the best sign-in
 * services do. Two counters, in this order:
 *
 * 1. **Per address**: at most `attemptsPerAddress` attempts per window from one client
 *    address (a successful sign-in gives its attempt back). An address over it is refused
 *    before anything else is counted, so it cannot move any account's counter.
 * 2. **Per account and address**: after `failuresBeforeBackoff` wrong passwords for one account
 *    from one address, that address must wait before its next attempt for that account, twice
 *    as long after each further failure (from `backoffBaseMs` up to `backoffMaxMs`). The owner
 *    signing in from any other address is never slowed by it; a correct password resets it.
 *
 * Kept in memory per server node; a restart forgets it.
 */
export class SignInThrottle {
  private readonly addresses = new Map<string, AddressWindow>();
  private readonly pairs = new Map<string, PairFailures>();
  private readonly settings: SignInThrottleSettings;

  constructor(
    settings: Partial<SignInThrottleSettings> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  /**
   * Starts an attempt of `address` for `account`: null when it may go ahead (and it is then
   * counted against the address), else why not and for how long.
   */
  begin(address: string, account: string): SignInRefusal | null {
    const now = this.now();
    this.sweep(now);
    const window = this.addresses.get(address);
    const current =
      window && window.resetAt > now
        ? window
        : { attempts: 0, resetAt: now + this.settings.addressWindowMs };
    if (current.attempts >= this.settings.attemptsPerAddress) {
      return { reason: "address", retryAfterMs: current.resetAt - now };
    }
    const pair = this.pairs.get(pairKey(address, account));
    if (pair && pair.blockedUntil > now) {
      return { reason: "backoff", retryAfterMs: pair.blockedUntil - now };
    }
    current.attempts += 1;
    this.addresses.set(address, current);
    return null;
  }

  /** Records a wrong password of `address` for `account`; may start or lengthen its back-off. */
  recordFailure(address: string, account: string): void {
    const now = this.now();
    const key = pairKey(address, account);
    const failures = (this.pairs.get(key)?.failures ?? 0) + 1;
    const beyond = failures - this.settings.failuresBeforeBackoff;
    const waitMs =
      beyond < 0
        ? 0
        : Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 2 ** beyond);
    this.pairs.set(key, {
      failures,
      blockedUntil: now + waitMs,
      expiresAt: now + Math.max(waitMs, this.settings.backoffMaxMs),
    });
  }

  /** Records a correct password: the pair's failures are forgotten and the attempt given back. */
  recordSuccess(address: string, account: string): void {
    this.pairs.delete(pairKey(address, account));
    const window = this.addresses.get(address);
    if (window && window.attempts > 0) window.attempts -= 1;
  }

  private sweep(now: number): void {
    if (this.addresses.size >= SWEEP_AT) {
      for (const [key, window] of this.addresses)
        if (window.resetAt <= now) this.addresses.delete(key);
    }
    if (this.pairs.size >= SWEEP_AT) {
      for (const [key, pair] of this.pairs) if (pair.expiresAt <= now) this.pairs.delete(key);
    }
  }
}

function pairKey(address: string, account: string): string {
  return `${address}\u0000${account}`;
}
