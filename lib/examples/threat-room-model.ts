import type * as Y from "yjs";
import { addContextItem } from "@/lib/model/context";
import { listDiagrams, updateDiagram } from "@/lib/model/diagrams";
import { addElement } from "@/lib/model/elements";
import { addFlow } from "@/lib/model/flows";
import { setDescription } from "@/lib/model/meta";
import { addMitigation } from "@/lib/model/mitigations";
import { addThreat, type StrideCategory, type ThreatSeverity } from "@/lib/model/threats";

/**
 * This product's own threat model, built with the product: its data-flow diagram (the
 * browser, the Next.js server, the websocket rooms, PostgreSQL or PGlite, Redis, the mail
 * paths and the OIDC provider, inside their trust boundaries), its background, and the
 * threats we found with the controls that answer them. A new user opens it from the empty
 * models page; `npm run example-report` prints its report into docs/.
 */

export const EXAMPLE_TITLE = "Threat Room (this product's own threat model)";

interface ExampleThreat {
  title: string;
  category: StrideCategory;
  target: string;
  severity: ThreatSeverity;
  description: string;
  controls: { title: string; status: "implemented" | "proposed" | "in-progress" }[];
}

const THREATS: ExampleThreat[] = [
  {
    title:
      "A forged page opens a websocket with the member's cookie (cross-site websocket hijacking)",
    category: "spoofing",
    target: "Browser to rooms",
    severity: "critical",
    description:
      "Browsers send cookies with websocket upgrades from any origin. Without a check, a page on another site could join a model's room as the member and read or change it.",
    controls: [
      {
        title: "Upgrades must come from the app's origin (or TRUSTED_ORIGINS)",
        status: "implemented",
      },
      { title: "Session cookies are SameSite=Lax and HttpOnly", status: "implemented" },
    ],
  },
  {
    title: "A stolen session cookie is replayed from another machine",
    category: "spoofing",
    target: "Browser to API",
    severity: "important",
    description:
      "A cookie taken from a shared computer or a proxy log gives the thief the member's access until it expires.",
    controls: [
      {
        title:
          "Server-side sessions: signing out everywhere revokes every cookie and closes its sockets",
        status: "implemented",
      },
      { title: "Shorter session lifetime for administrators", status: "proposed" },
    ],
  },
  {
    title: "A viewer changes the shared document by sending raw Yjs updates",
    category: "elevation-of-privilege",
    target: "Websocket rooms",
    severity: "critical",
    description:
      "The client decides what it sends. A viewer or commenter with a modified client could send document updates that the UI would never send.",
    controls: [
      {
        title:
          "The room applies updates only from roles allowed to edit (policy checked per message)",
        status: "implemented",
      },
      {
        title: "Role changes and revoked access apply to open sockets at once",
        status: "implemented",
      },
    ],
  },
  {
    title: "One client floods a room with huge or endless updates",
    category: "denial-of-service",
    target: "Websocket rooms",
    severity: "important",
    description:
      "A single connection could send updates of millions of items, or thousands of messages a second, to stall the node for everyone.",
    controls: [
      {
        title: "Per-connection message, byte and sync budgets (4429 when exceeded)",
        status: "implemented",
      },
      {
        title: "Updates over 50,000 items and documents over 25,000 entities are refused (4413)",
        status: "implemented",
      },
    ],
  },
  {
    title: "Votes of a group rating leak before the reveal",
    category: "information-disclosure",
    target: "Websocket rooms",
    severity: "moderate",
    description:
      "If votes were in the shared document or in session notices, anyone reading the websocket traffic would see them and anchor on them.",
    controls: [
      {
        title:
          "Votes stay in their own table; notices carry who voted, never what, until the reveal",
        status: "implemented",
      },
    ],
  },
  {
    title: "An imported file reads server files through XML entities (XXE)",
    category: "information-disclosure",
    target: "Next.js server",
    severity: "critical",
    description:
      "Threat Modeling Tool files are XML. An entity declaration pointing at file:///etc/passwd, or a billion-laughs expansion, would leak files or exhaust memory.",
    controls: [
      {
        title: "DOCTYPE and entity declarations are refused before any parser reads the file",
        status: "implemented",
      },
      {
        title: "Size (20 MB) and nesting (64 levels) limits on every import",
        status: "implemented",
      },
    ],
  },
  {
    title: "Stored markup in names or notes runs script in other members' browsers",
    category: "tampering",
    target: "Browser to API",
    severity: "important",
    description:
      "Element names, threat descriptions and notes are written by members and shown to everyone: a script there would run as each reader.",
    controls: [
      {
        title: "React escapes all text; notes allow only known nodes and http/https/mailto links",
        status: "implemented",
      },
      { title: "Content-Security-Policy without inline scripts", status: "implemented" },
    ],
  },
  {
    title: "A change is lost when a node dies between receiving and storing it",
    category: "repudiation",
    target: "Websocket rooms",
    severity: "moderate",
    description:
      "Updates are applied in memory and written to the log in batches; a crash in between would lose edits people saw being made, and the audit of who changed what.",
    controls: [
      {
        title: "Updates are logged within a second; a test kills the node and counts what survived",
        status: "implemented",
      },
      {
        title: "Activity and audit events are kept in the database with a hash chain",
        status: "implemented",
      },
    ],
  },
  {
    title: "Messages between nodes are injected through Redis",
    category: "tampering",
    target: "Redis",
    severity: "important",
    description:
      "Nodes trust what arrives on the Redis bus. Anyone who can publish on it could push updates into every room.",
    controls: [
      {
        title: "Redis reachable only on the private network, with a password (REDIS_URL)",
        status: "proposed",
      },
      {
        title: "Bus messages are decoded strictly; malformed ones are dropped and logged",
        status: "implemented",
      },
    ],
  },
  {
    title: "The database is copied and read offline",
    category: "information-disclosure",
    target: "PostgreSQL or PGlite",
    severity: "important",
    description:
      "The data folder (PGlite) or a PostgreSQL backup holds every model, password hash and session.",
    controls: [
      {
        title: "Data folder and files readable by the server's user only (0700 / 0600)",
        status: "implemented",
      },
      { title: "Passwords hashed with scrypt; sessions stored as hashes", status: "implemented" },
      { title: "Encrypted disks and backups in production", status: "proposed" },
    ],
  },
  {
    title: "A forged reply email posts a comment as another member",
    category: "spoofing",
    target: "Mail relay to server",
    severity: "important",
    description:
      "Reply-by-email turns inbound mail into comments. Anyone can put any sender address on an email.",
    controls: [
      {
        title: "Signed, per-user, per-thread reply addresses; forged and replayed replies refused",
        status: "proposed",
      },
    ],
  },
  {
    title: "The identity provider's answer is replayed or forged at sign-in",
    category: "spoofing",
    target: "OIDC provider to server",
    severity: "important",
    description:
      "Single sign-on trusts the provider's tokens. A replayed or mixed-up authorization response could sign someone in as another user.",
    controls: [
      {
        title: "Authorization code flow with PKCE, state and nonce checked (next-auth)",
        status: "implemented",
      },
    ],
  },
  {
    title: "Password guessing against sign-in",
    category: "spoofing",
    target: "Browser to API",
    severity: "moderate",
    description: "Automated guessing of common passwords for known email addresses.",
    controls: [
      { title: "Per-address and per-account back-off on failed sign-ins", status: "implemented" },
      { title: "Password policy refusing short and common passwords", status: "implemented" },
    ],
  },
  {
    title: "A PDF report print exhausts the server",
    category: "denial-of-service",
    target: "Next.js server",
    severity: "low",
    description: "Each PDF starts a Chromium; many at once would take the node's memory.",
    controls: [{ title: "One print at a time per node, with a timeout", status: "implemented" }],
  },
];

