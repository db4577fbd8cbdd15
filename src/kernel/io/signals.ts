// Process signals belong to the IO layer: long-running commands (local serve, --follow) wait on
// this promise instead of touching `process` themselves, and tests pass their own promise.

/** Resolves on the first SIGINT or SIGTERM, then stops listening. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
