// `cogctl auth login --web`: the authorization code flow with PKCE (S256) in the user's browser, as
// `gh auth login --web` does it. A one-shot listener on 127.0.0.1 receives the redirect at the app
// client's localhost CallbackURL (or --redirect-port), the browser is opened at the pool domain's
// /oauth2/authorize (--no-browser prints the URL on stderr instead, for SSH sessions), the state and
// the ID token's nonce are checked, and the code is exchanged at /oauth2/token. The tokens become a
// session like every other sign-in's, which remembers the domain so that `auth refresh` and
// `auth logout` use its /oauth2/token and /oauth2/revoke.
import { createCognitoCall, type ServiceOutput } from "../../kernel/cognito-call.js";
import type { Context } from "../../kernel/context.js";
import { CliError, ExitCode, ServiceError, UsageError } from "../../kernel/errors.js";
import { type ClientSecretOptions, givenClientSecret } from "../client-secret.js";
import { pickAppClient, pickUserPool } from "../pool-picker.js";
import { makeDefault, type StoredSession, saveSession, sessionProfile } from "../session-store.js";
import { claimsOf, relativeTime } from "../token-decode.js";
import { contactClaims, userLabel } from "../user-names.js";
import { hasNoDisplay, openBrowser } from "./browser.js";
import { type DomainChoice, oauthDomainUrl } from "./domain.js";
import { listenLoopback } from "./loopback.js";
import { createPkce, createState } from "./pkce.js";
import { describeOAuthError, requestToken, type TokenResponse } from "./token-endpoint.js";

export interface WebLoginOptions extends ClientSecretOptions, DomainChoice {
  userPoolId?: string;
  clientId?: string;
  scope?: string[];
  redirectPort?: string;
  /** false with --no-browser. */
  browser?: boolean;
  /** Seconds to wait for the browser's redirect. */
  timeout?: string;
}

const DEFAULT_TIMEOUT_S = 300;

