// The AWS CLI's global options (plus cogctl's --local), in one table used three ways: to scan argv
// before commander runs (so only the invoked command is built), to declare commander options, and
// to list them in help and shell completion.

import type { Command } from "commander";
import { Option } from "commander";
import type { GlobalOptions } from "../kernel/context.js";
import { UsageError } from "../kernel/errors.js";
import type { ColorMode } from "../kernel/io/io.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../kernel/output/types.js";

export interface GlobalOptionSpec {
  flag: string;
  /** Placeholder for a value, or undefined for a switch. */
  value?: string;
  description: string;
  choices?: readonly string[];
}

export const GLOBAL_OPTIONS: GlobalOptionSpec[] = [
  {
    flag: "--profile",
    value: "name",
    description: "Use a profile from the shared config and credentials files",
  },
  { flag: "--region", value: "region", description: "The AWS Region to send requests to" },
  {
    flag: "--endpoint-url",
    value: "url",
    description: "Send requests to this endpoint (moto, cognito-local, LocalStack ...)",
  },
  { flag: "--local", description: "Use cogctl's embedded endpoint in process (no server, no AWS account)" },
  { flag: "--output", value: "format", description: "Output format", choices: OUTPUT_FORMATS },
  {
    flag: "--query",
    value: "jmespath",
    description: "A JMESPath query applied to the result before formatting",
  },
  { flag: "--no-paginate", description: "Make one call only; do not follow pagination tokens" },
  { flag: "--page-size", value: "n", description: "Items requested per call while paginating" },
  {
    flag: "--max-items",
    value: "n",
    description: "Total items to return; prints a NextToken to resume from",
  },
  {
    flag: "--starting-token",
    value: "token",
    description: "Resume from the NextToken of an earlier --max-items run",
  },
  { flag: "--debug", description: "Trace requests and responses on stderr (secrets redacted)" },
  { flag: "--color", value: "on|off|auto", description: "Colour output", choices: ["on", "off", "auto"] },
  { flag: "--cli-read-timeout", value: "seconds", description: "Socket read timeout in seconds (0 = none)" },
  {
    flag: "--cli-connect-timeout",
    value: "seconds",
    description: "Socket connect timeout in seconds (0 = none)",
  },
  { flag: "--no-cli-pager", description: "Print help directly instead of through the pager" },
];

const VALUE_FLAGS = new Set(GLOBAL_OPTIONS.filter((o) => o.value).map((o) => o.flag));

/**
 * The command words in argv (operation name, or noun + verb of a hand-written command), found
 * without knowing the command's own options: every token that is not an option or the value of a
 * global option. Options of the command itself may carry values that look like words, so callers
 * take only as many words as they need.
 */
export function scanCommandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      if (VALUE_FLAGS.has(arg)) i++;
      else if (words.length > 0) break; // the command's own options start here
      continue;
    }
    words.push(arg);
  }
  return words;
}

export function addGlobalOptions(cmd: Command): void {
  for (const spec of GLOBAL_OPTIONS) {
    const opt = new Option(
      spec.value ? `${spec.flag} <${spec.value.replace(/[<>]/g, "")}>` : spec.flag,
      spec.description,
    );
    if (spec.choices) opt.choices(spec.choices as string[]);
    cmd.addOption(opt);
  }
}

function positiveInt(flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`${flag} expects a whole number greater than 0, got '${String(raw)}'.`);
  }
  return n;
}

/** --output also accepts the invoked command's own formats (`apply --output env`); commander checks choices while parsing. */
export function allowCommandOutputs(program: Command, formats: readonly string[]): void {
  program.options.find((o) => o.long === "--output")?.choices([...OUTPUT_FORMATS, ...formats]);
}

