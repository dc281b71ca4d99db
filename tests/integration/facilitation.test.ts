import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_CODES, COLLAB_PATH_PREFIX } from "@/lib/collab/close-codes";
import {
  encodeJsonMessage,
  MESSAGE_SESSION_ANSWER,
  MESSAGE_SESSION_CHANGED,
  MESSAGE_SESSION_COMMAND,
} from "@/lib/collab/messages";
import { listDiagrams } from "@/lib/model/diagrams";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { addElement } from "@/lib/model/elements";
import { addFlow } from "@/lib/model/flows";
import { addThreat, getThreat } from "@/lib/model/threats";
import { api, createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import { connectClient, openRawSocket, waitFor, waitForSync } from "./support/collab-client";
import { DEADLINE } from "./support/deadlines";
import {
  DATABASES,
  restartTestServer,
  startTestServer,
  type TestServer,
} from "./support/test-server";

interface Session {
  id: string;
  status: string;
  revision: number;
  state: {
    phase: string;
    facilitatorId: string;
    agenda: { targetId: string; categories: string[] }[];
    itemIndex: number;
    categoryIndex: number;
  };
  extras: {
    parkingLot: { text: string }[];
    hands: { userId: string }[];
    participants: Record<string, { name: string }>;
  };
  votes: { userId: string; value: unknown }[];
}

/** A session notice's payload: the whole session, or a patch of an earlier revision. */
type Notice = Session | { base: number; patch: { set: [string[], unknown][] } };

/** The session notices among a raw socket's messages, parsed. */
function noticesIn(messages: Uint8Array[]): Notice[] {
  return messages
    .filter((message) => message[0] === MESSAGE_SESSION_CHANGED && message.length > 1)
    .map((message) => JSON.parse(Buffer.from(message.subarray(1)).toString("utf8")) as Notice);
}

/** The value a notice gives `path` (e.g. ["state", "facilitatorId"]), if it gives one. */
function valueIn(notice: Notice, path: string[]): unknown {
  if ("patch" in notice) {
    const entry = notice.patch.set.find(([at]) => at.join("/") === path.join("/"));
    return entry?.[1];
  }
  let value: unknown = notice;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

describe.each(DATABASES)("facilitated sessions (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let facilitator: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let modelId: string;
  let threatId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    firstServer = server;
    owner = await signUp(server, "Olive Owner");
    facilitator = await signUp(server, "Fay Facilitator");
    editor = await signUp(server, "Ed Editor");
    viewer = await signUp(server, "Vic Viewer");
    modelId = await createModel(server, owner, "Guided");
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: facilitator, role: "facilitator" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
    ]);
    const client = connectClient(server, modelId, { user: owner });
    await waitForSync(client);
    const diagramId = listDiagrams(client.doc)[0]?.id ?? "";
    const user = addElement(client.doc, {
      kind: "external-entity",
      diagramId,
      name: "Buyer",
      x: 0,
      y: 0,
    });
    const web = addElement(client.doc, { kind: "process", diagramId, name: "Shop", x: 300, y: 0 });
    addFlow(client.doc, { sourceId: user, targetId: web, name: "Order" });
    threatId = addThreat(client.doc, { title: "Forged order", category: "tampering" }, owner.id);
    const watcher = connectClient(server, modelId, { user: owner });
    await waitFor(() => getThreat(watcher.doc, threatId) !== null, DEADLINE.propagation, "seed");
    watcher.destroy();
    client.destroy();
  });
  /** The server as first started: it owns the data folder and database a restart reuses. */
  let firstServer: TestServer;
  afterAll(async () => {
    if (server !== firstServer) await server.stop();
    await firstServer.destroy();
  });

  const session = async (who: TestUser) =>
    (
      (await api(server, "GET", `/api/models/${modelId}/session`, { user: who })).body as {
        session: Session | null;
      }
    ).session;
  const command = (who: TestUser, body: unknown) =>
    api(server, "POST", `/api/models/${modelId}/session/commands`, {
      user: who,
      body: { command: body },
    });

  it("is started and steered by facilitators only; everyone connected hears of each change", async () => {
    expect(await session(viewer)).toBeNull();
    expect(
      (await api(server, "POST", `/api/models/${modelId}/session`, { user: editor, body: {} }))
        .status,
    ).toBe(403);

    const participant = connectClient(server, modelId, { user: editor });
    await waitForSync(participant);
    let notices = 0;
    participant.provider.messageHandlers[MESSAGE_SESSION_CHANGED] = () => {
      notices += 1;
    };

    const started = await api(server, "POST", `/api/models/${modelId}/session`, {
      user: facilitator,
      body: {},
    });
    expect(started.status).toBe(201);
    const state = (started.body as { session: Session }).session.state;
    // Entities first by kind: the process, then the external entity, then the flow.
    expect(state.agenda.map((item) => item.categories.length)).toEqual([6, 2, 6]);
    expect(state.facilitatorId).toBe(facilitator.id);
    await waitFor(() => notices >= 1, DEADLINE.propagation, "the start notice");
    expect(
      (await api(server, "POST", `/api/models/${modelId}/session`, { user: owner, body: {} }))
        .status,
    ).toBe(409);

    expect((await command(editor, { type: "next" })).status).toBe(403);
    expect((await command(viewer, { type: "next" })).status).toBe(403);
    expect((await command(facilitator, { type: "next" })).status).toBe(200);
    await waitFor(() => notices >= 2, DEADLINE.propagation, "the move notice");
    expect((await session(viewer))?.state.categoryIndex).toBe(1);
    expect((await command(facilitator, { type: "go-to", itemIndex: 99 })).status).toBe(400);
    expect((await command(facilitator, { type: "warp" })).status).toBe(400);

    // Another facilitator takes over.
    expect((await command(owner, { type: "take-over" })).status).toBe(200);
    expect((await session(viewer))?.state.facilitatorId).toBe(owner.id);
    participant.destroy();
  });

  it("refuses a participant's raw session message on the socket", async () => {
    const before = await session(owner);
    const raw = openRawSocket(server, `${COLLAB_PATH_PREFIX}${modelId}?schema=${SCHEMA_VERSION}`, {
      user: editor,
    });
    expect(await raw.opened).toBe(true);
    raw.socket.send(Uint8Array.of(MESSAGE_SESSION_CHANGED, 1, 2, 3));
    const outcome = await raw.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.malformedMessage);
    expect((await session(owner))?.revision).toBe(before?.revision);
  });

  it("takes a facilitator's command on the socket, and refuses a participant's there", async () => {
    const socketOf = async (who: TestUser) => {
      const raw = openRawSocket(
        server,
        `${COLLAB_PATH_PREFIX}${modelId}?schema=${SCHEMA_VERSION}`,
        { user: who },
      );
      expect(await raw.opened).toBe(true);
      await waitFor(() => raw.messages.length > 0, DEADLINE.sync, "the room's greeting");
      return raw;
    };
    const answerTo = async (raw: Awaited<ReturnType<typeof socketOf>>, requestId: string) => {
      let answer: { ok: boolean; code?: string } | undefined;
      await waitFor(
        () => {
          answer = raw.messages
            .filter((message) => message[0] === MESSAGE_SESSION_ANSWER)
            .map(
              (message) =>
                JSON.parse(Buffer.from(message.subarray(1)).toString("utf8")) as {
                  requestId: string;
                  ok: boolean;
                  code?: string;
                },
            )
            .find((candidate) => candidate.requestId === requestId);
          return answer !== undefined;
        },
        DEADLINE.propagation,
        `the answer to ${requestId}`,
      );
      return answer;
    };
    const before = await session(owner);
    const participant = await socketOf(editor);
    participant.socket.send(
      encodeJsonMessage(MESSAGE_SESSION_COMMAND, {
        requestId: "editor-1",
        command: { type: "take-over" },
      }),
    );
    expect(await answerTo(participant, "editor-1")).toMatchObject({ ok: false, code: "forbidden" });
    participant.socket.send(encodeJsonMessage(MESSAGE_SESSION_COMMAND, { requestId: "editor-2" }));
    expect(await answerTo(participant, "editor-2")).toMatchObject({
      ok: false,
      code: "bad_request",
    });
    expect((await session(owner))?.revision).toBe(before?.revision);

    const steering = await socketOf(facilitator);
    steering.socket.send(
      encodeJsonMessage(MESSAGE_SESSION_COMMAND, {
        requestId: "fay-1",
        command: { type: "take-over" },
      }),
    );
    expect(await answerTo(steering, "fay-1")).toMatchObject({ ok: true });
    // The participant's socket was sent the new session with the notice.
    await waitFor(
      () =>
        noticesIn(participant.messages).some(
          (notice) => valueIn(notice, ["state", "facilitatorId"]) === facilitator.id,
        ),
      DEADLINE.propagation,
      "the participant's notice",
    );
    const after = await session(viewer);
    expect(after?.state.facilitatorId).toBe(facilitator.id);
    expect(after?.revision).toBe((before?.revision ?? 0) + 1);
    // Everyone connected while the session moved is counted as taking part.
    expect(Object.keys(after?.extras.participants ?? {})).toEqual(
      expect.arrayContaining([editor.id, facilitator.id]),
    );
    participant.socket.close();
    steering.socket.close();
  });

  it("takes parked ideas and raised hands from participants, not from viewers", async () => {
    const park = (who: TestUser, text: string) =>
      api(server, "POST", `/api/models/${modelId}/session/parking-lot`, {
        user: who,
        body: { text },
      });
    expect((await park(editor, "Use signed order tokens")).status).toBe(201);
    expect((await park(viewer, "Not allowed")).status).toBe(403);
    expect((await park(editor, "   ")).status).toBe(400);
    expect(
      (
        await api(server, "PUT", `/api/models/${modelId}/session/hand`, {
          user: editor,
          body: { isRaised: true },
        })
      ).status,
    ).toBe(200);
    const now = await session(viewer);
    expect(now?.extras.parkingLot.map((item) => item.text)).toEqual(["Use signed order tokens"]);
    expect(now?.extras.hands.map((hand) => hand.userId)).toEqual([editor.id]);
  });

  it("keeps votes secret until the reveal, then shows them; a phase change saves a version", async () => {
    expect((await command(owner, { type: "set-phase", phase: "fix" })).status).toBe(200);
    const versions = (await api(server, "GET", `/api/models/${modelId}/versions`, { user: owner }))
      .body as {
      versions: { kind: string; label: string }[];
    };
    expect(versions.versions[0]).toMatchObject({
      kind: "phase",
      label: "Session: start of Fix threats",
    });

    const vote = (who: TestUser, value: unknown) =>
      api(server, "PUT", `/api/models/${modelId}/session/vote`, {
        user: who,
        body: { threatId, value },
      });
    expect((await vote(editor, { severity: "critical" })).status).toBe(400);
    expect((await command(owner, { type: "open-rating", threatId })).status).toBe(200);

    // A third person's socket gets the session with each change, but no vote before the reveal.
    const listener = openRawSocket(
      server,
      `${COLLAB_PATH_PREFIX}${modelId}?schema=${SCHEMA_VERSION}`,
      { user: viewer },
    );
    expect(await listener.opened).toBe(true);
    // Notices go to connections the room has greeted (its sync step 1 arrived): wait for that.
    await waitFor(() => listener.messages.length > 0, DEADLINE.sync, "the listener's greeting");
    expect((await vote(editor, { severity: "critical" })).status).toBe(200);
    expect((await vote(facilitator, { severity: "moderate" })).status).toBe(200);
    expect((await vote(viewer, { severity: "low" })).status).toBe(403);
    expect((await vote(editor, { severity: "unheard-of" })).status).toBe(400);
    await waitFor(
      () =>
        listener.messages.filter((message) => message[0] === MESSAGE_SESSION_CHANGED).length >= 2,
      DEADLINE.propagation,
      "vote notices",
    );
    const last = noticesIn(listener.messages).at(-1);
    const pushedVotes = (last ? valueIn(last, ["votes"]) : undefined) as Session["votes"];
    expect(pushedVotes.map((entry) => entry.value)).toEqual([null, null]);
    const wire = listener.messages
      .map((message) => Buffer.from(message).toString("latin1"))
      .join("");
    expect(wire).not.toContain("critical");
    expect(wire).not.toContain("moderate");
    const secret = await session(viewer);
    expect(secret?.votes.map((entry) => [entry.userId, entry.value]).sort()).toEqual(
      [
        [editor.id, null],
        [facilitator.id, null],
      ].sort(),
    );

    expect((await command(facilitator, { type: "reveal-votes" })).status).toBe(200);
    const revealed = await session(viewer);
    expect(revealed?.votes.find((entry) => entry.userId === editor.id)?.value).toEqual({
      severity: "critical",
    });
    expect((await vote(editor, { severity: "low" })).status).toBe(400);
    listener.socket.close();
  });

  it("rates with DREAD on the model's scale when the facilitator asks for it", async () => {
    const vote = (who: TestUser, value: unknown) =>
      api(server, "PUT", `/api/models/${modelId}/session/vote`, {
        user: who,
        body: { threatId, value },
      });
    expect((await command(owner, { type: "open-rating", threatId, method: "dread" })).status).toBe(
      200,
    );
    const dread = (level: number) => ({
      damage: level,
      reproducibility: level,
      exploitability: level,
      affectedUsers: level,
      discoverability: level,
    });
    // The default scale is 1-3 per factor; a severity is not a DREAD vote.
    expect((await vote(editor, { severity: "critical" })).status).toBe(400);
    expect((await vote(editor, { dread: dread(7) })).status).toBe(400);
    expect((await vote(editor, { dread: dread(0) })).status).toBe(400);
    expect((await vote(editor, { dread: dread(3) })).status).toBe(200);
    const secret = await session(viewer);
    expect(secret?.votes).toEqual([expect.objectContaining({ userId: editor.id, value: null })]);
    expect((await command(owner, { type: "reveal-votes" })).status).toBe(200);
    expect((await session(viewer))?.votes[0]?.value).toEqual({ dread: dread(3) });
    expect((await command(owner, { type: "close-rating" })).status).toBe(200);
  });

  it("ends, and then refuses further commands", async () => {
    expect((await command(owner, { type: "end" })).status).toBe(200);
    const ended = await session(viewer);
    expect(ended?.status).toBe("ended");
    expect((await command(owner, { type: "next" })).status).toBe(404);

    // The ended session keeps its summary: listed, readable by id, with the version saved at
    // its end, which members (viewers too) can open.
    const listed = await api(server, "GET", `/api/models/${modelId}/sessions`, { user: viewer });
    expect(listed.status).toBe(200);
    const [latest] = (listed.body as { sessions: { id: string; status: string }[] }).sessions;
    expect(latest).toMatchObject({ id: ended?.id, status: "ended" });
    const byId = await api(server, "GET", `/api/models/${modelId}/sessions/${ended?.id ?? ""}`, {
      user: viewer,
    });
    const endVersionId = (byId.body as { session: { extras: { endVersionId: number } } }).session
      .extras.endVersionId;
    expect(endVersionId).toBeGreaterThan(0);
    const version = await api(server, "GET", `/api/models/${modelId}/versions/${endVersionId}`, {
      user: viewer,
    });
    expect(version.status).toBe(200);
    expect(JSON.stringify(version.body)).toContain("End of the session");
    const missing = await api(server, "GET", `/api/models/${modelId}/sessions/nope`, {
      user: viewer,
    });
    expect(missing.status).toBe(404);
    const outsider = await signUp(server, "Otto Outsider");
    expect(
      (await api(server, "GET", `/api/models/${modelId}/sessions`, { user: outsider })).status,
    ).toBe(404);
  });

  it("survives a restart of the server, and the facilitator carries on after reconnecting", async () => {
    const started = await api(server, "POST", `/api/models/${modelId}/session`, {
      user: facilitator,
      body: {},
    });
    expect(started.status).toBe(201);
    expect((await command(facilitator, { type: "next" })).status).toBe(200);
    expect((await command(facilitator, { type: "next" })).status).toBe(200);
    const before = await session(owner);
    expect(before?.state.categoryIndex).toBe(2);

    await server.stop();
    server = await restartTestServer(server);
    const after = await session(viewer);
    expect(after?.status).toBe("running");
    expect(after?.revision).toBe(before?.revision);
    expect(after?.state).toEqual(before?.state);

    expect((await command(facilitator, { type: "next" })).status).toBe(200);
    expect((await session(owner))?.state.categoryIndex).toBe(3);
    expect((await command(owner, { type: "end" })).status).toBe(200);
  });
});
