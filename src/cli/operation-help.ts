// Help text from the catalog: `cogctl <operation> help` (laid out like the AWS CLI's: NAME,
// DESCRIPTION, SYNOPSIS, OPTIONS with syntax examples, OUTPUT) and the grouped operation list of
// `cogctl --help`. Pure functions of the catalog and a width, so they are cheap to test.
import { Chalk } from "chalk";
import type { CatalogIndex, Operation, Shape } from "../cognito/catalog.js";
import { toFlagName } from "../cognito/names.js";
import { acceptsShorthand, jsonExample, shorthandExample } from "./args/examples.js";
import { type FlagSpec, flagsFor } from "./args/flags.js";
import { MIN_HELP_WIDTH, renderExamples, twoColumns, wrap, wrapShorthand } from "./help-layout.js";
import { OPERATION_EXAMPLES } from "./usage-examples.js";

export interface HelpOptions {
  width: number;
  color: boolean;
}

const INDENT = "  ";

function typeLabel(shape: Shape): string {
  return shape.type === "long" ? "long" : shape.type;
}

/**
 * Members the paginator drives; the AWS CLI shows --starting-token/--page-size instead. A required
 * one (ListUserPools' MaxResults) stays visible, since the call cannot be made without it.
 */
function paginationMembers(op: Operation): Set<string> {
  const p = op.paginator;
  const members = p ? [p.inputToken, ...(p.limitKey ? [p.limitKey] : [])] : [];
  return new Set(members.filter((m) => !op.input.required.includes(m)));
}

function synopsisEntry(spec: FlagSpec): string {
  const body =
    spec.kind === "boolean"
      ? `${spec.flag} | --no-${spec.flag.slice(2)}`
      : `${spec.flag} <value>${spec.variadic ? " [<value>...]" : ""}`;
  return spec.required ? body : `[${body}]`;
}

function enumValues(shape: Shape): string[] | undefined {
  if (shape.type === "string") return shape.enum;
  if (shape.type === "list" && shape.member.type === "string") return shape.member.enum;
  return undefined;
}

