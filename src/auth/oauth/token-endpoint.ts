// The pool domain's token and revocation endpoints (COGNITO-FACTS §12) over HTTP: form-encoded
// requests, client authentication by HTTP Basic when the client has a secret, and OAuth errors
// ({"error": ...}) turned into ServiceErrors (exit 254) that name the endpoint. These are plain
// HTTP endpoints, not SDK operations, so the --debug trace is written here, redacted the same way
// (tokens, codes, verifiers and the Authorization header never appear).
import type { Context } from "../../kernel/context.js";
import { CliError, ExitCode, ServiceError } from "../../kernel/errors.js";
import { REDACTED, redact } from "../../kernel/redact.js";

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
}

export interface ClientAuth {
  clientId: string;
  /** Sent as HTTP Basic (client_secret_basic), never in the body or a trace. */
  clientSecret?: string;
}

type Debug = Pick<Context, "printer" | "globals">;

/** POST <domain>/oauth2/token with this form; the answer's JSON, or a ServiceError from its "error". */
export async function requestToken(
  ctx: Debug,
  domainUrl: string,
  form: Record<string, string | undefined>,
  auth: ClientAuth,
): Promise<TokenResponse> {
  const body = await postForm(ctx, `${domainUrl}/oauth2/token`, "oauth2/token", form, auth);
  const parsed = body as Partial<TokenResponse>;
  if (typeof parsed.access_token !== "string")
    throw new CliError(
      `The token endpoint ${domainUrl}/oauth2/token answered without an access_token.`,
      ExitCode.OTHER,
    );
  return parsed as TokenResponse;
}

/** POST <domain>/oauth2/revoke: revokes a refresh token and the access tokens issued from it. */
export async function revokeToken(
  ctx: Debug,
  domainUrl: string,
  refreshToken: string,
  auth: ClientAuth,
): Promise<void> {
  await postForm(ctx, `${domainUrl}/oauth2/revoke`, "oauth2/revoke", { token: refreshToken }, auth);
}

async function postForm(
  ctx: Debug,
  url: string,
  operation: string,
  form: Record<string, string | undefined>,
  auth: ClientAuth,
): Promise<unknown> {
  const fields: Record<string, string> = { client_id: auth.clientId };
  for (const [k, v] of Object.entries(form)) if (v !== undefined) fields[k] = v;
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  if (auth.clientSecret !== undefined)
    headers.authorization = `Basic ${Buffer.from(`${formEncode(auth.clientId)}:${formEncode(auth.clientSecret)}`).toString("base64")}`;
  const debug = ctx.globals.debug;
  const started = Date.now();
  if (debug) {
    ctx.printer.debug(
      `POST ${url}${auth.clientSecret !== undefined ? ` (client authentication: Basic ${REDACTED})` : ""}`,
    );
    ctx.printer.debug(`request body: ${JSON.stringify(redactForm(fields))}`);
  }
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(
      `Could not connect to the endpoint URL: "${url}" (${cause?.code ?? cause?.message ?? (err as Error).message})`,
      ExitCode.OTHER,
    );
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (debug) {
    ctx.printer.debug(`response: ${res.status} in ${Date.now() - started} ms`);
    ctx.printer.debug(
      `response body: ${json === undefined ? `<${text.length} bytes, not JSON>` : JSON.stringify(redact(json))}`,
    );
  }
  if (res.ok && json !== undefined) return json;
  const error = (json ?? {}) as { error?: unknown; error_description?: unknown };
  if (typeof error.error === "string")
    throw new ServiceError(
      error.error,
      operation,
      typeof error.error_description === "string" ? error.error_description : describeOAuthError(error.error),
    );
  throw new ServiceError(
    String(res.status),
    operation,
    `${url} answered HTTP ${res.status}${json === undefined ? " with a body that is not JSON" : ""}: is this the pool's domain?`,
  );
}

/** RFC 6749 §2.3.1: the Basic credentials are form-encoded before base64. */
const formEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");

/** The form as a trace may show it: codes, verifiers, tokens and assertions hidden. */
function redactForm(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields))
    out[k] = /code|token|verifier|secret|assertion|password/i.test(k) ? REDACTED : v;
  return out;
}

/** Cognito often answers with the error code alone: what each means, in words. */
export function describeOAuthError(code: string): string {
  switch (code) {
    case "invalid_client":
      return "the client id or secret was refused (a wrong or missing client secret, or an unknown client)";
    case "unauthorized_client":
      return "the app client may not use this grant: check AllowedOAuthFlows and AllowedOAuthFlowsUserPoolClient";
    case "invalid_scope":
      return "a requested scope is not allowed for this client (AllowedOAuthScopes) or does not exist";
    case "invalid_grant":
      return "the code or refresh token is invalid, expired, already used or revoked";
    case "unsupported_grant_type":
      return "the token endpoint does not support this grant_type";
    case "invalid_request":
      return "the request is missing a parameter or has a bad one";
    default:
      return code;
  }
}
