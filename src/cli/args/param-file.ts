// file:// and fileb:// values (awscli/paramfile.py): file:// is replaced by the file's UTF-8 text,
// fileb:// by its bytes. A bad path, a file past the size ceiling (an endless /dev/zero would
// otherwise be read until memory runs out) or a file:// that is not UTF-8 is a UsageError naming
// the flag and the path.
import { homedir } from "node:os";
import { UsageError } from "../../kernel/errors.js";
import {
  decodeUtf8,
  InputTooLargeError,
  NotUtf8Error,
  PARAM_FILE_LIMIT,
  readFileCappedSync,
} from "../../kernel/io/capped-read.js";
import { describeFileError } from "../../kernel/io/file-errors.js";

export function expandParamFile(value: string, flag: string): string | Uint8Array {
  return readParamFile(value, flag, false);
}

/** A value that must be text: fileb:// bytes are decoded too, and refused when not UTF-8. */
export function expandParamText(value: string, flag: string): string {
  return readParamFile(value, flag, true) as string;
}

function readParamFile(value: string, flag: string, asText: boolean): string | Uint8Array {
  const prefix = value.startsWith("fileb://")
    ? "fileb://"
    : value.startsWith("file://")
      ? "file://"
      : undefined;
  if (!prefix) return value;
  const raw = value.slice(prefix.length);
  const path = raw === "~" || raw.startsWith("~/") ? homedir() + raw.slice(1) : raw;
  try {
    const bytes = readFileCappedSync(path, PARAM_FILE_LIMIT);
    return prefix === "fileb://" && !asText ? new Uint8Array(bytes) : decodeUtf8(bytes);
  } catch (err) {
    const why = describeFileError(err);
    const fix =
      err instanceof NotUtf8Error
        ? ` Save it as UTF-8${asText ? "" : ", or pass it as fileb:// to send its bytes as they are"}.`
        : err instanceof InputTooLargeError
          ? ""
          : ` Check the path (relative paths start from ${process.cwd()}).`;
    throw new UsageError(
      `Error parsing parameter '${flag}': unable to load paramfile ${value}: ${why}.${fix}`,
    );
  }
}
