import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isAppError } from "./errors";
import { locateJsonError, parseJsonText } from "./parse-json";

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("JSON errors", () => {
  it("say on which line and column the text stops being JSON", () => {
    const text = '{\n  "name": "Set",\n  "rules" []\n}';
    const messages = { notJson: "The file is not valid JSON", notUnicode: "", invalid: "" };
    const error = errorOf(() => parseJsonText(text, z.unknown(), { ...messages, isLocated: true }));
    expect(error.message).toBe(
      "The file is not valid JSON: expected : after the field name at line 3, column 11",
    );
    expect(error.issues).toEqual([
      { path: "line 3, column 11", message: "expected : after the field name" },
    ]);
  });

  it("say nothing of the parser for request bodies", () => {
    const error = errorOf(() => parseJsonText('{"a" 1}', z.unknown()));
    expect(error.message).toBe("The body is not valid JSON");
    expect(error.issues).toBeUndefined();
  });

  it("say when the text ends too soon, and find nothing in valid JSON", () => {
    expect(locateJsonError('{"a": [1, 2')).toEqual({
      line: 1,
      column: 12,
      reason: "the text ends too soon",
    });
    expect(locateJsonError('{"a": [1, 2]}')).toBeNull();
    expect(locateJsonError('["a", "b\u0001"]')?.reason).toBe("a control character inside a string");
    expect(locateJsonError("[1,]")?.reason).toBe('unexpected "]"');
  });

  it("name the field of a value of the wrong shape", () => {
    const error = errorOf(() =>
      parseJsonText(
        '{"rules": [{"name": 3}]}',
        z.object({ rules: z.array(z.object({ name: z.string() })) }),
      ),
    );
    expect(error.issues?.[0]?.path).toBe("rules.0.name");
  });
});
