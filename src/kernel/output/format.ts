// One entry point from an already normalized (and queried) value to the text for stdout.
import { formatJson } from "./format-json.js";
import { formatTable } from "./format-table.js";
import { formatText } from "./format-text.js";
import { formatYaml, formatYamlStream } from "./format-yaml.js";
import { loadChalk } from "./lazy-modules.js";
import type { OutputFormat } from "./types.js";

export { formatYamlStreamPage } from "./format-yaml.js";

export interface FormatOptions {
  /** Colour is used by json and table only, and only when true. */
  color: boolean;
  /** The width a table must fit: a terminal's; undefined in a pipe or file (nothing is narrowed). */
  columns: number | undefined;
  /** Operation name shown as the table's title. */
  title?: string;
}

/** The full stdout text for one result (with its trailing newline), or "" when nothing is printed. */
export function formatResult(data: unknown, format: OutputFormat, opts: FormatOptions): string {
  switch (format) {
    case "json":
      return formatJson(data, opts.color ? loadChalk() : undefined);
    case "text":
      return formatText(data);
    case "yaml":
      return formatYaml(data);
    case "yaml-stream":
      return formatYamlStream(data);
    case "table":
      return formatTable(data, opts);
  }
}