/**
 * Writes the example into a document that initializeDocument has just set up (its first
 * diagram is reused).
 */
export function buildThreatRoomExample(doc: Y.Doc, authorId: string): void {
  doc.transact(() => {
    setDescription(
      doc,
      "Scope: the Threat Room server (Next.js and the realtime rooms in one Node.js process, one or several nodes), its databases, and the services it talks to: browsers, the OIDC provider and mail. Out of scope: the hosting platform and the operating system.",
    );
    const diagramId = listDiagrams(doc)[0]?.id ?? "";
    updateDiagram(doc, diagramId, { title: "Threat Room: context and nodes" });
    const box = (name: string, x: number, y: number, width: number, height: number) =>
      addElement(doc, {
        kind: "trust-boundary",
        shape: "box",
        diagramId,
        name,
        x,
        y,
        width,
        height,
      });
    box("Internet", 20, 20, 300, 560);
    box("Server node", 380, 20, 420, 400);
    box("Private network", 380, 460, 700, 200);
    const browser = addElement(doc, {
      kind: "external-entity",
      diagramId,
      name: "Browser",
      x: 90,
      y: 80,
      party: "external",
      authentication: "Session cookie",
    });
    const oidc = addElement(doc, {
      kind: "external-entity",
      diagramId,
      name: "OIDC provider",
      x: 90,
      y: 330,
      authentication: "Client secret",
    });
    const mail = addElement(doc, {
      kind: "external-entity",
      diagramId,
      name: "Mail relay (SMTP)",
      x: 90,
      y: 480,
    });
    const server = addElement(doc, {
      kind: "process",
      diagramId,
      name: "Next.js server and API",
      x: 440,
      y: 80,
      code: "TypeScript (Node.js)",
      inputValidation: "zod schemas on every request; size limits",
      authentication: "Sessions, API tokens, OIDC",
      authorization: "Role policy per model",
    });
    const rooms = addElement(doc, {
      kind: "process",
      diagramId,
      name: "Websocket rooms",
      x: 620,
      y: 230,
      code: "TypeScript (Yjs)",
      inputValidation: "Messages decoded strictly; budgets per connection",
    });
    const database = addElement(doc, {
      kind: "data-store",
      diagramId,
      name: "PostgreSQL or PGlite",
      x: 440,
      y: 520,
      storeType: "SQL database",
      holdsLogs: true,
      holdsCredentials: true,
    });
    const redis = addElement(doc, {
      kind: "data-store",
      diagramId,
      name: "Redis",
      x: 800,
      y: 520,
      storeType: "Pub/sub bus between nodes",
    });
    const flow = (
      sourceId: string,
      targetId: string,
      name: string,
      protocol: string,
      bidirectional = false,
    ) => addFlow(doc, { sourceId, targetId, name, protocol, bidirectional });
    const targets: Record<string, string> = {
      Browser: browser,
      "Browser to API": flow(browser, server, "Browser to API", "HTTPS"),
      "Browser to rooms": flow(browser, rooms, "Browser to rooms", "WSS"),
      "Next.js server": server,
      "Websocket rooms": rooms,
      "PostgreSQL or PGlite": database,
      Redis: redis,
      "OIDC provider to server": flow(oidc, server, "OIDC provider to server", "HTTPS"),
      "Mail relay to server": flow(mail, server, "Notifications and replies", "SMTP", true),
    };
    flow(server, database, "Queries", "PostgreSQL wire / in process");
    flow(rooms, database, "Update log and snapshots", "PostgreSQL wire / in process");
    flow(rooms, redis, "Room bus", "RESP");
    for (const [list, items] of [
      [
        "scenarios",
        [
          "A facilitator walks 3 to 10 people through a model, live",
          "Reviewers comment and sign off between meetings",
          "A CI job records threats with an API token",
        ],
      ],
      [
        "assets",
        [
          "Models: diagrams, threats, decisions",
          "Accounts, password hashes, sessions",
          "API tokens",
        ],
      ],
      [
        "entryPoints",
        [
          "HTTPS API and pages",
          "Websocket upgrade at /collab/<model>",
          "Inbound SMTP (when enabled)",
        ],
      ],
      [
        "dependencies",
        [
          "OIDC provider (optional)",
          "SMTP relay (optional)",
          "Redis (several nodes)",
          "PostgreSQL (production)",
        ],
      ],
      [
        "assumptions",
        [
          "TLS ends at the load balancer in front of the nodes",
          "Only the nodes can reach Redis and PostgreSQL",
        ],
      ],
    ] as const) {
      for (const text of items) addContextItem(doc, list, text);
    }
    for (const threat of THREATS) {
      const isClosed = threat.controls.every((control) => control.status === "implemented");
      const threatId = addThreat(
        doc,
        {
          title: threat.title,
          category: threat.category,
          severity: threat.severity,
          description: threat.description,
          targetId: targets[threat.target] ?? null,
          status: isClosed ? "mitigated" : "open",
          response: "reduce",
        },
        authorId,
      );
      for (const control of threat.controls) {
        addMitigation(
          doc,
          {
            title: control.title,
            status: control.status,
            controlType: "technical",
            threatIds: [threatId],
          },
          authorId,
        );
      }
    }
  });
}
