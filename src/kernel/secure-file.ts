// Files that hold secrets or private settings (tokens, device secrets, cogctl's per-profile
// settings): a 0700 directory, 0600 files, written atomically (temp file in the same directory +
// rename) so a crash or a concurrent reader never sees half a file, and the file is never readable
// by others even for an instant.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode only applies to directories it creates; tighten one made earlier by someone else.
  const s = await stat(dir);
  if ((s.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

export async function writePrivateJson(dir: string, name: string, value: unknown): Promise<void> {
  await ensurePrivateDir(dir);
  const target = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export async function readPrivateJsonFiles<T>(dir: string): Promise<{ name: string; value: T }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const out: { name: string; value: T }[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith(".json") || name.startsWith(".")) continue;
    try {
      out.push({ name, value: JSON.parse(await readFile(join(dir, name), "utf8")) as T });
    } catch {
      // A file someone edited by hand into invalid JSON is skipped, not fatal to every auth command.
    }
  }
  return out;
}

export async function removeFile(dir: string, name: string): Promise<void> {
  await rm(join(dir, name), { force: true });
}

/** A file-name-safe spelling of any string (usernames may hold '@', '/', '+', ...). */
export function safeName(part: string): string {
  return part.replace(/[^A-Za-z0-9_@+-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
