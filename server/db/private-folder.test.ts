import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makePrivateFolder } from "./private-folder";

/** Every entry below `folder` whose mode lets group or others in. */
function openEntries(folder: string): string[] {
  const found: string[] = [];
  const walk = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if ((stat.mode & 0o077) !== 0) found.push(`${entry} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory())
      for (const child of fs.readdirSync(entry)) walk(path.join(entry, child));
  };
  walk(folder);
  return found;
}

describe("makePrivateFolder", () => {
  const previousUmask = process.umask();
  const folders: string[] = [];
  afterEach(() => {
    process.umask(previousUmask);
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  it("creates the folder 0700 and makes later files 0600 through the umask", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "private-folder-"));
    folders.push(root);
    const folder = path.join(root, "data", "pg");
    makePrivateFolder(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "created-later"), "x");
    fs.mkdirSync(path.join(folder, "base"));
    expect(openEntries(folder)).toEqual([]);
  });

  it("restricts what an older version left readable, below the folder when recursive", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "private-folder-"));
    folders.push(root);
    process.umask(0o022);
    fs.mkdirSync(path.join(root, "pg", "base"), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(root, "pg", "base", "1234"), "x", { mode: 0o644 });
    fs.writeFileSync(path.join(root, "other"), "x", { mode: 0o644 });
    fs.chmodSync(root, 0o755);
    makePrivateFolder(root, { recursive: false });
    expect((fs.statSync(root).mode & 0o777).toString(8)).toBe("700");
    expect((fs.statSync(path.join(root, "other")).mode & 0o777).toString(8)).toBe("644");
    makePrivateFolder(path.join(root, "pg"), { recursive: true });
    expect(openEntries(path.join(root, "pg"))).toEqual([]);
  });
});
