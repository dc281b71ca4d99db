import { describe, expect, it } from "vitest";
import {
  listExclusionOptions,
  listFieldOptions,
  listTextFieldOptions,
  type FieldScope,
} from "./field-options";

const ANY_INTERACTION: FieldScope = {
  scope: "interaction",
  sourceKinds: [],
  targetKinds: [],
  elementKinds: [],
};

describe("listExclusionOptions", () => {
  it("offers the flow's fields and those of the source and target kinds", () => {
    const options = listExclusionOptions({
      ...ANY_INTERACTION,
      sourceKinds: ["external-entity"],
      targetKinds: ["data-store"],
    });
    expect(options.map((option) => option.label)).toEqual([
      "the data flow is authenticated",
      "the data flow is encrypted",
      "the data flow has forgery protection",
      "the target data store holds logs",
      "the target data store holds credentials",
      "the target data store holds secrets",
      "the target data store holds backups",
      "the target data store shares data between parties",
      "the target data store is encrypted",
      "the target data store is on an encrypted disk",
      "the target data store holds signed data",
    ]);
  });

  it("offers every endpoint kind's fields when any kind is allowed, and merges shared fields", () => {
    const keys = listExclusionOptions(ANY_INTERACTION).map((option) => option.key);
    expect(keys).toContain("source.sandboxed");
    expect(keys).toContain("target.holdsCredentials");
    const element = listExclusionOptions({
      ...ANY_INTERACTION,
      scope: "element",
      elementKinds: ["data-flow", "data-store"],
    });
    expect(element.find((option) => option.key === "element.encrypted")?.label).toBe(
      "the data flow or data store is encrypted",
    );
  });

  it("tells answers that may be unanswered from plain yes/no fields", () => {
    const types = new Map(
      listExclusionOptions(ANY_INTERACTION).map((option) => [option.key, option.type]),
    );
    expect(types.get("flow.authenticated")).toBe("answer");
    expect(types.get("source.sandboxed")).toBe("answer");
    expect(types.get("target.holdsLogs")).toBe("yes-no");
  });
});

describe("listTextFieldOptions", () => {
  it("names a field every allowed kind has by its subject, others by their kinds", () => {
    const labels = listTextFieldOptions(ANY_INTERACTION).map((option) => option.label);
    expect(labels).toEqual([
      "the data flow’s name",
      "the data flow’s protocol",
      "the data flow’s data carried",
      "the source’s name",
      "the source external entity or process’s authentication",
      "the source external entity or process’s authorization",
      "the source process’s code",
      "the source data store’s store type",
      "the source data store’s access control",
      "the target’s name",
      "the target external entity or process’s authentication",
      "the target external entity or process’s authorization",
      "the target process’s code",
      "the target data store’s store type",
      "the target data store’s access control",
    ]);
  });

  it("offers the fields of the chosen kinds only", () => {
    const process = listTextFieldOptions({ ...ANY_INTERACTION, sourceKinds: ["process"] });
    expect(process.filter((option) => option.subject === "source").map((o) => o.label)).toEqual([
      "the source process’s name",
      "the source process’s code",
      "the source process’s authentication",
      "the source process’s authorization",
    ]);
    const element = listTextFieldOptions({
      ...ANY_INTERACTION,
      scope: "element",
      elementKinds: ["process", "data-store"],
    });
    expect(element.map((option) => option.key)).toEqual([
      "element.name",
      "element.code",
      "element.authentication",
      "element.authorization",
      "element.storeType",
      "element.accessControl",
    ]);
    expect(element.every((option) => option.type === "text")).toBe(true);
  });
});

describe("listFieldOptions", () => {
  it("lists each subject's text fields, then its yes/no fields", () => {
    const keys = listFieldOptions({
      ...ANY_INTERACTION,
      sourceKinds: ["process"],
      targetKinds: ["external-entity"],
    }).map((option) => option.key);
    expect(keys).toEqual([
      "flow.name",
      "flow.protocol",
      "flow.dataCarried",
      "flow.authenticated",
      "flow.encrypted",
      "flow.forgeryProtection",
      "source.name",
      "source.code",
      "source.authentication",
      "source.authorization",
      "source.sandboxed",
      "target.name",
      "target.authentication",
      "target.authorization",
    ]);
  });
});
