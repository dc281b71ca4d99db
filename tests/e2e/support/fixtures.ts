import fs from "node:fs/promises";
import path from "node:path";
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
  type WorkerInfo,
} from "@playwright/test";
import { z } from "zod";
import { userSchema, type User } from "@/components/api/schemas";
import { ModelsPage } from "../pages/models-page";
import { SignInPage } from "../pages/sign-in-page";
import { ThreatRoomApi } from "./api";
import { buildAccount, type AccountInput } from "./factories";

/**
 * A signed-in account shared by the tests of a worker: the user and the browser storage state
 * (session cookie) to open new contexts with. Each persona signs in once per run, not once per
 * test, which keeps the suite fast.
 */
export interface Persona {
  user: User;
  storageStatePath: string;
}

/** A browser context signed in as someone, with its page and API client. */
export interface Session {
  context: BrowserContext;
  page: Page;
  /** The API with this context's cookies. */
  api: ThreatRoomApi;
}

const cachedPersonaSchema = z.object({ user: userSchema });

function baseUrlOf(workerInfo: WorkerInfo): string {
  const { baseURL } = workerInfo.project.use;
  if (!baseURL) throw new Error("playwright.config.ts must set use.baseURL");
  return baseURL;
}

/** Signs in through the real sign-in page, as a person would, and waits for /models. */
export async function signInThroughForm(
  page: Page,
  credentials: { email: string; password: string },
): Promise<void> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.submitCredentials(credentials);
  await page.waitForURL("**/models");
  await expect(new ModelsPage(page).heading).toBeVisible();
}

/** The persona saved earlier in this run, if its session still works on this server. */
async function readCachedPersona(
  browser: Browser,
  baseURL: string,
  personaPath: string,
  storageStatePath: string,
): Promise<Persona | null> {
  const saved = await fs.readFile(personaPath, "utf8").catch(() => null);
  if (saved === null) return null;
  const persona = { ...cachedPersonaSchema.parse(JSON.parse(saved)), storageStatePath };
  const context = await browser.newContext({ baseURL, storageState: storageStatePath });
  try {
    const api = new ThreatRoomApi(context.request, new URL(baseURL).origin);
    const current = await api.getCurrentUser().catch(() => null);
    return current?.id === persona.user.id ? persona : null;
  } finally {
    await context.close();
  }
}

/**
 * Creates an account and signs it in once, through the form or the API, saving the storage
 * state under the run's output folder. A worker started after a failure finds the file and
 * signs in no more. Playwright empties the output folder at the start of every run; a saved
 * session that the server no longer accepts (a new database) is ignored.
 */
async function loadPersona(options: {
  key: string;
  name: string;
  signInWith: "form" | "api";
  browser: Browser;
  workerInfo: WorkerInfo;
}): Promise<Persona> {
  const folder = path.join(options.workerInfo.project.outputDir, ".auth");
  const personaPath = path.join(folder, `${options.key}.json`);
  const storageStatePath = path.join(folder, `${options.key}.storage-state.json`);
  const baseURL = baseUrlOf(options.workerInfo);
  const cached = await readCachedPersona(options.browser, baseURL, personaPath, storageStatePath);
  if (cached) return cached;

  const account = buildAccount({ name: options.name });
  const context = await options.browser.newContext({ baseURL });
  try {
    const api = new ThreatRoomApi(context.request, new URL(baseURL).origin);
    const user = await api.createUser(account);
    if (options.signInWith === "form") {
      await signInThroughForm(await context.newPage(), account);
    } else {
      await api.signIn(account);
    }
    await fs.mkdir(folder, { recursive: true });
    await context.storageState({ path: storageStatePath });
    // Written last and renamed into place, so a reader never sees half a persona.
    await fs.writeFile(`${personaPath}.tmp`, JSON.stringify({ user }));
    await fs.rename(`${personaPath}.tmp`, personaPath);
    return { user, storageStatePath };
  } finally {
    await context.close();
  }
}

interface WorkerFixtures {
  /** Owns the models of the collaboration tests; signed in through the sign-in form. */
  alice: Persona;
  /** The second person in the room: editor, viewer or outsider as each test needs. */
  bob: Persona;
}

interface TestFixtures {
  /** The app's origin, sent as Origin on state-changing API calls. */
  appOrigin: string;
  /** Opens a new browser context signed in as the persona (closed after the test). */
  openSession: (persona: Persona) => Promise<Session>;
  /** Creates a new account and opens a browser context signed in as it through the API. */
  openNewAccountSession: (account?: AccountInput) => Promise<Session & { user: User }>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  alice: [
    async ({ browser }, use, workerInfo) => {
      await use(
        await loadPersona({
          key: "alice",
          name: "Alice Ortiz",
          signInWith: "form",
          browser,
          workerInfo,
        }),
      );
    },
    { scope: "worker" },
  ],
  bob: [
    async ({ browser }, use, workerInfo) => {
      await use(
        await loadPersona({
          key: "bob",
          name: "Bob Brennan",
          signInWith: "api",
          browser,
          workerInfo,
        }),
      );
    },
    { scope: "worker" },
  ],

  appOrigin: async ({ baseURL }, use) => {
    if (!baseURL) throw new Error("playwright.config.ts must set use.baseURL");
    await use(new URL(baseURL).origin);
  },

  openSession: async ({ browser, baseURL, appOrigin }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (persona) => {
      const context = await browser.newContext({
        baseURL,
        storageState: persona.storageStatePath,
      });
      contexts.push(context);
      return {
        context,
        page: await context.newPage(),
        api: new ThreatRoomApi(context.request, appOrigin),
      };
    });
    for (const context of contexts) await context.close();
  },

  openNewAccountSession: async ({ browser, baseURL, appOrigin }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (account = buildAccount()) => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      const api = new ThreatRoomApi(context.request, appOrigin);
      await api.createUser(account);
      const user = await api.signIn(account);
      return { context, page: await context.newPage(), api, user };
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
