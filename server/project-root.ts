import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's folder (the one holding package.json), found from this module's own location,
 * so that files the server reads at run time (migrations, worker scripts, data files) are found
 * alike when it runs from its sources (tsx, tests) and from its compiled bundle in dist/.
 */
function findProjectRoot(start: string): string {
  let folder = start;
  for (;;) {
    if (fs.existsSync(path.join(folder, "package.json"))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${start}`);
    folder = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `projectPath("drizzle", "migrations")`. */
export function projectPath(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}
