// One import file's rules as the import job applies them (§8, §8b): the header, and each row → a
// user created RESET_REQUIRED with no password (SUCCEEDED), an existing username (SKIPPED), or a
// row that breaks a rule (FAILED, with a reason that holds no user data: it goes to CloudWatch Logs).
// Each row is checked by the shared rules of src/cognito/csv/ (the very rules `users validate`
// applies, so the CLI and the job agree), then as AdminCreateUser checks its request: the request
// model's Username and attribute patterns and lengths (validate.ts) and the pool's schema (schema.ts).
import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { importPoolFrom } from "../../cognito/csv/pool.js";
import { RowRules, type RuleProblem } from "../../cognito/csv/rules.js";
import {
  CSV_LIMITS,
  ESCAPED_COMMA_STAND_IN,
  protectEscapedCommas,
  restoreEscapedCommas,
  rowCharacters,
} from "../../cognito/csv-rules.js";
import { csvHeader } from "./csv-header.js";
import type { LocalServices } from "./index.js";
import type { Pool } from "./pools.js";
import { checkRequired, validateAttributes } from "./schema.js";

const { maxRowCharacters: MAX_ROW_CHARS } = CSV_LIMITS;

/** Checks a request as the router does (RequestValidator.validate with values kept out of messages). */
export type RequestCheck = (operation: string, input: unknown) => void;

/** The cells of one line: split on commas that are not `\,`, trimmed, escapes restored. */
export function splitRow(text: string): string[] {
  // Most rows hold no escape (nor the stand-in the escapes are swapped for): no swapping then.
  if (!text.includes("\\") && !text.includes(ESCAPED_COMMA_STAND_IN))
    return text.split(",").map((v) => v.trim());
  return protectEscapedCommas(text)
    .split(",")
    .map((v) => restoreEscapedCommas(v).trim());
}

/** A message that fails the whole job when the header does not match the pool's, else undefined. */
export function checkHeader(pool: Pool, header: string[]): string | undefined {
  const expected = csvHeader(pool);
  const missing = expected.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !expected.includes(c));
  const twice = header.filter((c, i) => header.indexOf(c) !== i);
  if (!missing.length && !unknown.length && !twice.length) return undefined;
  return (
    "The header of the CSV file does not match the user pool's (GetCSVHeader)." +
    (missing.length ? ` Missing: ${missing.join(", ")}.` : "") +
    (unknown.length ? ` Unknown: ${unknown.join(", ")}.` : "") +
    (twice.length ? ` Repeated: ${[...new Set(twice)].join(", ")}.` : "")
  );
}

export type RowOutcome = { kind: "SUCCEEDED" } | { kind: "SKIPPED" } | { kind: "FAILED"; reason: string };

export const SUCCEEDED_MESSAGE = "The import succeeded.";
export const SKIPPED_MESSAGE = "The user already exists.";
/** Cognito's own wording for a row without a true auto-verified attribute (§8b). */
export const NO_AUTO_VERIFIED_MESSAGE =
  "The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).";

const failed = (reason: string): RowOutcome => ({ kind: "FAILED", reason });

/**
 * Imports one row (call inside the job's chunk transaction). A row is a savepoint of its own in
 * users.create, so a row refused halfway leaves nothing behind.
 */
