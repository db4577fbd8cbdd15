// One import-file row as the API path sends it: the AdminCreateUser input, and the steps applied
// after creation that an import job cannot carry (groups, a disabled user, SMS MFA).
//
// Values are converted from the file's dialect (COGNITO-FACTS §8) to the API's:
// - birthdate: the file's mm/dd/yyyy becomes the API's (OIDC) YYYY-MM-DD;
// - email_verified / phone_number_verified: case-insensitive in the file, "true"/"false" for the API;
// - empty values are left out (the job does not set an empty attribute either);
// - cognito:* and cogctl:* columns are never attributes; cognito:mfa_enabled true becomes a post-step
//   enabling SMS MFA, as the job does for such a row (it sets the user's SMS MFA option);
// - the temporary-password column, when one is named, is never an attribute.
import type { CsvProblem, CsvRow } from "../../cognito/csv/types.js";

export const USERNAME_COLUMN = "cognito:username";
export const MFA_COLUMN = "cognito:mfa_enabled";
export const GROUPS_COLUMN = "cognito:groups";
export const ENABLED_COLUMN = "cognito:enabled";

const VERIFIED = new Set(["email_verified", "phone_number_verified"]);
/** Cognito's group-name pattern and length (CreateGroup). */
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

export interface Attribute {
  Name: string;
  Value: string;
}

/** mm/dd/yyyy → YYYY-MM-DD; anything else is returned as it is (validation reports it). */
export function birthdateForApi(value: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return m ? `${m[3]}-${m[1]}-${m[2]}` : value;
}

export function userAttributes(row: CsvRow, passwordColumn?: string): Attribute[] {
  const out: Attribute[] = [];
  for (const [name, raw] of Object.entries(row.values)) {
    if (name.startsWith("cognito:") || name.startsWith("cogctl:") || name === passwordColumn) continue;
    const value = raw.trim();
    if (value === "") continue;
    if (VERIFIED.has(name))
      out.push({ Name: name, Value: value.toLowerCase() === "true" ? "true" : "false" });
    else if (name === "birthdate") out.push({ Name: name, Value: birthdateForApi(value) });
    else out.push({ Name: name, Value: value });
  }
  return out;
}

export function rowGroups(row: CsvRow): string[] {
  const cell = row.values[GROUPS_COLUMN];
  if (cell === undefined) return [];
  return [
    ...new Set(
      cell
        .split(";")
        .map((g) => g.trim())
        .filter((g) => g !== ""),
    ),
  ];
}

export function rowDisabled(row: CsvRow): boolean {
  return (row.values[ENABLED_COLUMN] ?? "").trim().toLowerCase() === "false";
}

export function rowWantsSmsMfa(row: CsvRow): boolean {
  return (row.values[MFA_COLUMN] ?? "").trim().toLowerCase() === "true";
}

/** A post-creation step: its journal name and its call. */
export interface PostStep {
  name: string;
  operation: string;
  input: Record<string, unknown>;
}

export function postSteps(row: CsvRow, poolId: string, username: string): PostStep[] {
  const user = { UserPoolId: poolId, Username: username };
  const steps: PostStep[] = rowGroups(row).map((group) => ({
    name: `group:${group}`,
    operation: "AdminAddUserToGroup",
    input: { ...user, GroupName: group },
  }));
  if (rowWantsSmsMfa(row))
    steps.push({
      name: "mfa:sms",
      operation: "AdminSetUserMFAPreference",
      input: { ...user, SMSMfaSettings: { Enabled: true, PreferredMfa: true } },
    });
  // Last: the other steps work on a disabled user too, but a person reading a half-done run sees
  // the user still enabled until everything else was applied.
  if (rowDisabled(row)) steps.push({ name: "disable", operation: "AdminDisableUser", input: user });
  return steps;
}

/**
 * Problems of the columns only the API path reads, beyond the reader's rules (which check
 * cognito:enabled): cognito:groups must name valid groups, and the temporary-password column (when
 * one is used) must hold a value.
 */
export function apiColumnProblems(row: CsvRow, header: string[], passwordColumn?: string): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const columnOf = (name: string) => {
    // 1-based character column of the value, from the raw row (values hold no unescaped commas).
    const at = header.indexOf(name);
    if (at < 0) return undefined;
    const cells = row.raw.split(/(?<!\\),/);
    return cells.slice(0, at).reduce((n, c) => n + c.length + 1, 1);
  };
  for (const group of rowGroups(row))
    if (!GROUP_NAME.test(group))
      problems.push({
        line: row.line,
        column: columnOf(GROUPS_COLUMN),
        field: GROUPS_COLUMN,
        message: `"${group}" is not a valid group name`,
        fix: "separate group names with ; (1 to 128 characters each, no spaces)",
      });
  if (passwordColumn !== undefined && (row.values[passwordColumn] ?? "") === "")
    problems.push({
      line: row.line,
      column: columnOf(passwordColumn),
      field: passwordColumn,
      // Never the value: only that it is missing.
      message: "the temporary password is empty",
      fix: `give every row a temporary password in ${passwordColumn}, or drop --temporary-password-column`,
    });
  return problems;
}
