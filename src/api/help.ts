// Help text from the catalog: `cogctl <operation> help` (laid out like the AWS CLI's: NAME,
// DESCRIPTION, SYNOPSIS, OPTIONS with syntax examples, OUTPUT) and the grouped operation list of
// `cogctl --help`. Pure functions of the catalog and a width, so they are cheap to test.
import { Chalk } from "chalk";
import { acceptsShorthand, jsonExample, shorthandExample } from "./args/examples.js";
import { type FlagSpec, flagsFor } from "./args/flags.js";
import type { CatalogIndex, Operation, Shape } from "./catalog.js";
import { toFlagName } from "./names.js";

export interface HelpOptions {
  width: number;
  color: boolean;
}

const INDENT = "  ";

/**
 * Word-wraps plain text to a width. Hand-written: the text has no ANSI codes (colour is applied
 * after wrapping) and needs only a hanging indent for "- " bullets, which is a few lines here.
 */
export function wrap(text: string, width: number, indent = ""): string[] {
  const out: string[] = [];
  for (const rawLine of text.split("\n")) {
    if (rawLine.trim() === "") {
      out.push("");
      continue;
    }
    const lead = /^(\s*)(- )?/.exec(rawLine)!;
    const first = indent + lead[0];
    const hang = indent + lead[1] + (lead[2] ? "  " : "");
    const words = rawLine.slice(lead[0].length).split(/\s+/).filter(Boolean);
    let line = first;
    let empty = true;
    for (const w of words) {
      if (!empty && line.length + 1 + w.length > width) {
        out.push(line);
        line = hang + w;
      } else {
        line += (empty ? "" : " ") + w;
      }
      empty = false;
    }
    out.push(line);
  }
  return out;
}

function typeLabel(shape: Shape): string {
  return shape.type === "long" ? "long" : shape.type;
}

function truncate(s: string, max: number): string {
  if (max <= 1) return "";
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
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
  const width = Math.max(40, opts.width);
  const lines: string[] = [];
  const heading = (t: string) => {
    if (lines.length > 0) lines.push("");
    lines.push(c.bold(t));
  };
  const paragraph = (text: string, indent: string) => lines.push(...wrap(text, width, indent));

  heading("NAME");
  lines.push(`${INDENT}${c.bold(op.cliName)} - ${op.summary}`);

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
  for (const e of entries) lines.push(`${INDENT}${INDENT}${e}`);

  heading("OPTIONS");
  const sub = INDENT + INDENT;
  const subsub = sub + INDENT;
  if (specs.length === 0) lines.push(`${INDENT}None`);
  for (const spec of specs) {
    lines.push("");
    lines.push(
      `${INDENT}${c.bold(spec.flag)} (${typeLabel(spec.shape)})${spec.required ? c.yellow(" [required]") : ""}`,
    );
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
        for (const l of wrap(shorthandExample(spec.shape), width, subsub)) lines.push(l);
      }
      lines.push("", `${sub}JSON Syntax:`);
      for (const l of jsonExample(spec.shape).split("\n")) lines.push(`${subsub}${l}`);
    }
  }
  lines.push("");
  lines.push(
    `${INDENT}${c.bold("--cli-input-json")} | ${c.bold("--cli-input-yaml")} (string)`,
    ...wrap(
      "Reads the parameters from JSON or YAML text (or file://path); keys are the member names shown by --generate-cli-skeleton. Flags given on the command line win.",
      width,
      sub,
    ),
  );
  lines.push(
    "",
    `${INDENT}${c.bold("--generate-cli-skeleton")} (string)`,
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

  heading("OUTPUT");
  const outMembers = Object.entries(op.output.members);
  if (outMembers.length === 0) lines.push(`${INDENT}None`);
  for (const [name, m] of outMembers) {
    lines.push("", `${INDENT}${c.bold(name)} -> (${typeLabel(m.shape)})`);
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
  const nameWidth = Math.max(...index.operations.map((o) => o.cliName.length));
  const lines: string[] = [];
  for (const [group, ops] of groups) {
    if (ops.length === 0) continue;
    if (lines.length > 0) lines.push("");
    lines.push(c.bold(`${group[0]!.toUpperCase()}${group.slice(1)} operations:`));
    for (const o of [...ops].sort((a, b) => a.cliName.localeCompare(b.cliName))) {
      const prefix = `${INDENT}${o.cliName.padEnd(nameWidth)}  `;
      const summary = truncate(o.summary, opts.width - prefix.length);
      lines.push(`${INDENT}${c.cyan(o.cliName.padEnd(nameWidth))}  ${summary}`.trimEnd());
    }
  }
  return `${lines.join("\n")}\n`;
}
