// --query: a JMESPath expression applied to the normalized result before formatting, as the AWS CLI.
// The `jmespath` package reports syntax errors without a position, so the position is found here
// by re-parsing prefixes of the expression (only on the error path, where the cost is irrelevant).
import { UsageError } from "../errors.js";
import { type JmesPathModule, loadJmesPath } from "./lazy-modules.js";

const HINT =
  "Fix the expression (syntax: https://jmespath.org/specification.html) and put it in single quotes so the shell leaves it alone.";

/** Checks the expression's syntax; throws a UsageError (exit 252) pointing at the mistake. */
export function validateQuery(expression: string): void {
  const jmespath = loadJmesPath();
  const failure = syntaxFailure(jmespath, expression);
  if (failure) throw queryError(expression, failure.message, failure.position);
}

/** Applies a JMESPath expression; a bad expression or a type error while evaluating is a UsageError. */
export function applyQuery(data: unknown, expression: string): unknown {
  validateQuery(expression);
  try {
    return fromQueryView(loadJmesPath().search(toQueryView(data), expression));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(`Bad value for --query ${expression}: ${message}\n${HINT}`);
  }
}

// The jmespath package reads a field as `value[name]`, so `--query constructor` or `toString`
// found Object.prototype's members (and printed "undefined"). It runs here on a copy whose
// objects inherit only hasOwnProperty (the package calls it to test an object for emptiness), and
// anything inherited that still comes out (a function) is null: a missing key, as in the AWS CLI.
const QUERY_PROTO: object = Object.freeze(
  Object.create(null, { hasOwnProperty: { value: Object.prototype.hasOwnProperty } }),
);

function toQueryView(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toQueryView);
  if (value === null || typeof value !== "object") return value;
  const view = Object.create(QUERY_PROTO) as Record<string, unknown>;
  for (const [key, member] of Object.entries(value)) {
    Object.defineProperty(view, key, { value: toQueryView(member), enumerable: true, writable: true });
  }
  return view;
}

function fromQueryView(value: unknown): unknown {
  if (typeof value === "function") return null;
  if (Array.isArray(value)) return value.map(fromQueryView);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, fromQueryView(member)]));
}

interface SyntaxFailure {
  message: string;
  /** 0-based index of the offending character in the expression. */
  position: number;
}

function syntaxFailure(jmespath: JmesPathModule, expression: string): SyntaxFailure | undefined {
  if (expression.trim() === "") return { message: "the expression is empty", position: 0 };
  const error = compileError(jmespath, expression);
  if (!error) return undefined;
  let tokens: ReturnType<JmesPathModule["tokenize"]>;
  try {
    tokens = jmespath.tokenize(expression);
  } catch (lexError) {
    return { message: describe(lexError), position: lexerErrorPosition(jmespath, expression) };
  }
  return { message: describe(error), position: parserErrorPosition(jmespath, expression, tokens) };
}

function compileError(jmespath: JmesPathModule, expression: string): unknown {
  let ast: unknown;
  try {
    ast = jmespath.compile(expression);
  } catch (err) {
    return err ?? new Error("syntax error");
  }
  // The parser accepts a trailing dot ("Users[0].") and leaves a hole in the tree that crashes
  // the search later; treat it as the incomplete expression it is.
  return hasHole(ast) ? new Error("incomplete expression") : undefined;
}

function hasHole(node: unknown): boolean {
  if (node === null || typeof node !== "object") return false;
  const { type, children } = node as { type?: string; children?: unknown[] };
  if (!Array.isArray(children)) return false;
  // A slice's omitted start/stop/step are legitimately null.
  if (type !== "Slice" && children.some((child) => child === null || child === undefined)) return true;
  return children.some(hasHole);
}

/** The library's own parse messages; its internal crashes (TypeError on a trailing dot) become a plain message. */
function describe(err: unknown): string {
  if (err instanceof Error && /^(parser|lexer)error$/i.test(err.name)) return err.message;
  if (err instanceof SyntaxError) return `invalid JSON literal (${err.message})`;
  return "incomplete or invalid expression";
}

/** The first character whose inclusion makes the tokenizer fail. */
function lexerErrorPosition(jmespath: JmesPathModule, expression: string): number {
  for (let end = 1; end <= expression.length; end++) {
    try {
      jmespath.tokenize(expression.slice(0, end));
    } catch {
      return end - 1;
    }
  }
  return expression.length;
}

/**
 * The first token after which the parser fails for a reason other than running out of input.
 * When only "ran out of input" failures occur, the expression is incomplete: point at its end.
 */
function parserErrorPosition(
  jmespath: JmesPathModule,
  expression: string,
  tokens: ReturnType<JmesPathModule["tokenize"]>,
): number {
  for (let k = 0; k < tokens.length; k++) {
    const end = k + 1 < tokens.length ? tokens[k + 1].start : expression.length;
    const error = compileError(jmespath, expression.slice(0, end));
    if (error && !isEndOfInput(error)) return tokens[k].start;
  }
  return expression.length;
}

function isEndOfInput(err: unknown): boolean {
  if (!(err instanceof Error) || !/^(parser|lexer)error$/i.test(err.name)) return true;
  return /\bEOF\b/.test(err.message);
}

function queryError(expression: string, message: string, position: number): UsageError {
  const caret = `${" ".repeat(position + 1)}^`;
  return new UsageError(
    `Bad value for --query: ${message} at column ${position + 1} of the expression:\n  "${expression}"\n  ${caret}\n${HINT}`,
  );
}
