// The one place results and messages leave a command: results go to stdout through
// normalize → --query → format; messages for people go to stderr, and only where someone sees them.
import { fitWidth, type IO } from "../io/io.js";
import { formatResult, formatYamlStreamPage } from "./format.js";
import { formatText } from "./format-text.js";
import { normalizeForOutput } from "./normalize.js";
import { applyQuery, validateQuery } from "./query.js";
import type { OutputFormat, Printer } from "./types.js";

export interface PrinterOptions {
  output: OutputFormat;
  query?: string;
  debug: boolean;
}

/** True for the formats the AWS CLI prints page by page instead of merging all pages first. */
export function streamsPages(format: OutputFormat): boolean {
  return format === "text" || format === "yaml-stream";
}

/**
 * Builds the printer. A --query is checked here, so a bad expression fails (exit 252) before any
 * request is sent. Heavy libraries load only when the chosen format or the query needs them.
 */
export function createPrinter(io: IO, opts: PrinterOptions): Printer {
  if (opts.query !== undefined) validateQuery(opts.query);

  const prepare = (data: unknown) => {
    const normalized = normalizeForOutput(data);
    return opts.query === undefined ? normalized : applyQuery(normalized, opts.query);
  };
  const writeOut = (text: string) => {
    if (text !== "") io.stdout.write(text);
  };
  const writeErr = (message: string) => io.stderr.write(message.endsWith("\n") ? message : `${message}\n`);

  const format = (value: unknown, title: string | undefined) =>
    formatResult(value, opts.output, { color: io.color, columns: fitWidth(io.stdout), title });

  return {
    result(data, resultOpts) {
      writeOut(format(prepare(data), resultOpts?.title));
    },
    page(data, pageOpts) {
      const value = prepare(data);
      if (opts.output === "text") writeOut(formatText(value));
      else if (opts.output === "yaml-stream") writeOut(formatYamlStreamPage(value));
      else writeOut(format(value, pageOpts?.title));
    },
    done(message) {
      if (io.stderr.isTTY) writeErr(message);
    },
    info(message) {
      if (io.stderr.isTTY) writeErr(message);
    },
    warn(message) {
      writeErr(message);
    },
    debug(message) {
      if (opts.debug) writeErr(message);
    },
  };
}