export function importRow(
  services: LocalServices,
  pool: Pool,
  header: string[],
  rules: RowRules,
  line: number,
  text: string,
  check: RequestCheck,
): RowOutcome {
  if (rowCharacters(text) > MAX_ROW_CHARS)
    return failed(`The row is longer than ${MAX_ROW_CHARS} characters.`);
  const row = splitRow(text);
  if (row.length !== header.length)
    return failed(`The row has ${row.length} columns; the header has ${header.length}.`);
  // A username or sign-in value already on an earlier row is the store's to decide, as for a user
  // already in the pool: the first row imports, a later one is SKIPPED (or FAILED on an alias), the
  // same after a resume, when this process never saw the earlier rows (rowRules checks no uniqueness).
  const problem = rules.check(row, line)[0];
  if (problem) return failed(reasonWithoutValues(problem, header));
  let username = "";
  let mfa = "";
  const attributes: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) {
    const name = header[i];
    const value = row[i];
    if (name === "cognito:username") username = value;
    else if (name === "cognito:mfa_enabled") mfa = value.toLowerCase();
    else if (value !== "" && !name.startsWith("cognito:") && !name.startsWith("cogctl:"))
      attributes[name] =
        name === "email_verified" || name === "phone_number_verified" ? value.toLowerCase() : value;
  }

  // The same request AdminCreateUser would get: the model's Username pattern (no control
  // characters, no NUL) and length, attribute name and value bounds.
  const userAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
  try {
    check("AdminCreateUser", { UserPoolId: pool.id, Username: username, UserAttributes: userAttributes });
  } catch (err) {
    return failed(`The row is not a valid user: ${(err as Error).message}`);
  }
  if (services.users.find(pool, username)) return { kind: "SKIPPED" };
  try {
    // birthdate is mm/dd/yyyy in import files (checked above), unlike the API's format.
    validateAttributes(
      pool.data.SchemaAttributes ?? [],
      userAttributes.filter((a) => a.Name !== "birthdate"),
      "create",
    );
    checkRequired(pool.data.SchemaAttributes ?? [], attributes);
    const user = services.users.create(pool, { username, attributes, status: "RESET_REQUIRED" });
    if (mfa === "true") {
      services.users.modify(pool, user, (u) => {
        u.data.mfaEnabled = true;
      });
    }
    return { kind: "SUCCEEDED" };
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === "UsernameExistsException") return { kind: "SKIPPED" };
    if (type) return failed((err as Error).message);
    // §8b: a row that hits an internal error is FAILED and the job goes on.
    return failed("An internal error occurred while importing this user.");
  }
}

/** The shared row rules for a pool and a file's header (one per job run: it keeps no rows). */
export function rowRules(pool: Pool, header: string[]): RowRules {
  return new RowRules(importPoolFrom(pool.data as UserPoolType, csvHeader(pool)), header, {
    uniqueness: false,
  });
}

/**
 * A rule's problem as a log line may say it: the rules' own messages quote values for the person
 * fixing a file, and CloudWatch Logs lines carry no user data, so the value-quoting ones are
 * reworded from the problem's kind and column.
 */
function reasonWithoutValues(problem: RuleProblem, header: string[]): string {
  const field = problem.index === undefined ? "the row" : header[problem.index];
  switch (problem.kind) {
    case "auto-verified":
      return NO_AUTO_VERIFIED_MESSAGE;
    case "mfa":
    case "required":
    case "verified":
    case "length":
      // Worded with column names and counts only.
      return `${problem.message}.`;
    case "username":
      if (problem.message.includes("whitespace")) return "The cognito:username value holds whitespace.";
      if (problem.message.includes("control"))
        return "The cognito:username value holds a control or unprintable character.";
      if (problem.message.includes("empty")) return "The cognito:username value is empty.";
      return `The cognito:username value is longer than 128 characters.`;
    case "boolean":
      return `The ${field} value is not true or false.`;
    case "email":
      return `The ${field} value is not an email address.`;
    case "phone":
      return `The ${field} value is not an E.164 phone number (+12065550100).`;
    case "date":
      return field === "birthdate"
        ? "The birthdate value is not a date in mm/dd/yyyy."
        : `The ${field} value is not a date.`;
    case "number":
      return field === "updated_at"
        ? "The updated_at value is not a time in epoch seconds."
        : `The ${field} value is not a number.`;
    case "range":
      return `The ${field} value is outside the range the user pool allows.`;
    default:
      return `The ${field} value is not valid.`;
  }
}

/** The CloudWatch Logs message of a row (§8b), by line number and never with user data. */
export function outcomeMessage(line: number, outcome: RowOutcome): string {
  const reason =
    outcome.kind === "SUCCEEDED"
      ? SUCCEEDED_MESSAGE
      : outcome.kind === "SKIPPED"
        ? SKIPPED_MESSAGE
        : outcome.reason;
  return `[${outcome.kind}] Line Number ${line} - ${reason}`;
}