export async function webLogin(opts: WebLoginOptions, ctx: Context): Promise<number> {
  const timeoutMs = seconds(opts.timeout, "--timeout", DEFAULT_TIMEOUT_S) * 1000;
  const redirectPort = opts.redirectPort === undefined ? undefined : port(opts.redirectPort);
  const env = ctx.io.env;
  // A CI job or a pipe has nobody to use a browser: say so at once rather than wait for the
  // timeout. An explicit $BROWSER is the user saying how a browser is opened here, so it is honoured.
  if (opts.browser !== false && !ctx.io.canPrompt && !env.BROWSER?.trim())
    throw new UsageError(
      "auth login --web: no terminal, so nobody here can use a browser. Pass --no-browser to print the sign-in URL on stderr and open it elsewhere (or set BROWSER); a CI job signs in with 'cogctl auth client-credentials' or 'cogctl auth login --password-stdin'.",
    );
  const call = await createCognitoCall(ctx);
  const userPoolId = opts.userPoolId ?? (await pickUserPool(ctx, call));
  const clientId = opts.clientId ?? (await pickAppClient(ctx, call, userPoolId));
  const client = await describeClient(call, userPoolId, clientId, redirectPort);
  if (client) checkCodeFlow(client, clientId);
  const redirectUri = chooseRedirect(client, clientId, redirectPort);
  const domainUrl = await oauthDomainUrl(ctx, call, userPoolId, opts);
  const secret =
    (await givenClientSecret(opts, env)) ??
    (typeof client?.ClientSecret === "string" && client.ClientSecret ? client.ClientSecret : undefined);

  const pkce = createPkce();
  const state = createState();
  const nonce = createState();
  const redirect = new URL(redirectUri);
  const loopback = await listenLoopback(Number(redirect.port || 80), redirect.pathname || "/");
  try {
    const authorize = new URL(`${domainUrl}/oauth2/authorize`);
    const query: Record<string, string> = {
      response_type: "code",
      client_id: clientId,
      redirect_uri: redirectUri,
      state,
      nonce,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
    };
    if (opts.scope?.length) query.scope = opts.scope.join(" ");
    for (const [k, v] of Object.entries(query)) authorize.searchParams.set(k, v);
    const url = authorize.toString();

    let printUrl = opts.browser === false;
    if (!printUrl && hasNoDisplay(env)) {
      ctx.printer.info(
        "No display here (an SSH session?): open the URL below in a browser on any machine that reaches this one's port.",
      );
      printUrl = true;
    }
    if (!printUrl) {
      const failed = await openBrowser(url, env);
      if (failed) {
        ctx.printer.warn(`Could not open a browser (${failed}); open the URL below instead.`);
        printUrl = true;
      } else
        ctx.printer.info(
          `Opened the browser to sign in at ${domainUrl}; waiting for it (up to ${timeoutMs / 1000} s).`,
        );
    }
    // The URL is no secret (the verifier never leaves this process), and it must reach the user
    // even without a terminal: it is written whatever stderr is.
    if (printUrl)
      ctx.io.stderr.write(
        `Open this URL in a browser to sign in (waiting up to ${timeoutMs / 1000} s):\n${url}\n`,
      );

    const answer = await loopback.wait(timeoutMs);
    const p = answer.params;
    const error = p.get("error");
    if (error) {
      const description = p.get("error_description") || describeOAuthError(error);
      answer.finish(false, `The sign-in failed: ${error}: ${description}`);
      throw new ServiceError(error, "oauth2/authorize", description);
    }
    if (p.get("state") !== state) {
      answer.finish(
        false,
        "This redirect does not belong to the sign-in cogctl started (its state differs).",
      );
      throw new CliError(
        "The redirect's state does not match the one cogctl sent, so it did not come from this sign-in (another tab, or a forged link); nothing was stored. Run the command again.",
        ExitCode.OTHER,
      );
    }
    const code = p.get("code");
    if (!code) {
      answer.finish(false, "The redirect carried no authorization code.");
      throw new CliError("The redirect carried no authorization code; nothing was stored.", ExitCode.OTHER);
    }
    let tokens: TokenResponse;
    try {
      tokens = await requestToken(
        ctx,
        domainUrl,
        { grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: pkce.verifier },
        { clientId, clientSecret: secret },
      );
      const idClaims = claimsOf(tokens.id_token);
      if (tokens.id_token && idClaims?.nonce !== undefined && idClaims.nonce !== nonce)
        throw new CliError(
          "The ID token's nonce is not the one cogctl sent: it was not issued for this sign-in; nothing was stored.",
          ExitCode.OTHER,
        );
    } catch (err) {
      answer.finish(false, `The code could not be exchanged for tokens: ${(err as Error).message}`);
      throw err;
    }
    const session = await storeWebSession(ctx, { userPoolId, clientId, domainUrl, tokens });
    answer.finish(true, `Signed in as ${userLabel(session)} (pool ${userPoolId}, client ${clientId}).`);
    if (ctx.globals.outputExplicit || ctx.globals.query !== undefined) {
      ctx.printer.result({ AuthenticationResult: asAuthenticationResult(tokens), ChallengeParameters: {} });
    } else {
      const expires = new Date(session.expiresAt);
      ctx.printer.done(
        `Signed in as ${userLabel(session)} in the browser (pool ${userPoolId}, client ${clientId}). Tokens expire ${relativeTime(expires, ctx.clock())} (${expires.toISOString()}); print them with 'cogctl auth tokens'.`,
      );
    }
    return 0;
  } finally {
    await loopback.close();
  }
}

/** The token endpoint's answer spelled as InitiateAuth's AuthenticationResult. */
export function asAuthenticationResult(t: TokenResponse) {
  return {
    AccessToken: t.access_token,
    IdToken: t.id_token,
    RefreshToken: t.refresh_token,
    ExpiresIn: t.expires_in,
    TokenType: t.token_type ?? "Bearer",
  };
}

