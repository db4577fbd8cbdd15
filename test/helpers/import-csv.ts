// Import files for the users import suites: Cognito's default header (GetCSVHeader of a pool
// without custom attributes) plus optional extra columns, rows from a few fields each.
import { writeFileSync } from "node:fs";
import { documentedCsvHeader } from "../../src/cognito/csv/pool.js";

export const DEFAULT_HEADER = documentedCsvHeader([]);

export type RowFields = Record<string, string>;

/** A valid row for a pool with email auto-verified and MFA off. */
export function userRow(username: string, fields: RowFields = {}): RowFields {
  return {
    email: `${username}@example.com`,
    email_verified: "true",
    phone_number_verified: "false",
    "cognito:mfa_enabled": "false",
    "cognito:username": username,
    ...fields,
  };
}

export function csvText(rows: RowFields[], extraColumns: string[] = []): string {
  const header = [...DEFAULT_HEADER, ...extraColumns];
  const lines = rows.map((r) => header.map((h) => (r[h] ?? "").replaceAll(",", "\\,")).join(","));
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

export function writeCsv(path: string, rows: RowFields[], extraColumns: string[] = []): string {
  writeFileSync(path, csvText(rows, extraColumns));
  return path;
}
