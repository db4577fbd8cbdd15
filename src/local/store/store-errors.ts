// Errors of the endpoint's store that the CLI reports as configuration problems (exit 253): the
// endpoint knows nothing of exit codes, the kernel's error mapping turns these into ConfigError.

/** The data directory was written by a newer cogctl (or is otherwise unusable as it is). */
export class DataDirectoryError extends Error {
  override readonly name = "DataDirectoryError";
}
