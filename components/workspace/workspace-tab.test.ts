import { describe, expect, it } from "vitest";
import {
  buildWorkspaceTabUrl,
  getTabAfterKey,
  parseWorkspaceTab,
  WORKSPACE_TABS,
} from "./workspace-tab";

describe("parseWorkspaceTab", () => {
  it("reads a known tab and falls back to the diagram", () => {
    expect(parseWorkspaceTab("mitigations")).toBe("mitigations");
    expect(parseWorkspaceTab("diagram")).toBe("diagram");
    expect(parseWorkspaceTab("threats")).toBe("threats");
    expect(parseWorkspaceTab(null)).toBe("diagram");
    expect(parseWorkspaceTab("MITIGATIONS")).toBe("diagram");
    expect(parseWorkspaceTab("constructor")).toBe("diagram");
  });
});

describe("buildWorkspaceTabUrl", () => {
  it("sets the tab and keeps other parameters and the hash", () => {
    expect(buildWorkspaceTabUrl("http://h/models/m1?x=1#main", "mitigations")).toBe(
      "http://h/models/m1?x=1&tab=mitigations#main",
    );
    expect(buildWorkspaceTabUrl("http://h/models/m1?diagram=d1", "threats")).toBe(
      "http://h/models/m1?diagram=d1&tab=threats",
    );
  });

  it("drops the parameter for the default tab", () => {
    expect(buildWorkspaceTabUrl("http://h/models/m1?tab=mitigations", "diagram")).toBe(
      "http://h/models/m1",
    );
  });
});

describe("getTabAfterKey", () => {
  it("lists the diagram first, then threats, mitigations, notes and context", () => {
    expect(WORKSPACE_TABS).toEqual([
      "diagram",
      "threats",
      "mitigations",
      "notes",
      "context",
      "discussion",
    ]);
  });

  it("moves with the arrow keys, wrapping around", () => {
    expect(getTabAfterKey(WORKSPACE_TABS, "threats", "ArrowRight")).toBe("mitigations");
    expect(getTabAfterKey(WORKSPACE_TABS, "notes", "ArrowRight")).toBe("context");
    expect(getTabAfterKey(WORKSPACE_TABS, "context", "ArrowRight")).toBe("discussion");
    expect(getTabAfterKey(WORKSPACE_TABS, "discussion", "ArrowRight")).toBe("diagram");
    expect(getTabAfterKey(WORKSPACE_TABS, "diagram", "ArrowLeft")).toBe("discussion");
    expect(getTabAfterKey(WORKSPACE_TABS, "threats", "ArrowLeft")).toBe("diagram");
  });

  it("jumps with Home and End and ignores other keys", () => {
    expect(getTabAfterKey(WORKSPACE_TABS, "mitigations", "Home")).toBe("diagram");
    expect(getTabAfterKey(WORKSPACE_TABS, "threats", "End")).toBe("discussion");
    expect(getTabAfterKey(WORKSPACE_TABS, "threats", "Enter")).toBeNull();
    expect(getTabAfterKey([], "threats", "ArrowRight")).toBeNull();
  });
});
