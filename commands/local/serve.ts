// cogctl local serve: the embedded user-pools endpoint over HTTP until SIGINT/SIGTERM.
import { collect } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";
import type { Context } from "../../src/kernel/context.js";
import { UsageError } from "../../src/kernel/errors.js";
import { untilInterrupted } from "../../src/kernel/io/signals.js";

export interface ServeOptions {
  host: string;
  port: string;
  dataDir?: string;
  inMemory?: boolean;
  logLevel: string;
  publicUrl?: string;
  corsOrigin?: string[];
  /** `--quotas` alone is true (Cognito's default quotas); with a value, the categories it overrides. */
  quotas?: string | boolean;
  faults?: string;
  /** Stack files applied to the endpoint once it listens (repeatable). */
  apply?: string[];
}

const LEVELS = ["silent", "error", "warn", "info", "debug"] as const;

export async function serve(
  opts: ServeOptions,
  ctx: Context,
  until: Promise<void> = untilInterrupted(),
): Promise<number> {
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || port > 65535) {
    throw new UsageError(
      `--port must be a number from 0 to 65535 (0 picks a free port); got '${opts.port}'.`,
    );
  }
  if (opts.dataDir && opts.inMemory) throw new UsageError("Use either --data-dir or --in-memory, not both.");
  const level = opts.logLevel as (typeof LEVELS)[number];
  if (!LEVELS.includes(level))
    throw new UsageError(`--log-level must be one of ${LEVELS.join(", ")}; got '${opts.logLevel}'.`);
  if (opts.publicUrl !== undefined) checkPublicUrl(opts.publicUrl);
  const [{ LocalEndpoint }, { startServer, canonicalOrigin, isWildcardHost }] = await Promise.all([
    import("../../src/local/endpoint.js"),
    import("../../src/local/server.js"),
  ]);
  for (const origin of opts.corsOrigin ?? []) {
    if (!canonicalOrigin(origin)) {
      throw new UsageError(
        `--cors-origin must be a browser origin, scheme://host[:port] with http or https and no path; got '${origin}'.`,
      );
    }
  }
  // Read and checked before anything starts: a bad stack file is exit 252, not a half-seeded endpoint.
  const stacks = opts.apply?.length
    ? await import("../../src/kernel/stack/loader.js").then(({ loadStack }) =>
        (opts.apply ?? []).map((f) => loadStack(f, ctx.io.env)),
      )
    : [];
  const region = ctx.globals.region ?? "us-east-1";
  const dataDir = opts.inMemory ? undefined : (opts.dataDir ?? ctx.paths.dataDir);

  const write = (line: string) => ctx.io.stderr.write(`${line}\n`);
  const endpoint = await LocalEndpoint.open({
    region,
    dataDir,
    inMemory: opts.inMemory,
    log: (lvl, message) => {
      if (LEVELS.indexOf(level) >= LEVELS.indexOf(lvl)) write(`[${lvl}] ${message}`);
    },
    limits: limitSettings(opts, ctx.io.env),
  });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      host: opts.host,
      port,
      endpoint,
      log: { level, write },
      publicUrl: opts.publicUrl,
      corsOrigins: opts.corsOrigin,
    });
  } catch (err) {
    endpoint.close();
    if ((err as { code?: string }).code === "EADDRINUSE") {
      throw new UsageError(
        `Port ${port} on ${opts.host} is already in use; choose another with --port (0 picks a free one).`,
      );
    }
    if ((err as { code?: string }).code === "EADDRNOTAVAIL") {
      throw new UsageError(`Cannot listen on --host ${opts.host}: no such local address.`);
    }
    throw err;
  }
  if (!["127.0.0.1", "localhost", "::1"].includes(opts.host)) {
    // The server accepts as Host only these names (DNS rebinding): say so, or LAN clients are puzzled.
    const names = ["a loopback name"];
    if (!isWildcardHost(opts.host)) names.push(opts.host);
    if (opts.publicUrl) names.push(new URL(opts.publicUrl).hostname);
    ctx.printer.warn(
      `Listening on ${opts.host}: other machines can reach this endpoint, and it checks no credentials. Requests must name ${names.join(" or ")} as Host; give the name clients use with --public-url.`,
    );
  }
  // Always said (stderr): an endpoint that throttles or fails on purpose must not pass for a broken one.
  for (const line of endpoint.limitsNotice()) ctx.printer.warn(line);
  if (stacks.length > 0) {
    const { seedEndpoint } = await import("../../src/kernel/stack/seed.js");
    try {
      await seedEndpoint(ctx, endpoint, region, stacks);
    } catch (err) {
      await server.close();
      endpoint.close();
      throw err;
    }
  }
  ctx.io.stdout.write(`${server.url}\n`);
  ctx.printer.info(
    `cogctl local endpoint (${region}) on ${server.url}, data: ${dataDir ?? "in memory"}. Ctrl-C to stop.`,
  );
  // Where each pool domain's managed login and /oauth2/* are served (domains made later: `local status`).
  const { domainUrl } = await import("../../src/local/services/domains.js");
  const served = opts.publicUrl ? opts.publicUrl.replace(/\/$/, "") : server.url;
  const domains = endpoint.services.db
    .prepare("SELECT domain, pool_id AS poolId FROM domains ORDER BY domain")
    .all() as { domain: string; poolId: string }[];
  for (const d of domains)
    ctx.printer.info(`pool domain ${d.domain} (${d.poolId}): ${domainUrl(served, d.domain)}/login`);
  // One log line per email/SMS the endpoint "sends" (never the code: `cogctl local messages` shows it).
  const feed = await import("../../src/local/signin/outbox-feed.js");
  const db = endpoint.services.db;
  const outboxLog =
    LEVELS.indexOf(level) >= LEVELS.indexOf("info")
      ? feed.followOutbox(
          db,
          { afterId: feed.lastOutboxId(db) },
          (m) => write(`[info] ${feed.outboxLogLine(m)}`),
          until,
        )
      : undefined;
  await until;
  await outboxLog;
  await server.close();
  endpoint.close();
  ctx.printer.info("Stopped.");
  return 0;
}

