// Secrets for task commands (passwords) come from stdin or a file, never argv, where `ps` and
// shell history would see them. One trailing newline (from echo or an editor) is not part of it.
import { readFile } from "node:fs/promises";
import { UsageError } from "./errors.js";
import { describeFileError } from "./io/file-errors.js";
import type { IO } from "./io/io.js";

export interface SecretSource {
  /** Read stdin (the flag's name, e.g. "--password-stdin"), when set. */
  stdinFlag?: string;
  /** Read this file, with the flag that named it. */
  file?: { path: string; flag: string };
}

export async function readSecret(io: IO, source: SecretSource): Promise<string | undefined> {
  if (source.stdinFlag && source.file)
    throw new UsageError(`Use either ${source.stdinFlag} or ${source.file.flag}, not both.`);
  let flag: string;
  let text: string;
  if (source.stdinFlag) {
    flag = source.stdinFlag;
    if (io.stdinIsTTY) throw new UsageError(`${flag}: pipe the secret in on stdin.`);
    text = await io.readStdin();
  } else if (source.file) {
    flag = source.file.flag;
    const { path } = source.file;
    text = await readFile(path, "utf8").catch((err: unknown) => {
      throw new UsageError(`${flag}: cannot read ${path}: ${describeFileError(err)}.`);
    });
  } else {
    return undefined;
  }
  const value = text.replace(/\r?\n$/, "");
  if (value === "") throw new UsageError(`${flag}: the secret is empty.`);
  return value;
}
