// Why a file could not be read, in words rather than errno codes, for UsageError messages.

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
    default:
      return e.code ?? e.message ?? String(err);
  }
}
