// Shared output types. The printer applies --query (JMESPath) before formatting.

export const OUTPUT_FORMATS = ["json", "yaml", "yaml-stream", "text", "table"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Printer {
  /** Prints an operation result to stdout: --query first, then the chosen format. */
  result(data: unknown, opts?: { title?: string }): void;
  /**
   * Prints one page of a paginated result with --query applied to the page alone, as the AWS CLI
   * does for the formats that stream (see streamsPages in printer.ts).
   */
  page(data: unknown, opts?: { title?: string }): void;
  /** A short confirmation for people ("Disabled alice"): stderr, and only on a terminal. */
  done(message: string): void;
  /** Progress or information for people: stderr, only on a terminal. */
  info(message: string): void;
  /** A warning: always stderr. */
  warn(message: string): void;
  /** A --debug line: stderr, only with --debug. Callers redact secrets first (src/kernel/redact). */
  debug(message: string): void;
}