async function storeWebSession(
  ctx: Context,
  s: { userPoolId: string; clientId: string; domainUrl: string; tokens: TokenResponse },
): Promise<StoredSession> {
  const now = ctx.clock();
  const access = claimsOf(s.tokens.access_token);
  const id = claimsOf(s.tokens.id_token);
  const username =
    (typeof access?.username === "string" && access.username) ||
    (typeof id?.["cognito:username"] === "string" && (id["cognito:username"] as string)) ||
    (typeof access?.sub === "string" && access.sub) ||
    "unknown";
  const session: StoredSession = {
    version: 1,
    profile: sessionProfile(ctx.globals.profile, ctx.io.env),
    userPoolId: s.userPoolId,
    clientId: s.clientId,
    username,
    ...contactClaims(s.tokens.id_token),
    endpoint: ctx.globals.local ? "local" : ctx.globals.endpointUrl,
    region: ctx.globals.region,
    idToken: s.tokens.id_token,
    accessToken: s.tokens.access_token,
    refreshToken: s.tokens.refresh_token,
    expiresAt: new Date(now.getTime() + (s.tokens.expires_in ?? 3600) * 1000).toISOString(),
    signedInAt: now.toISOString(),
    updatedAt: now.toISOString(),
    oauthDomain: s.domainUrl,
  };
  await saveSession(ctx.paths.configDir, session);
  await makeDefault(ctx.paths.configDir, session);
  return session;
}

/**
 * DescribeUserPoolClient: the CallbackURLs, the flows and the secret. It needs admin credentials a
 * person signing in may not have; with --redirect-port the flow goes on without it.
 */
async function describeClient(
  call: (op: string, input: Record<string, unknown>) => Promise<ServiceOutput>,
  userPoolId: string,
  clientId: string,
  redirectPort: number | undefined,
): Promise<ServiceOutput | undefined> {
  try {
    return (await call("DescribeUserPoolClient", { UserPoolId: userPoolId, ClientId: clientId }))
      .UserPoolClient;
  } catch (err) {
    if (redirectPort !== undefined && err instanceof ServiceError && err.code !== "ResourceNotFoundException")
      return undefined;
    throw err;
  }
}

function checkCodeFlow(client: ServiceOutput, clientId: string): void {
  const flows: string[] = client.AllowedOAuthFlows ?? [];
  if (client.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes("code"))
    throw new UsageError(
      `App client ${clientId} does not allow the authorization code flow (AllowedOAuthFlowsUserPoolClient ${client.AllowedOAuthFlowsUserPoolClient === true}, AllowedOAuthFlows ${flows.join(", ") || "none"}). Allow it with 'cogctl update-user-pool-client --user-pool-id ... --client-id ${clientId} --allowed-o-auth-flows-user-pool-client --allowed-o-auth-flows code --callback-urls http://localhost:8400/callback ...'.`,
    );
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A CallbackURL this machine can receive: http on a loopback name. */
function isLoopbackCallback(u: string): URL | undefined {
  try {
    const url = new URL(u);
    return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname) && url.hostname !== "[::1]"
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The redirect_uri: one of the client's loopback CallbackURLs (the one on --redirect-port when
 * given), since Cognito compares it exactly; with --redirect-port and no readable client,
 * http://localhost:PORT/.
 */
function chooseRedirect(client: ServiceOutput | undefined, clientId: string, redirectPort?: number): string {
  const urls: string[] = client?.CallbackURLs ?? [];
  const loopbacks = urls.filter((u) => isLoopbackCallback(u));
  const onPort =
    redirectPort === undefined
      ? loopbacks.find((u) => isLoopbackCallback(u)?.port)
      : loopbacks.find((u) => Number(isLoopbackCallback(u)?.port || 80) === redirectPort);
  if (onPort) return onPort;
  if (redirectPort !== undefined) {
    if (client)
      throw new UsageError(
        `--redirect-port ${redirectPort}: app client ${clientId} has no http://localhost:${redirectPort}/... CallbackURL (it has: ${urls.join(", ") || "none"}), and the service accepts only those. Add one with 'cogctl update-user-pool-client ... --callback-urls http://localhost:${redirectPort}/callback'.`,
      );
    return `http://localhost:${redirectPort}/`;
  }
  throw new UsageError(
    `App client ${clientId} has no CallbackURL on this machine with a port (it has: ${urls.join(", ") || "none"}): add one such as http://localhost:8400/callback with 'cogctl update-user-pool-client ... --callback-urls', or name a registered one's port with --redirect-port.`,
  );
}

function seconds(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 86_400)
    throw new UsageError(`${flag} must be a whole number of seconds from 1 to 86400; got '${raw}'.`);
  return Number(raw);
}

function port(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65_535)
    throw new UsageError(`--redirect-port must be a port number from 1 to 65535; got '${raw}'.`);
  return Number(raw);
}
