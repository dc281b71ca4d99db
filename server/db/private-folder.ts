import fs from "node:fs";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

/** Permission bits for group and others: none may be set on what the server keeps. */
const GROUP_AND_OTHERS = 0o077;

/**
 * Makes `folder` (created if missing) and, when `recursive`, everything below it readable by
 * this user only:
 * folders 0700, files 0600, like the generated auth secret. The embedded database holds every
 * model, account and password hash, so another local account must not read its files.
 *
 * It also sets the process umask to 077 (on the main thread, where Node allows it), so that
 * files the server creates later are private from the start.
 */
export function makePrivateFolder(folder: string, options: { recursive: boolean }): void {
  if (isMainThread) process.umask(GROUP_AND_OTHERS);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  restrict(folder, options.recursive);
}

function restrict(entry: string, recursive: boolean): void {
  const stat = fs.lstatSync(entry);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & GROUP_AND_OTHERS) !== 0) fs.chmodSync(entry, 0o700);
    if (!recursive) return;
    for (const child of fs.readdirSync(entry)) restrict(path.join(entry, child), true);
  } else if ((stat.mode & GROUP_AND_OTHERS) !== 0) {
    fs.chmodSync(entry, stat.mode & 0o700);
  }
}
