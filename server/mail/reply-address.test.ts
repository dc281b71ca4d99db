import { describe, expect, it } from "vitest";
import { newReplyKey, readReplyAddress, replyAddressOf } from "./reply-address";

const options = { secret: "s".repeat(40), domain: "reply.example.com" };

describe("reply addresses", () => {
  it("reads back the key of an address it signed, in any case", () => {
    const key = newReplyKey();
    expect(key).toMatch(/^[a-z2-7]{16}$/);
    const address = replyAddressOf(key, options);
    expect(readReplyAddress(address, options)).toEqual({ key });
    expect(readReplyAddress(address.toUpperCase(), options)).toEqual({ key });
  });

  it("refuses an altered key, a wrong signature, a missing one and another domain", () => {
    const key = newReplyKey();
    const address = replyAddressOf(key, options);
    const otherKey = key.startsWith("a") ? `b${key.slice(1)}` : `a${key.slice(1)}`;
    expect(readReplyAddress(address.replace(key, otherKey), options)).toEqual({
      problem: "forged",
    });
    expect(
      readReplyAddress(replyAddressOf(key, { ...options, secret: "t".repeat(40) }), options),
    ).toEqual({ problem: "forged" });
    expect(readReplyAddress(`reply+${key}@reply.example.com`, options)).toEqual({
      problem: "unsigned",
    });
    expect(readReplyAddress(address.replace("reply.example.com", "evil.example"), options)).toEqual(
      { problem: "not-a-reply-address" },
    );
    expect(readReplyAddress("alice@reply.example.com", options)).toEqual({
      problem: "not-a-reply-address",
    });
  });
});
