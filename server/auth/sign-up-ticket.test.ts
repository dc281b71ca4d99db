import { describe, expect, it } from "vitest";
import { createSignUpTicket, readSignUpTicket, SIGN_UP_TICKET_TTL_MS } from "./sign-up-ticket";

const SECRET = "sign-up-ticket-test-secret-0123456789-abcdef";
const NOW = 1_800_000_000_000;

describe("sign-up tickets", () => {
  it("names the user they were made for until they expire", () => {
    const ticket = createSignUpTicket("user-1", SECRET, NOW);
    expect(readSignUpTicket(ticket, SECRET, NOW)).toBe("user-1");
    expect(readSignUpTicket(ticket, SECRET, NOW + SIGN_UP_TICKET_TTL_MS - 1)).toBe("user-1");
    expect(readSignUpTicket(ticket, SECRET, NOW + SIGN_UP_TICKET_TTL_MS)).toBeNull();
  });

  it("refuses tickets signed with another secret, altered, or malformed", () => {
    const ticket = createSignUpTicket("user-1", SECRET, NOW);
    expect(readSignUpTicket(ticket, `${SECRET}-other`, NOW)).toBeNull();
    const [payload = "", signature = ""] = ticket.split(".");
    const forged = Buffer.from(JSON.stringify({ u: "user-2", x: NOW + 60_000 })).toString(
      "base64url",
    );
    expect(readSignUpTicket(`${forged}.${signature}`, SECRET, NOW)).toBeNull();
    expect(readSignUpTicket(`${payload}.${signature}x`, SECRET, NOW)).toBeNull();
    for (const malformed of ["", ".", "abc", `${payload}.${signature}.more`]) {
      expect(readSignUpTicket(malformed, SECRET, NOW)).toBeNull();
    }
  });
});
