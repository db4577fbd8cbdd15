// The SDK input for one operation: --cli-input-json / --cli-input-yaml first, flags on top (flags
// win, as in the AWS CLI), then every missing required member named with its flag, then every value
// outside the model's length and range constraints.
import { createRequire } from "node:module";
import { memberOf, type Operation } from "../../cognito/catalog.js";
import { UsageError } from "../../kernel/errors.js";
import { coerceStructure } from "../../kernel/input/coerce.js";
import { checkConstraints } from "../../kernel/input/constraints.js";
import { didYouMean } from "../../kernel/input/did-you-mean.js";
import { flagsFor } from "./flags.js";
import { JsonTextError, lineColumn, parseJsonText } from "./json-text.js";
import { expandParamText } from "./param-file.js";
import { parseFlagValue } from "./parse-flag-value.js";

export interface CliInput {
  /** --cli-input-json: JSON text or file://path. */
  json?: string;
  /** --cli-input-yaml: YAML text or file://path. */
  yaml?: string;
}

// yaml is needed only with --cli-input-yaml; load it on first use, synchronously, so other
// commands never pay for it.
const requireLazy = createRequire(import.meta.url);

function readCliInput(op: Operation, cliInput: CliInput): { flag: string; value: unknown } | undefined {
  if (cliInput.json !== undefined && cliInput.yaml !== undefined) {
    throw new UsageError("Use either --cli-input-json or --cli-input-yaml, not both.");
  }
  if (cliInput.json !== undefined) {
    const flag = "--cli-input-json";
    const source = expandParamText(cliInput.json, flag);
    try {
      return { flag, value: parseJsonText(source) };
    } catch (err) {
      if (!(err instanceof JsonTextError)) throw err;
      throw new UsageError(
        `Error parsing parameter '${flag}': Invalid JSON: ${err.message}. ` +
          `Run \`cogctl ${op.cliName} --generate-cli-skeleton\` for a valid template.`,
      );
    }
  }
  if (cliInput.yaml !== undefined) {
    const flag = "--cli-input-yaml";
    const source = expandParamText(cliInput.yaml, flag);
    const YAML = requireLazy("yaml") as typeof import("yaml");
    const doc = YAML.parseDocument(source, { prettyErrors: false });
    const first = doc.errors[0];
    if (first) {
      const { line, column } = lineColumn(source, first.pos[0]);
      const where = ` at line ${line}, column ${column}`;
      const reason = first.message.split("\n")[0]!;
      throw new UsageError(
        `Error parsing parameter '${flag}': Invalid YAML${where}: ${reason}. ` +
          `Run \`cogctl ${op.cliName} --generate-cli-skeleton yaml-input\` for a valid template.`,
      );
    }
    return { flag, value: doc.toJS() };
  }
  return undefined;
}

export function buildInput(
  op: Operation,
  flags: Record<string, unknown>,
  cliInput?: CliInput,
): Record<string, unknown> {
  const specs = flagsFor(op);
  const input: Record<string, unknown> = {};

  const fromFile = cliInput ? readCliInput(op, cliInput) : undefined;
  if (fromFile && fromFile.value !== null && fromFile.value !== undefined) {
    const { flag, value } = fromFile;
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new UsageError(
        `Error parsing parameter '${flag}': expected an object whose keys are ${op.name} parameters.`,
      );
    }
    const members = Object.keys(op.input.members);
    for (const key of Object.keys(value as object)) {
      if (!memberOf(op.input, key)) {
        throw new UsageError(
          `Error parsing parameter '${flag}': unknown parameter '${key}' for ${op.name}.${didYouMean(key, members)} ` +
            `Valid parameters: ${members.join(", ")}.`,
        );
      }
    }
    // YAML may produce Date objects and JSON numbers; both are typed as JSON values would be.
    Object.assign(
      input,
      coerceStructure(value, { ...op.input, required: [] }, "", { flag, source: "json" }, false, false),
    );
  }

  for (const [member, raw] of Object.entries(flags)) {
    if (raw === undefined) continue;
    const spec = specs.find((s) => s.member === member);
    if (!spec) throw new Error(`internal: ${op.name} has no member ${member}`);
    input[member] = parseFlagValue(spec, raw as string | string[] | boolean);
  }

  const missing = specs.filter((s) => s.required && input[s.member] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `the following arguments are required: ${missing.map((s) => s.flag).join(", ")} ` +
        `(give ${missing.length > 1 ? "them" : "it"} as flags or in --cli-input-json; see \`cogctl ${op.cliName} help\`).`,
    );
  }
  checkConstraints(input, op.input);
  return input;
}
