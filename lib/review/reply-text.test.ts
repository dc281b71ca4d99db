import { describe, expect, it } from "vitest";
import { quoteForReply, stripQuotedReply } from "./reply-text";

describe("stripQuotedReply", () => {
  it("drops Gmail's attribution and the quoted history", () => {
    const text = [
      "Agreed, let's rate it High.",
      "",
      "On Sat, 5 Dec 2026 at 10:00, Alice <alice@example.com> wrote:",
      "> Should this be High?",
      "> -- ",
    ].join("\n");
    expect(stripQuotedReply(text)).toBe("Agreed, let's rate it High.");
  });

  it("drops an attribution wrapped onto two lines", () => {
    const text =
      "Yes.\n\nOn Sat, 5 Dec 2026 at 10:00, Alice Example\n<alice@example.com> wrote:\n> q";
    expect(stripQuotedReply(text)).toBe("Yes.");
  });

  it("keeps answers written between quoted lines", () => {
    const text = "> first question\nfirst answer\n> second question\nsecond answer";
    expect(stripQuotedReply(text)).toBe("first answer\nsecond answer");
  });

  it("drops the signature and Outlook's original-message block", () => {
    expect(stripQuotedReply("Fine by me\n-- \nBob\nSecurity")).toBe("Fine by me");
    expect(stripQuotedReply("Ok\r\n-----Original Message-----\r\nFrom: x")).toBe("Ok");
  });

  it("gives an empty string when only history is left", () => {
    expect(stripQuotedReply("> only quoted\n> text")).toBe("");
  });
});

describe("quoteForReply", () => {
  it("quotes each line after the author's name", () => {
    expect(quoteForReply("line 1\nline 2", "Alice")).toBe(
      "> **Alice** wrote:\n> line 1\n> line 2\n\n",
    );
  });
});
