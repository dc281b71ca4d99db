/**
 * The version of the document schema this code reads and writes. Raise it only together with a
 * migration in migrations.ts (whose last `to` must equal it) and a fixture of the old version.
 * Clients send it when they connect; the server refuses a different one (close code 4426).
 * In a module of its own so that the page's first script can name it without the model code.
 */
export const SCHEMA_VERSION = 2;
