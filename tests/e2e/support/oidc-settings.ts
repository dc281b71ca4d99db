/** Where the browser tests' OpenID provider listens, and the app's client registration there. */
export const E2E_OIDC_PORT = 4455;
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
export const E2E_OIDC_CLIENT_ID = "threat-room-e2e";
export const E2E_OIDC_CLIENT_SECRET = "threat-room-e2e-client-secret-0123456789";
export const E2E_OIDC_NAME = "Test SSO";
