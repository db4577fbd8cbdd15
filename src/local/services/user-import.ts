// One import file's rules as the import job applies them (§8, §8b): the header, and each row → a
// user created RESET_REQUIRED with no password (SUCCEEDED), an existing username (SKIPPED), or a
// row that breaks a rule (FAILED, with a reason that holds no user data: it goes to CloudWatch Logs).
// Each row is checked with the same rules as AdminCreateUser: the request model's Username and
// attribute patterns and lengths (validate.ts) and the pool's schema (schema.ts).
import {
  CSV_LIMITS,
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
  text: string,
  check: RequestCheck,
): RowOutcome {
  if (rowCharacters(text) > MAX_ROW_CHARS)
    return failed(`The row is longer than ${MAX_ROW_CHARS} characters.`);
  const row = splitRow(text);
  if (row.length !== header.length)
    return failed(`The row has ${row.length} columns; the header has ${header.length}.`);
  const cell: Record<string, string> = {};
  header.forEach((h, i) => {
    cell[h] = row[i];
  });
  const username = cell["cognito:username"];
  if (!username) return failed("The cognito:username column is empty; every user needs a username.");
  if (/\s/u.test(username)) return failed("The cognito:username value holds whitespace.");
  const mfa = cell["cognito:mfa_enabled"].toLowerCase();
  if (mfa !== "true" && mfa !== "false")
    return failed("The cognito:mfa_enabled value must be true or false.");
  if (pool.data.MfaConfiguration === "ON" && mfa !== "true")
    return failed("The cognito:mfa_enabled value must be true: the user pool requires MFA.");
  if (pool.data.MfaConfiguration !== "ON" && pool.data.MfaConfiguration !== "OPTIONAL" && mfa === "true")
    return failed("The cognito:mfa_enabled value must be false: MFA is off in the user pool.");

  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(cell)) {
    if (name.startsWith("cognito:") || value === "") continue;
    attributes[name] = value;
  }
  for (const flag of ["email_verified", "phone_number_verified"]) {
    if (attributes[flag] === undefined) continue;
    const v = attributes[flag].toLowerCase();
    if (v !== "true" && v !== "false") return failed(`The ${flag} value must be TRUE or FALSE.`);
    attributes[flag] = v;
  }
  const auto = pool.data.AutoVerifiedAttributes ?? [];
  if (auto.length && !auto.some((a) => attributes[a] && attributes[`${a}_verified`] === "true"))
    return failed(NO_AUTO_VERIFIED_MESSAGE);
  if (attributes.birthdate !== undefined && !/^\d{2}\/\d{2}\/\d{4}$/.test(attributes.birthdate))
    return failed("The birthdate value must be mm/dd/yyyy.");
  if (attributes.updated_at !== undefined && !/^\d+$/.test(attributes.updated_at))
    return failed("The updated_at value must be a number of seconds since the epoch.");

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
