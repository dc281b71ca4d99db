/**
 * A real OpenID provider for the browser tests: the certified `oidc-provider` package on
 * loopback, with its development login and consent pages. playwright.config.ts points the app
 * at it (OIDC_ISSUER); the app reads its discovery document at sign-in time, so the spec starts
 * the provider in its own set-up.
 */
import http from "node:http";
import Provider, { type Configuration } from "oidc-provider";

import {
  E2E_OIDC_CLIENT_ID,
  E2E_OIDC_CLIENT_SECRET,
  E2E_OIDC_ISSUER,
  E2E_OIDC_PORT,
} from "./oidc-settings";

/** An account at the provider; `login` is what one types on its login page. */
export interface ProviderAccount {
  login: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

export interface RunningProvider {
  /** Adds an account (each test makes its own, with a fresh email). */
  addAccount(account: ProviderAccount): void;
  /** Authorization requests the provider received, as URLs. */
  authorizationRequests: URL[];
  close(): Promise<void>;
}

/** Starts the provider on E2E_OIDC_PORT for a client whose redirect URI is the app's. */
export async function startOidcProvider(appOrigin: string): Promise<RunningProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const configuration: Configuration = {
    clients: [
      {
        client_id: E2E_OIDC_CLIENT_ID,
        client_secret: E2E_OIDC_CLIENT_SECRET,
        redirect_uris: [`${appOrigin}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // Every client must use PKCE, so a sign-in without it fails here.
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The app reads the claims from the ID token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["e2e-provider-cookie-key-0123456789"] },
    async findAccount(_context, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
  };
  const provider = new Provider(E2E_OIDC_ISSUER, configuration);
  const authorizationRequests: URL[] = [];
  const callback = provider.callback();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", E2E_OIDC_ISSUER);
    if (url.pathname === "/auth") authorizationRequests.push(url);
    callback(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(E2E_OIDC_PORT, "127.0.0.1", resolve);
  });
  return {
    addAccount: (account) => accounts.set(account.login, account),
    authorizationRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
