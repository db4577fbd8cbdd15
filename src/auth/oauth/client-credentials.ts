// `cogctl auth client-credentials`: a machine-to-machine access token (grant_type
// client_credentials) from the pool domain's /oauth2/token, for CI jobs calling an API that a
// Cognito resource server protects. A token still well inside its lifetime is served from a 0600
// cache without any request, so `TOKEN=$(cogctl auth client-credentials ...)` in every step of a job
// costs one request per token lifetime. The secret comes from --client-secret-file,
// COGCTL_CLIENT_SECRET, or DescribeUserPoolClient (admin credentials and --pool); it is never
// printed, traced, or part of the cache's key.
import { type CognitoCall, createCognitoCall, type ServiceOutput } from "../../kernel/cognito-call.js";
import type { Context } from "../../kernel/context.js";
import { ServiceError, UsageError } from "../../kernel/errors.js";
import { createResolver, POOL_ID, type PoolRef } from "../../kernel/resolve.js";
import { readSecretFile } from "../client-secret.js";
import { sessionProfile } from "../session-store.js";
import { claimsOf, readableClaims } from "../token-decode.js";
import { type DomainChoice, givenDomainUrl, oauthDomainUrl } from "./domain.js";
import { type CachedToken, type CacheKey, readCached, reuseUntil, writeCached } from "./token-cache.js";
import { describeOAuthError, requestToken } from "./token-endpoint.js";

export interface ClientCredentialsOptions extends DomainChoice {
  client?: string;
  pool?: string;
  scope?: string[];
  clientSecretFile?: string;
  format?: string;
  decode?: boolean;
  /** false with --no-cache. */
  cache?: boolean;
}

const FORMATS = ["token", "env", "json"] as const;

export async function clientCredentials(opts: ClientCredentialsOptions, ctx: Context): Promise<number> {
  const format = opts.format ?? "token";
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got '${format}'.`);
  if (opts.decode && opts.format !== undefined)
    throw new UsageError("--decode prints the token's claims; it cannot be combined with --format.");
  const clientRef = opts.client;
  if (!clientRef) throw new UsageError("--client is required: the app client (id, or name with --pool).");
  const env = ctx.io.env;
  const poolRef = opts.pool ?? env.COGCTL_POOL ?? undefined;
  const scopes = [...new Set((opts.scope ?? []).flatMap((s) => s.split(/\s+/)).filter(Boolean))];
  for (const s of scopes)
    if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s))
      throw new UsageError(`--scope '${s}' has a character no OAuth scope may hold (RFC 6749 §3.3).`);
  const domainGiven = givenDomainUrl(opts, env);
  if (!domainGiven && !poolRef)
    throw new UsageError(
      "auth client-credentials needs the pool domain: pass --pool (its domain is read with DescribeUserPool) or --domain-url (COGCTL_OAUTH_DOMAIN).",
    );
  const key: CacheKey = {
    profile: sessionProfile(ctx.globals.profile, env),
    endpoint: ctx.globals.local
      ? "local"
      : (ctx.globals.endpointUrl ??
        `aws:${ctx.globals.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? ""}`),
    userPoolId: poolRef,
    clientId: clientRef,
    scopes,
    domainUrl: domainGiven,
  };
  const stateDir = ctx.paths.stateDir;
  const useCache = opts.cache !== false;
  let token = useCache ? await readCached(stateDir, key, ctx.clock()) : undefined;
  if (token) ctx.printer.debug(`auth client-credentials: a cached token (reused until ${token.reuseUntil})`);
  else {
    token = await fetchToken(ctx, opts, { clientRef, poolRef, scopes, domainGiven, key });
    if (useCache) await writeCached(stateDir, token);
  }
  print(ctx, token, format, opts.decode === true);
  return 0;
}

async function fetchToken(
  ctx: Context,
  opts: ClientCredentialsOptions,
  w: { clientRef: string; poolRef?: string; scopes: string[]; domainGiven?: string; key: CacheKey },
): Promise<CachedToken> {
  const env = ctx.io.env;
  let secret = opts.clientSecretFile
    ? (await readSecretFile(opts.clientSecretFile, "--client-secret-file")).trim()
    : env.COGCTL_CLIENT_SECRET || undefined;
  // The SDK client (and its credentials) only when the pool must be asked something.
  let call: CognitoCall | undefined;
  const caller = async () => {
    call ??= await createCognitoCall(ctx);
    return call;
  };
  let pool: PoolRef | undefined;
  let clientId = w.clientRef;
  let described: ServiceOutput | undefined;
  if (w.poolRef && (!w.domainGiven || secret === undefined || !/^[a-z0-9]+$/.test(w.clientRef))) {
    const resolver = createResolver(await caller(), env);
    pool = POOL_ID.test(w.poolRef) ? { id: w.poolRef } : await resolver.pool(w.poolRef);
    if (!/^[a-z0-9]+$/.test(w.clientRef)) clientId = (await resolver.client(pool, w.clientRef)).id;
  }
  if (secret === undefined) {
    if (!pool)
      throw new UsageError(
        `App client ${clientId}'s secret is needed: pass --client-secret-file FILE or set COGCTL_CLIENT_SECRET, or pass --pool so cogctl reads it with DescribeUserPoolClient.`,
      );
    described = (
      await (
        await caller()
      )("DescribeUserPoolClient", { UserPoolId: pool.id, ClientId: clientId })
    ).UserPoolClient;
    const found = described?.ClientSecret;
    if (typeof found !== "string" || !found)
      throw new UsageError(
        `App client ${clientId} has no secret, and the client_credentials grant needs one (a confidential client). Create a client with a secret: 'cogctl create-user-pool-client --user-pool-id ${pool.id} --client-name m2m --generate-secret --allowed-o-auth-flows client_credentials --allowed-o-auth-flows-user-pool-client --allowed-o-auth-scopes RESOURCE/SCOPE'.`,
      );
    secret = found;
  }
  const domainUrl = w.domainGiven ?? (await oauthDomainUrl(ctx, await caller(), pool?.id, opts));
  const obtained = ctx.clock();
  try {
    const t = await requestToken(
      ctx,
      domainUrl,
      { grant_type: "client_credentials", scope: w.scopes.length ? w.scopes.join(" ") : undefined },
      { clientId, clientSecret: secret },
    );
    const expiresIn = typeof t.expires_in === "number" && t.expires_in > 0 ? t.expires_in : 3600;
    return {
      version: 1,
      key: w.key,
      accessToken: t.access_token,
      tokenType: t.token_type ?? "Bearer",
      // Cognito's answer has no "scope" member; the token's claim says what was granted.
      scope:
        t.scope ??
        (typeof claimsOf(t.access_token)?.scope === "string"
          ? (claimsOf(t.access_token)?.scope as string)
          : undefined),
      expiresAt: new Date(obtained.getTime() + expiresIn * 1000).toISOString(),
      reuseUntil: reuseUntil(obtained, expiresIn).toISOString(),
      obtainedAt: obtained.toISOString(),
    };
  } catch (err) {
    throw explained(err, { clientId, scopes: w.scopes, described });
  }
}