/** Merges commander's parsed values with the environment, as the AWS CLI does. */
export function resolveGlobals(
  raw: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  profileSettings: Readonly<Record<string, string | undefined>> = {},
  /** Formats the invoked command adds for --output itself (`apply --output env`); never from the environment. */
  commandFormats: readonly string[] = [],
): GlobalOptions {
  const outputRaw = (raw.output as string | undefined) ?? env.AWS_DEFAULT_OUTPUT ?? profileSettings.output;
  const valid = [...OUTPUT_FORMATS, ...(raw.output ? commandFormats : [])];
  if (outputRaw !== undefined && !valid.includes(outputRaw)) {
    throw new UsageError(
      `Unknown output format '${outputRaw}' (from ${raw.output ? "--output" : "AWS_DEFAULT_OUTPUT or the profile"}). Valid formats: ${valid.join(", ")}.`,
    );
  }
  const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v);
  const local = Boolean(raw.local) || truthy(env.COGCTL_LOCAL) || truthy(profileSettings.cogctl_local);
  checkEndpointUrl(raw, env, profileSettings, local);
  return {
    profile: raw.profile as string | undefined,
    region: raw.region as string | undefined,
    endpointUrl: raw.endpointUrl as string | undefined,
    output: (outputRaw as OutputFormat | undefined) ?? "json",
    outputExplicit: outputRaw !== undefined,
    query: raw.query as string | undefined,
    paginate: raw.paginate !== false,
    pageSize: positiveInt("--page-size", raw.pageSize),
    maxItems: positiveInt("--max-items", raw.maxItems),
    startingToken: raw.startingToken as string | undefined,
    debug: Boolean(raw.debug),
    color: ((raw.color as string | undefined) ?? "auto") as ColorMode,
    local,
    readTimeoutMs: secondsToMs("--cli-read-timeout", raw.cliReadTimeout),
    connectTimeoutMs: secondsToMs("--cli-connect-timeout", raw.cliConnectTimeout),
  };
}

function secondsToMs(flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`${flag} expects a number of seconds (0 for none), got '${String(raw)}'.`);
  return n * 1000;
}

const ENDPOINT_FORM = "Must be of the form http://<hostname>[:<port>]/ or https://<hostname>[:<port>]/.";

/** Why `value` cannot be an endpoint URL, or undefined when it can. */
export function endpointUrlProblem(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return "scheme is missing";
  const scheme = value.slice(0, value.indexOf(":")).toLowerCase();
  if (scheme !== "http" && scheme !== "https") return `scheme ${scheme} is not http or https`;
  if (/^[^:]+:\/\/(?:[/?#:]|$)/.test(value)) return "hostname is missing";
  const port = /^[^:]+:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/.exec(value)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return `port ${port} is not between 1 and 65535`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "it is not a valid URL (a space or a character that needs %-encoding?)";
  }
  if (!url.hostname) return "hostname is missing";
  return undefined;
}

/**
 * Refuses a malformed endpoint URL (exit 252) before any region or credential lookup: the one the
 * SDK would use, in its order (--endpoint-url, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
 * AWS_ENDPOINT_URL, the profile's endpoint_url). The SDK would otherwise fail later with a bare
 * "Invalid URL" or a region error. The environment and profile are not used by --local.
 */
function checkEndpointUrl(
  raw: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  profileSettings: Readonly<Record<string, string | undefined>>,
  local: boolean,
): void {
  const ignoreConfigured = /^true$/i.test(
    env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? profileSettings.ignore_configured_endpoint_urls ?? "",
  );
  const profile = (raw.profile as string | undefined) ?? env.AWS_PROFILE ?? "default";
  const candidates: [string, string | undefined][] = [
    ["--endpoint-url", raw.endpointUrl as string | undefined],
  ];
  if (!local && !ignoreConfigured) {
    candidates.push(
      ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER],
      ["AWS_ENDPOINT_URL", env.AWS_ENDPOINT_URL],
      [`endpoint_url in profile ${profile}`, profileSettings.endpoint_url],
    );
  }
  const used = candidates.find(([, value]) => value !== undefined && value !== "");
  if (!used) return;
  const [source, value] = used as [string, string];
  const problem = endpointUrlProblem(value);
  if (problem) throw new UsageError(`Bad value for ${source} "${value}": ${problem}. ${ENDPOINT_FORM}`);
}
