import { describe, expect, it } from "vitest";
import { toElementSubject, toFlowSubject } from "./subjects";
import { compileTemplate } from "./template";
import { buildElement, buildFlow } from "./test-factories";

describe("compileTemplate", () => {
  const source = toElementSubject(buildElement("process", { name: "API", sandboxed: true }));
  const flow = toFlowSubject(buildFlow({ name: "", sequence: 3 }));

  it("fills names and other fields of each subject", () => {
    const render = compileTemplate("{source.name} sends #{flow.sequence} ({source.sandboxed})");
    expect(render({ source, flow })).toBe("API sends #3 (true)");
  });

  it("names a blank subject by its kind", () => {
    expect(compileTemplate("{flow.name}")({ flow })).toBe("unnamed data flow");
  });

  it("leaves unknown placeholders, missing subjects and null fields as typed", () => {
    const render = compileTemplate("{target.name}/{source.permissionLevel}/{source.x.y}/{other}");
    expect(render({ source })).toBe("{target.name}/{source.permissionLevel}/{source.x.y}/{other}");
  });
});
