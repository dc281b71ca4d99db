import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isTextEntry } from "./keyboard-target";

/* The unit tests run without a DOM: stand-ins for the element classes isTextEntry checks. */
class FakeHTMLElement {
  isContentEditable = false;
}
class FakeInputElement extends FakeHTMLElement {}
class FakeTextAreaElement extends FakeHTMLElement {}
class FakeSelectElement extends FakeHTMLElement {}

describe("isTextEntry", () => {
  beforeEach(() => {
    vi.stubGlobal("HTMLElement", FakeHTMLElement);
    vi.stubGlobal("HTMLInputElement", FakeInputElement);
    vi.stubGlobal("HTMLTextAreaElement", FakeTextAreaElement);
    vi.stubGlobal("HTMLSelectElement", FakeSelectElement);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("is true in inputs, text areas, selects and editable content", () => {
    expect(isTextEntry(new FakeInputElement() as unknown as EventTarget)).toBe(true);
    expect(isTextEntry(new FakeTextAreaElement() as unknown as EventTarget)).toBe(true);
    expect(isTextEntry(new FakeSelectElement() as unknown as EventTarget)).toBe(true);
    const editable = new FakeHTMLElement();
    editable.isContentEditable = true;
    expect(isTextEntry(editable as unknown as EventTarget)).toBe(true);
  });

  it("is false elsewhere", () => {
    expect(isTextEntry(null)).toBe(false);
    expect(isTextEntry(new FakeHTMLElement() as unknown as EventTarget)).toBe(false);
    expect(isTextEntry({} as EventTarget)).toBe(false);
  });
});
