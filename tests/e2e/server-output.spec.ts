import fs from "node:fs";
import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { E2E_SERVER_LOG } from "./support/server-log";
import { expect, test } from "./support/fixtures";

// The server's own code and the Next.js pages it renders must share one copy of Yjs: with two,
// Yjs warns "Yjs was already imported" and its constructor checks break (yjs issue 438).
test("the server loads exactly one copy of Yjs", async ({ openNewAccountSession }) => {
  const { page, api } = await openNewAccountSession();
  const model = await api.createModel(buildTitle("One Yjs"));
  const workspace = new WorkspacePage(page);
  // Rendering the workspace loads the page's Yjs on the server; joining the room loads the
  // realtime server's.
  await workspace.open(model.id);
  const output = fs.readFileSync(E2E_SERVER_LOG, "utf8");
  expect(output).toContain("Threat Room is running");
  expect(output).not.toContain("Yjs was already imported");
});