/** The token endpoint's terse errors, with what this client allows when that is known. */
function explained(
  err: unknown,
  c: { clientId: string; scopes: string[]; described?: ServiceOutput },
): unknown {
  if (!(err instanceof ServiceError) || err.operation !== "oauth2/token") return err;
  const allowed: string[] | undefined = c.described?.AllowedOAuthScopes;
  const flows: string[] | undefined = c.described?.AllowedOAuthFlows;
  const base = err.serviceMessage === err.code ? describeOAuthError(err.code) : err.serviceMessage;
  let more = "";
  if (err.code === "invalid_scope")
    more = ` Asked for: ${c.scopes.join(" ") || "(no scope: all the client's custom scopes)"}${allowed ? `; app client ${c.clientId} allows: ${allowed.join(" ") || "none"}` : ""}. A client_credentials token carries only resource-server scopes (IDENTIFIER/SCOPE).`;
  else if (err.code === "unauthorized_client")
    more = ` App client ${c.clientId} must have client_credentials in AllowedOAuthFlows${flows ? ` (it has: ${flows.join(", ") || "none"})` : ""} and AllowedOAuthFlowsUserPoolClient set.`;
  else if (err.code === "invalid_client")
    more = ` Check the secret given for app client ${c.clientId} (--client-secret-file or COGCTL_CLIENT_SECRET).`;
  return new ServiceError(err.code, err.operation, `${base}.${more}`.replace(/\.\./g, "."));
}

function print(ctx: Context, t: CachedToken, format: string, decode: boolean): void {
  const now = ctx.clock();
  const expiresIn = Math.max(0, Math.floor((Date.parse(t.expiresAt) - now.getTime()) / 1000));
  if (decode) {
    ctx.printer.result(readableClaims(t.accessToken, now) ?? {});
    return;
  }
  if (format === "env") {
    ctx.io.stdout.write(
      `export ACCESS_TOKEN=${t.accessToken}\nexport TOKEN_TYPE=${t.tokenType}\nexport EXPIRES_AT=${t.expiresAt}\n`,
    );
    return;
  }
  if (format === "json") {
    ctx.printer.result({
      access_token: t.accessToken,
      token_type: t.tokenType,
      expires_in: expiresIn,
      expires_at: t.expiresAt,
      ...(t.scope !== undefined ? { scope: t.scope } : {}),
    });
    return;
  }
  // The token alone, for TOKEN=$(cogctl auth client-credentials ...).
  ctx.io.stdout.write(`${t.accessToken}\n`);
}
