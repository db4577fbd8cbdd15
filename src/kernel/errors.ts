// Typed errors and the one table that maps them to the AWS CLI's exit codes.
// Commands throw these; only src/cli/main.ts turns them into a message and an exit code.

export const ExitCode = {
  OK: 0,
  /** Some rows of a bulk file failed or were invalid (users import, users validate); the rest went through. */
  ROWS_FAILED: 1,
  /** `cogctl plan`: the stack file differs from what the service has (a CI gate's "changes pending"). */
  PENDING_CHANGES: 2,
  /** Ctrl-C / SIGINT, as the AWS CLI. */
  INTERRUPTED: 130,
  /** Bad command line or parameters, detected before any request. */
  USAGE: 252,
  /** Bad configuration or missing credentials / region. */
  CONFIG: 253,
  /** The service answered with an error. */
  SERVICE: 254,
  /** Anything else. */
  OTHER: 255,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A bad flag, value, JSON, shorthand, file or missing answer. Exit 252, before any request. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.USAGE);
  }
}

/** Missing or bad region, credentials or profile. Exit 253. */
export class ConfigError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.CONFIG);
  }
}

/** An error the service returned, printed the AWS CLI way. Exit 254. */
export class ServiceError extends CliError {
  readonly code: string;
  readonly operation: string;
  readonly serviceMessage: string;
  /** Times the SDK sent the request again before this answer (a dropped connection, a 5xx). */
  readonly retries: number;
  /** `retries`: how many times the call was retried before this answer (the AWS CLI says so). */
  constructor(code: string, operation: string, serviceMessage: string, retries = 0) {
    super(
      `An error occurred (${code}) when calling the ${operation} operation${retries > 0 ? ` (reached max retries: ${retries})` : ""}: ${serviceMessage}`,
      ExitCode.SERVICE,
    );
    this.code = code;
    this.operation = operation;
    this.serviceMessage = serviceMessage;
    this.retries = retries;
  }
}

/**
 * No answer came, or none that could be read: the connection was refused, dropped or timed out, or
 * the body was cut. Exit 255, as the AWS CLI. Its own class so that retry.ts can tell it from a bug
 * without matching words.
 */
export class NetworkError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.OTHER);
  }
}

/** The user interrupted (Ctrl-C, or a prompt was aborted). Exit 130. */
export class InterruptedError extends CliError {
  constructor(message = "Interrupted") {
    super(message, ExitCode.INTERRUPTED);
  }
}

/** Rows of a file were invalid or failed (the summary was printed). Exit 1. */
export class RowsFailedError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.ROWS_FAILED);
  }
}

/** `cogctl plan` found changes to make (the plan was printed). Exit 2, as terraform plan -detailed-exitcode. */
export class PendingChangesError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.PENDING_CHANGES);
  }
}
