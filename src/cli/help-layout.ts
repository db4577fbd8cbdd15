// The layout shared by every help screen: word wrapping at the terminal width (a word is never cut;
// one longer than the line overflows), term/description columns with a hanging indent, and
// examples as copy-pastable shell command lines. Pure functions of text and a width.

/** The narrowest layout help is drawn for; narrower terminals get lines that wrap in the terminal. */
export const MIN_HELP_WIDTH = 40;

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

/**
 * Joins a paragraph's source lines into one, so that text written at the source's width wraps at
 * the terminal's instead of breaking at both. Blank lines, "- " bullets and indented lines (and
 * the line after one) keep a line of their own.
 */
export function reflow(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const last = out.length - 1;
    const joins =
      last >= 0 &&
      out[last].trim() !== "" &&
      !/^\s/.test(out[last]) &&
      line.trim() !== "" &&
      !/^\s/.test(line) &&
      !line.startsWith("- ");
    if (joins) out[last] += ` ${line}`;
    else out.push(line);
  }
  return out.join("\n");
}

/**
 * Wraps AWS shorthand syntax (`Name=string,Value=string {A=b}`), which has few spaces: lines break
 * after a comma or at a space, never inside a `Name=value`. Hand-written: word wrappers break at
 * spaces only.
 */
export function wrapShorthand(text: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let line = indent;
  for (const piece of text.split(/(?<=,)|(?= )/)) {
    if (line.length > indent.length && line.length + piece.length > width) {
      out.push(line);
      line = indent + piece.trimStart();
    } else {
      line += line.length > indent.length ? piece : piece.trimStart();
    }
  }
  out.push(line);
  return out;
}

export interface ColumnsOptions {
  width: number;
  indent?: string;
  /** Styles a term (colour, bold) after the layout is measured. */
  style?: (term: string) => string;
  /** Terms the column is chosen from, when several lists share one (default: these rows' terms). */
  align?: readonly string[];
}

const GAP = "  ";

/**
 * The column descriptions start at: just past the widest term, but never further than 40% of
 * the width (at most 48), so one long term does not squeeze every description.
 */
export function descriptionColumn(terms: readonly string[], width: number, indent = "  "): number {
  const cap = Math.min(48, Math.max(12, Math.floor(width * 0.4)));
  return indent.length + Math.min(cap, Math.max(0, ...terms.map((t) => t.length))) + GAP.length;
}

/**
 * Terms with their descriptions beside them, wrapped with a hanging indent. A term wider than the
 * column gets a line of its own, its description starting below it.
 */
export function twoColumns(rows: readonly (readonly [string, string])[], opts: ColumnsOptions): string[] {
  const indent = opts.indent ?? "  ";
  const style = opts.style ?? ((t: string) => t);
  const column = descriptionColumn(opts.align ?? rows.map(([t]) => t), opts.width, indent);
  const hang = " ".repeat(column);
  const out: string[] = [];
  for (const [term, text] of rows) {
    const lines = text.trim() ? wrap(text, opts.width, hang) : [];
    const own = indent.length + term.length + GAP.length > column;
    if (own || lines.length === 0) {
      out.push(`${indent}${style(term)}`);
      out.push(...lines);
      continue;
    }
    const pad = " ".repeat(column - indent.length - term.length);
    out.push(`${indent}${style(term)}${pad}${lines[0]!.slice(column)}`, ...lines.slice(1));
  }
  return out;
}

/**
 * Quotes one argument for a POSIX shell. Hand-written: no shell-quoting library is installed, and
 * single quotes (with '\'' for a quote inside) are the whole rule.
 */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * `cogctl <args>` as a shell command line; longer than the width, it continues with a backslash before a
 * flag (or between a list flag's values), so it still pastes as one command. A flag stays with its
 * first value.
 */
export function commandLine(args: readonly string[], width: number, indent: string): string[] {
  const hang = `${indent}  `;
  const units: string[][] = [];
  let flagWaitsForValue = false;
  for (const arg of args) {
    const quoted = shellQuote(arg);
    if (flagWaitsForValue && !arg.startsWith("-")) units[units.length - 1]!.push(quoted);
    else units.push([quoted]);
    flagWaitsForValue = arg.startsWith("-") && units[units.length - 1]!.length === 1;
  }
  // A flag and value too wide for any line are two units: the line breaks between them.
  const pieces = units.flatMap((u) => (hang.length + u.join(" ").length + 2 > width ? u : [u.join(" ")]));
  const lines: string[] = [];
  let line = `${indent}cogctl`;
  for (const piece of pieces) {
    // Room for the " \\" (space, backslash) that continues the line; the first piece always joins "cogctl".
    if (line.length + 1 + piece.length + 2 > width && line.trim() !== "cogctl") {
      lines.push(`${line} \\`);
      line = hang + piece;
    } else {
      line += ` ${piece}`;
    }
  }
  lines.push(line);
  return lines;
}

/** "Usage: " and a line that continues under its text, not under the label. */
export function labelled(label: string, text: string, width: number): string[] {
  const lines = wrap(text, width, " ".repeat(label.length));
  return [label + lines[0]!.slice(label.length), ...lines.slice(1)];
}

export interface UsageExample {
  /** What the example does, as a sentence. */
  summary: string;
  /** The arguments after `cogctl`, exactly as a shell passes them. */
  args: readonly string[];
}

/** Examples as "summary:" then the command line below it, separated by blank lines. */
export function renderExamples(examples: readonly UsageExample[], width: number, indent = "  "): string[] {
  const out: string[] = [];
  for (const e of examples) {
    if (out.length > 0) out.push("");
    out.push(...wrap(`${e.summary}:`, width, indent));
    out.push(...commandLine(e.args, width, `${indent}  `));
  }
  return out;
}
