import { describe, expect, it } from "vitest";
import { describeActivity, type ActivityEntryView } from "./activity-text";

function entry(
  patch: Partial<ActivityEntryView["summary"]>,
  events: ActivityEntryView["events"] = [],
): ActivityEntryView {
  return {
    minute: "2026-12-05T10:00:00.000Z",
    user: { id: "u1", name: "Ada" },
    summary: {
      counts: { added: {}, changed: {}, removed: {} },
      items: [],
      notes: false,
      context: false,
      title: false,
      ...patch,
    },
    events,
  };
}

describe("the activity feed's sentences", () => {
  it("counts several and names one", () => {
    expect(
      describeActivity(
        entry({
          counts: { added: { threat: 3 }, changed: { element: 1 }, removed: { flow: 2 } },
          items: [{ kind: "element", id: "e1", name: "Web app", change: "changed" }],
        }),
      ),
    ).toBe("added 3 threats, changed the element “Web app” and removed 2 data flows");
  });

  it("reads the notes, context, title and audit events, and leaves unknown events out", () => {
    expect(
      describeActivity(
        entry({ notes: true, title: true }, [
          { action: "version.saved", detail: { label: "Before review" } },
          { action: "something.else", detail: null },
        ]),
      ),
    ).toBe("renamed the model, edited the notes and saved the version “Before review”");
    expect(
      describeActivity(entry({ counts: { added: { boundary: 1 }, changed: {}, removed: {} } })),
    ).toBe("added a trust boundary");
    expect(describeActivity(entry({}))).toBe("");
  });
});
