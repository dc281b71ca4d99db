import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { readServerEnv } from "@/server/config";
import { clientAddressOf } from "./request-info";

function request(forwardedFor: string | undefined): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: "10.0.0.9" });
  return {
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
    socket,
  } as IncomingMessage;
}

describe("clientAddressOf", () => {
  const withProxies = (value: string) => readServerEnv({ TRUST_PROXY: value });

  it("uses the socket's address without TRUST_PROXY, whatever the header says", () => {
    expect(clientAddressOf(request("1.2.3.4"), readServerEnv({}))).toBe("10.0.0.9");
    expect(clientAddressOf(request("1.2.3.4"), withProxies("false"))).toBe("10.0.0.9");
  });

  it("takes the entry the outermost trusted proxy appended: N-th from the right", () => {
    const forged = "6.6.6.6, 203.0.113.7";
    expect(clientAddressOf(request(forged), withProxies("1"))).toBe("203.0.113.7");
    expect(clientAddressOf(request(forged), withProxies("true"))).toBe("203.0.113.7");
    expect(clientAddressOf(request(`${forged}, 192.168.1.2`), withProxies("2"))).toBe(
      "203.0.113.7",
    );
  });

  it("falls back to the socket when fewer entries than proxies arrived", () => {
    expect(clientAddressOf(request("203.0.113.7"), withProxies("2"))).toBe("10.0.0.9");
    expect(clientAddressOf(request(undefined), withProxies("1"))).toBe("10.0.0.9");
  });

  it("refuses a TRUST_PROXY that is not a small number or a boolean", () => {
    expect(() => readServerEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
    expect(() => readServerEnv({ TRUST_PROXY: "99" })).toThrow(/TRUST_PROXY/);
  });
});
