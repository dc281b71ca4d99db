import { describe, expect, it } from "vitest";
import { getInitials, getUserColor, USER_COLORS } from "./user-color";

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe("getUserColor", () => {
  it("gives the same user the same colour every time", () => {
    expect(getUserColor("user-123")).toBe(getUserColor("user-123"));
  });

  it("spreads different users over the palette", () => {
    const colors = new Set(Array.from({ length: 50 }, (_, index) => getUserColor(`user-${index}`)));
    expect(colors.size).toBeGreaterThan(6);
  });

  it("keeps white initials readable (contrast at least 4.5:1) on every colour", () => {
    for (const color of USER_COLORS) {
      expect(1.05 / (luminance(color) + 0.05) >= 4.5, color).toBe(true);
    }
  });
});

describe("getInitials", () => {
  it("uses the first and last word", () => {
    expect(getInitials("Ada Byron Lovelace")).toBe("AL");
  });

  it("handles one word, emails and empty names", () => {
    expect(getInitials("alice")).toBe("A");
    expect(getInitials("bob.smith@example.com")).toBe("BC");
    expect(getInitials("   ")).toBe("?");
  });
});