/** The flags as written, else COGCTL_LOCAL_QUOTAS / COGCTL_LOCAL_FAULTS; the endpoint parses them. */
function limitSettings(opts: ServeOptions, env: Readonly<Record<string, string | undefined>>) {
  const quotasFlag = opts.quotas === true ? "default" : opts.quotas || undefined;
  return {
    quotas: quotasFlag ?? env.COGCTL_LOCAL_QUOTAS,
    quotasSource: quotasFlag === undefined ? "COGCTL_LOCAL_QUOTAS" : "--quotas",
    faults: opts.faults ?? env.COGCTL_LOCAL_FAULTS,
    faultsSource: opts.faults === undefined ? "COGCTL_LOCAL_FAULTS" : "--faults",
  };
}

/** The address clients are told to use: an http(s) URL of a server root (the routes live at /). */
function checkPublicUrl(value: string): void {
  let u: URL | undefined;
  try {
    u = new URL(value);
  } catch {
    u = undefined;
  }
  if (
    !u ||
    (u.protocol !== "http:" && u.protocol !== "https:") ||
    u.username ||
    u.password ||
    u.pathname !== "/" ||
    u.search ||
    u.hash
  ) {
    throw new UsageError(
      `--public-url must be an http(s) URL with no path, like http://cognito.test:9229; got '${value}'.`,
    );
  }
}

export default defineCommand<ServeOptions>({
  name: "local serve",
  summary: "Run the embedded user-pools endpoint over HTTP",
  description:
    "Serves the Cognito user-pools API (AWS JSON 1.1) so the AWS CLI, SDKs, boto3 and cogctl --endpoint-url can use it. Prints its URL; stops on Ctrl-C.",
  examples: [
    {
      summary: "Serve on the default port for the AWS CLI, SDKs and cogctl --endpoint-url",
      args: ["local", "serve"],
    },
    {
      summary: "Serve on a free port, keeping nothing once it stops",
      args: ["local", "serve", "--port", "0", "--in-memory"],
    },
    {
      summary: "Serve with the pools of a stack file ready (created once, left alone on later starts)",
      args: ["local", "serve", "--apply", "stack.yaml"],
    },
    {
      summary: "Throttle as Cognito does (TooManyRequestsException past each category's default quota)",
      args: ["local", "serve", "--quotas"],
    },
    {
      summary: "Allow 5 user creations and 10 listings a second, other categories at their defaults",
      args: ["local", "serve", "--quotas", "UserCreation=5,UserList=10"],
    },
    {
      summary: "Throttle 5%, fail 2% with a 500 and drop 1% of connections, the same way on every run",
      args: ["local", "serve", "--faults", "throttle=0.05,error=0.02,reset=0.01,seed=7"],
    },
  ],
  configure(cmd) {
    cmd
      .option("--host <host>", "address to listen on (loopback unless you say otherwise)", "127.0.0.1")
      .option("--port <port>", "port to listen on; 0 picks a free one", "9229")
      .option("--data-dir <dir>", "directory for the SQLite database (default: the cogctl data directory)")
      .option(
        "--in-memory",
        "keep nothing once it stops (SQLite's private database: pages beyond a 16 MB cache go to a temporary file unlinked at once)",
      )
      .option("--log-level <level>", `request log on stderr: ${LEVELS.join(", ")}`, "info")
      .option(
        "--public-url <url>",
        "the URL clients reach this endpoint at (proxy, container name): used in presigned URLs and token issuers, and accepted as Host",
      )
      .option(
        "--cors-origin <origin>",
        "a browser origin allowed to call the endpoint besides local ones, e.g. https://app.example.test (repeatable)",
        collect,
      )
      .option(
        "--apply <stack>",
        "apply a stack file (as `cogctl apply -f`) once the endpoint is up, before printing its URL; idempotent over a kept --data-dir (repeatable)",
        collect,
      )
      .option(
        "--quotas [categories]",
        "throttle Cognito operations past Cognito's request quotas per category, for the whole endpoint, with TooManyRequestsException (400, as Cognito); alone: the default quotas; Category=N,... overrides some (UserCreation=20,UserList=10; 0 refuses all). Default: COGCTL_LOCAL_QUOTAS, else off",
      )
      .option(
        "--faults <spec>",
        "inject faults on Cognito operations: throttle=P,error=P,reset=P[,after=P][,seed=N], each P a probability per request. throttle: TooManyRequestsException before the operation; error: InternalErrorException (500); reset: the connection dropped without an answer. A share 'after' (default 0.5) of errors and resets comes AFTER the operation was applied. Request n gets the same fault for the same seed (default: a random seed, printed). Default: COGCTL_LOCAL_FAULTS, else off",
      );
  },
  run: (opts, _args, ctx) => serve(opts, ctx),
});
