import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signed reply addresses: `reply+<key>.<signature>@<domain>`. The key names one person's
 * replies to one thread (reply_keys); the signature, an HMAC of the key under the server's
 * secret, lets the listener refuse made-up and altered addresses before reading anything.
 * Lower-case letters and digits only, as some mail systems lower-case local parts.
 */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const KEY_LENGTH = 16;
const SIGNATURE_LENGTH = 20;

function base32(bytes: Uint8Array, length: number): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= 0xff;
  }
  return out;
}

/** A new random reply key (80 bits). */
export function newReplyKey(): string {
  return base32(randomBytes(10), KEY_LENGTH);
}

function signatureOf(key: string, secret: string): string {
  const mac = createHmac("sha256", secret).update(`reply-address:${key}`).digest();
  return base32(mac, SIGNATURE_LENGTH);
}

/** The reply address of a key. */
export function replyAddressOf(key: string, options: { secret: string; domain: string }): string {
  return `reply+${key}.${signatureOf(key, options.secret)}@${options.domain}`;
}

/** Why an address is not a reply address of this server. */
export type ReplyAddressProblem = "not-a-reply-address" | "unsigned" | "forged";

/**
 * The key of a reply address, after checking the domain and the signature (in constant time);
 * or what is wrong with it.
 */
export function readReplyAddress(
  address: string,
  options: { secret: string; domain: string },
): { key: string } | { problem: ReplyAddressProblem } {
  const match = /^reply\+([a-z2-7]+)(?:\.([a-z2-7]*))?@(.+)$/i.exec(address.trim());
  if (!match || (match[3] ?? "").toLowerCase() !== options.domain.toLowerCase()) {
    return { problem: "not-a-reply-address" };
  }
  const key = (match[1] ?? "").toLowerCase();
  const signature = (match[2] ?? "").toLowerCase();
  if (key.length !== KEY_LENGTH || signature === "") return { problem: "unsigned" };
  const expected = Buffer.from(signatureOf(key, options.secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { problem: "forged" };
  }
  return { key };
}