export function renderOperationHelp(op: Operation, opts: HelpOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const width = Math.max(MIN_HELP_WIDTH, opts.width);
  const lines: string[] = [];
  const heading = (t: string) => {
    if (lines.length > 0) lines.push("");
    lines.push(c.bold(t));
  };
  const paragraph = (text: string, indent: string) => lines.push(...wrap(text, width, indent));
  /** A wrapped line whose named parts are styled after wrapping (none of them holds a space). */
  const styledLine = (text: string, indent: string, styles: [string, (s: string) => string][]) => {
    const byWord = new Map(styles);
    for (const line of wrap(text, width, indent))
      lines.push(line.replace(/\S+/g, (word) => byWord.get(word)?.(word) ?? word));
  };

  heading("NAME");
  styledLine(`${op.cliName} - ${op.summary}`, INDENT, [[op.cliName, c.bold]]);

  heading("DESCRIPTION");
  paragraph(op.doc || op.summary, INDENT);

  const hidden = paginationMembers(op);
  const specs = flagsFor(op).filter((s) => !hidden.has(s.member));

  heading("SYNOPSIS");
  lines.push(`${INDENT}cogctl ${op.cliName}`);
  const entries = [
    ...specs.map(synopsisEntry),
    "[--cli-input-json <value> | --cli-input-yaml <value>]",
    ...(op.paginator ? ["[--starting-token <value>]", "[--page-size <value>]", "[--max-items <value>]"] : []),
    "[--generate-cli-skeleton <value>]",
  ];
  for (const e of entries) paragraph(e, `${INDENT}${INDENT}`);

  heading("OPTIONS");
  const sub = INDENT + INDENT;
  const subsub = sub + INDENT;
  if (specs.length === 0) lines.push(`${INDENT}None`);
  for (const spec of specs) {
    lines.push("");
    styledLine(`${spec.flag} (${typeLabel(spec.shape)})${spec.required ? " [required]" : ""}`, INDENT, [
      [spec.flag, c.bold],
      ["[required]", c.yellow],
    ]);
    if (spec.doc) paragraph(spec.doc, sub);
    const values = enumValues(spec.shape);
    if (values) {
      lines.push("", `${sub}Possible values:`);
      for (const v of values) lines.push(`${subsub}- ${v}`);
    }
    if (spec.kind === "boolean") lines.push("", `${sub}Turn off with --no-${spec.flag.slice(2)}.`);
    if (spec.kind === "string-list") {
      const item = spec.shape.type === "list" ? typeLabel(spec.shape.member) : "string";
      lines.push("", `${sub}Syntax:`, `${subsub}"${item}" "${item}" ...`);
    }
    if (spec.kind === "blob")
      lines.push("", `${sub}Give base64 text, or fileb://path to read the bytes of a file.`);
    if (spec.kind === "timestamp") lines.push("", `${sub}ISO 8601 (2024-01-31T12:00:00Z) or epoch seconds.`);
    if (spec.kind === "complex") {
      if (acceptsShorthand(spec.shape)) {
        lines.push("", `${sub}Shorthand Syntax:`);
        lines.push(...wrapShorthand(shorthandExample(spec.shape), width, subsub));
      }
      lines.push("", `${sub}JSON Syntax:`);
      for (const l of jsonExample(spec.shape).split("\n")) lines.push(`${subsub}${l}`);
    }
  }
  lines.push("");
  styledLine("--cli-input-json | --cli-input-yaml (string)", INDENT, [
    ["--cli-input-json", c.bold],
    ["--cli-input-yaml", c.bold],
  ]);
  lines.push(
    ...wrap(
      "Reads the parameters from JSON or YAML text (or file://path); keys are the member names shown by --generate-cli-skeleton. Flags given on the command line win.",
      width,
      sub,
    ),
  );
  lines.push("");
  styledLine("--generate-cli-skeleton (string)", INDENT, [["--generate-cli-skeleton", c.bold]]);
  lines.push(
    ...wrap(
      "Prints a template instead of calling the service: input (JSON, default), yaml-input or output.",
      width,
      sub,
    ),
  );
  if (op.paginator) {
    lines.push(
      "",
      ...wrap(
        `This operation is paginated: cogctl fetches every page unless you give --no-paginate; --page-size, --max-items and --starting-token control the pages (they replace ${[...hidden].map(toFlagName).join(" and ")}).`,
        width,
        INDENT,
      ),
    );
  }

  heading("GLOBAL OPTIONS");
  lines.push(`${INDENT}See 'cogctl --help'.`);

  const examples = OPERATION_EXAMPLES[op.cliName];
  if (examples) {
    heading("EXAMPLES");
    lines.push(...renderExamples(examples, width, INDENT));
  }

  heading("OUTPUT");
  const outMembers = Object.entries(op.output.members);
  if (outMembers.length === 0) lines.push(`${INDENT}None`);
  for (const [name, m] of outMembers) {
    lines.push("");
    styledLine(`${name} -> (${typeLabel(m.shape)})`, INDENT, [[name, c.bold]]);
    if (m.doc) paragraph(m.doc, sub);
  }
  return `${lines.join("\n")}\n`;
}

export function renderOperationList(index: CatalogIndex, opts: HelpOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const groups = new Map<string, CatalogIndex["operations"]>();
  for (const g of index.groups ?? []) groups.set(g, []);
  for (const o of index.operations) {
    if (!groups.has(o.group)) groups.set(o.group, []);
    groups.get(o.group)!.push(o);
  }
  // One column for every group, so the list reads as one table.
  const names = index.operations.map((o) => o.cliName);
  const width = Math.max(MIN_HELP_WIDTH, opts.width);
  const lines: string[] = [];
  for (const [group, ops] of groups) {
    if (ops.length === 0) continue;
    if (lines.length > 0) lines.push("");
    lines.push(c.bold(`${group[0]!.toUpperCase()}${group.slice(1)} operations:`));
    const rows = [...ops]
      .sort((a, b) => a.cliName.localeCompare(b.cliName))
      .map((o) => [o.cliName, o.summary] as const);
    lines.push(...twoColumns(rows, { width, indent: INDENT, style: c.cyan, align: names }));
  }
  return `${lines.join("\n")}\n`;
}
