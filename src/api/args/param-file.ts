// file:// and fileb:// values (awscli/paramfile.py): file:// is replaced by the file's UTF-8 text,
// fileb:// by its bytes. A bad path is a UsageError naming the flag and the path.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { UsageError } from "../../cli/errors.js";
import { describeFileError } from "../../io/file-errors.js";

export function expandParamFile(value: string, flag: string): string | Uint8Array {
  const prefix = value.startsWith("fileb://")
    ? "fileb://"
    : value.startsWith("file://")
      ? "file://"
      : undefined;
  if (!prefix) return value;
  const raw = value.slice(prefix.length);
  const path = raw === "~" || raw.startsWith("~/") ? homedir() + raw.slice(1) : raw;
  try {
    const bytes = readFileSync(path);
    return prefix === "fileb://" ? new Uint8Array(bytes) : bytes.toString("utf8");
  } catch (err) {
    const why = describeFileError(err);
    throw new UsageError(
      `Error parsing parameter '${flag}': unable to load paramfile ${value}: ${why}. ` +
        `Check the path (relative paths start from ${process.cwd()}).`,
    );
  }
}
