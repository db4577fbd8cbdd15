// Why a file could not be read, in words rather than errno codes, for UsageError messages.
import { formatSize, type InputTooLargeError } from "./capped-read.js";

export function describeFileError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ETOOLARGE":
      return `it is larger than ${formatSize((err as InputTooLargeError).limit)}, the most cogctl reads for one value (an endless file such as /dev/zero, or the wrong file?)`;
    case "ENOTUTF8":
      return "it is not UTF-8 text";
    default:
      return e.code ?? e.message ?? String(err);
  }
}
