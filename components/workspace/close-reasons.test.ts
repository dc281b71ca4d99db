import { describe, expect, it } from "vitest";
import { CLOSE_CODES, FINAL_CLOSE_CODES } from "@/lib/collab/close-codes";
import {
  describeTerminalClose,
  describeTransientClose,
  isTerminalCloseCode,
} from "./close-reasons";

describe("close reasons", () => {
  it("stops reconnecting on every final close code and on documentTooLarge", () => {
    for (const code of FINAL_CLOSE_CODES) expect(isTerminalCloseCode(code)).toBe(true);
    expect(isTerminalCloseCode(CLOSE_CODES.documentTooLarge)).toBe(true);
  });

  it("keeps reconnecting after transient closes", () => {
    for (const code of [
      1006,
      CLOSE_CODES.serverShutdown,
      CLOSE_CODES.rateLimited,
      CLOSE_CODES.roomUnavailable,
    ]) {
      expect(isTerminalCloseCode(code)).toBe(false);
    }
    expect(describeTransientClose(CLOSE_CODES.serverShutdown)).toMatch(/restarting/);
    expect(describeTransientClose(1006)).toBeNull();
  });

  it("tells the user what to do for each final code", () => {
    expect(describeTerminalClose(CLOSE_CODES.schemaMismatch).action).toBe("reload");
    expect(describeTerminalClose(CLOSE_CODES.unauthenticated).action).toBe("sign-in");
    expect(describeTerminalClose(CLOSE_CODES.accessRevoked).action).toBe("go-to-models");
    expect(describeTerminalClose(CLOSE_CODES.modelDeleted).title).toMatch(/deleted/);
  });
});
