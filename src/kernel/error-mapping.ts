// The one place where any thrown value becomes a message and an AWS-CLI exit code.
import { STATUS_CODES } from "node:http";
import { LimitsSpecError } from "../local/limits/limits-error.js";
import { DataDirectoryError } from "../local/store/store-errors.js";
import {
  CliError,
  ConfigError,
  ExitCode,
  type ExitCodeValue,
  InterruptedError,
  NetworkError,
  ServiceError,
  UsageError,
} from "./errors.js";

export interface MappedError {
  message: string;
  exitCode: ExitCodeValue;
}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { statusCode?: number; body?: unknown };
  address?: string;
  port?: number;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

/** Turns anything thrown by a command into what the user sees. `operation` names the API call, if any. */
export function mapError(err: unknown, operation?: string, endpoint?: string): MappedError {
  const e = normalize(err, operation, endpoint);
  return { message: e.message, exitCode: e.exitCode };
}

export function normalize(err: unknown, operation?: string, endpoint?: string): CliError {
  // Typed errors carry their code (PendingChangesError: 2, RowsFailedError: 1, UsageError: 252 ...).
  if (err instanceof CliError) return err;
  if (err instanceof DataDirectoryError) return new ConfigError(err.message);
  // --quotas / --faults or their COGCTL_LOCAL_* variables: a bad command line (the message names which).
  if (err instanceof LimitsSpecError) return new UsageError(err.message);
  const e = (err ?? {}) as SdkLikeError;
  const name = e.name ?? "";
  const message = e.message ?? String(err);

  if (name === "ExitPromptError" || name === "AbortPromptError") return new InterruptedError();
  if (name === "CredentialsProviderError" || /could not load credentials/i.test(message)) {
    if (/profile/i.test(message) && /could not be found|not found/i.test(message)) {
      return new ConfigError(
        `${message.split("\n")[0]}\nList your profiles in ~/.aws/config, or pass --profile with one of them.`,
      );
    }
    return new ConfigError(
      'Unable to locate credentials. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile with a profile from ~/.aws/credentials or ~/.aws/config (SSO included), or run "aws configure". For the embedded endpoint, use --local.',
    );
  }
  if (/^Region is missing|region is missing/i.test(message)) {
    return new ConfigError(
      "You must specify a region: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, or set region in your profile (~/.aws/config).",
    );
  }
  // Network failures first: the SDK decorates them with $metadata too, but no service answered.
  const where =
    endpoint ?? (e.address ? `http://${e.address}${e.port ? `:${e.port}` : ""}` : "the default endpoint");
  // The AWS CLI's words for a connection that was made and then dropped without an answer.
  if (e.code === "ECONNRESET") {
    return new NetworkError(
      `Connection was closed before we received a valid response from endpoint URL: "${where}".`,
    );
  }
  if (e.code && NETWORK_CODES.has(e.code)) {
    return new NetworkError(`Could not connect to the endpoint URL: "${where}" (${e.code})`);
  }
  if (name === "TimeoutError" || e.code === "ETIMEDOUT") {
    return new NetworkError(`Read timeout on endpoint URL: "${where}"`);
  }
  if (e.$fault !== undefined || e.$response !== undefined) {
    const retries = Math.max(0, (e.$metadata?.attempts ?? 1) - 1);
    if (/Deserialization error|Unexpected token|is not valid JSON/.test(message) && !e.$fault) {
      const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
      if (status !== undefined && status >= 300) {
        // botocore reads a non-JSON error body as the message and the status as the code.
        const text = bodyText(e.$response?.body) || STATUS_CODES[status] || "";
        return new ServiceError(String(status), operation ?? "unknown", text, retries);
      }
      return new NetworkError(`The endpoint's response could not be read: ${message.split("\n")[0]}`);
    }
    const code = name && name !== "Error" ? name : (e.code ?? "Unknown");
    return new ServiceError(
      code,
      operation ?? "unknown",
      message === "UnknownError" ? "Unknown" : message,
      retries,
    );
  }
  return new CliError(message || "Unexpected error", ExitCode.OTHER);
}

/** A short, one-line text of an error body the SDK could not parse (bytes when client-factory kept them). */
const BODY_TEXT_CHARS = 300;
function bodyText(body: unknown): string {
  if (!(body instanceof Uint8Array) && typeof body !== "string") return "";
  const text = (typeof body === "string" ? body : Buffer.from(body).toString("utf8"))
    .replace(/\s+/g, " ")
    .trim();
  return text.length > BODY_TEXT_CHARS ? `${text.slice(0, BODY_TEXT_CHARS)}...` : text;
}
