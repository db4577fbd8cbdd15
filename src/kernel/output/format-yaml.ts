// --output yaml and yaml-stream in AWS CLI v2's style (ruamel.yaml safe dumper, block style):
// keys sorted, sequences not indented under their key, single quotes only where a plain scalar
// would be read back as something else (numbers, booleans, null, timestamps, `: `), multi-line
// strings quoted rather than as block literals, long strings folded as the CLI folds them. A bare scalar (e.g. from --query) is printed as
// JSON on one line, as the CLI does, and an empty result `{}` prints nothing.
import { formatJsonScalar, isEmptyResult } from "./format-json.js";
import { loadYaml } from "./lazy-modules.js";
import { stringifyFoldedLikeAwsCli } from "./yaml-folding.js";

export function formatYaml(value: unknown): string {
  if (isEmptyResult(value)) return "";
  return dumpYaml(value);
}

/**
 * One page of `--output yaml-stream`. AWS CLI v2 dumps each page as a one-item list, so the
 * concatenated pages form a single YAML sequence that is readable as the pages arrive.
 */
export function formatYamlStreamPage(page: unknown): string {
  return dumpYaml([page]);
}

/** yaml-stream for one whole (non-paginated) result: nothing for `{}`, else one page. */
export function formatYamlStream(value: unknown): string {
  if (isEmptyResult(value)) return "";
  return formatYamlStreamPage(value);
}

function dumpYaml(value: unknown): string {
  if (value === null || value === undefined || typeof value !== "object") return formatJsonScalar(value);
  return stringifyFoldedLikeAwsCli(loadYaml(), value, {
    indentSeq: false,
    singleQuote: true,
    sortMapEntries: true,
    blockQuote: false,
    // YAML 1.2 core schema plus the timestamp type, as ruamel's resolver: a string that looks like a
    // date is quoted so YAML readers keep it a string.
    customTags: ["timestamp"],
  });
}
