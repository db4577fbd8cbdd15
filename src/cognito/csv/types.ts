// The contract of a users import file (COGNITO-FACTS §8, §8b) between the code that reads and checks
// it (src/cognito/csv/) and its users: `users validate`, `users import` (both paths) and the embedded
// endpoint's import job. Types only; the reader and the rules live next to this file.
import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";

/** What checking a file needs to know of the pool it is for (DescribeUserPool + GetCSVHeader). */
export interface ImportPool {
  /** GetCSVHeader's CSVHeader: every column a file must have (in any order). */
  header: string[];
  schema: SchemaAttributeType[];
  mfa: "ON" | "OFF" | "OPTIONAL";
  /** AutoVerifiedAttributes: email and/or phone_number. */
  autoVerified: string[];
  /** UsernameAttributes: sign-in by email / phone_number instead of a username. */
  usernameAttributes: string[];
  /** AliasAttributes: email / phone_number / preferred_username, unique across users. */
  aliasAttributes: string[];
  /** UsernameConfiguration.CaseSensitive (true when the pool does not say). */
  caseSensitive: boolean;
}

/** What sort of problem, for summaries ("12 email, 3 duplicate") and for CI reading JSON. */
export type CsvProblemKind =
  | "file" // the file cannot be used at all: BOM, size, rows, no line breaks
  | "header" // missing, unknown or repeated columns
  | "encoding" // bytes that are not UTF-8
  | "columns" // a row with more or fewer columns than the header
  | "quoting" // quotes, which Cognito does not read as quotes
  | "row-length" // over 16,000 characters
  | "username"
  | "duplicate" // a username, or an email / phone number users sign in with, already on another row
  | "mfa"
  | "auto-verified"
  | "verified"
  | "required"
  | "email"
  | "phone"
  | "boolean"
  | "date"
  | "number"
  | "range"
  | "length";

/** One thing wrong, where it is, and how to fix it. */
export interface CsvProblem {
  kind?: CsvProblemKind;
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** 1-based column (in characters) where the value starts, when the problem is in one value. */
  column?: number;
  /** The header name of that column ("email"), when the problem is in one value. */
  field?: string;
  /** What is wrong: `"bob@" is not an email address`. Never holds a secret. */
  message: string;
  /** How to fix it: `write a full address, such as bob@example.com`. */
  fix: string;
}

/** A problem that makes the whole file unusable (no header, a BOM, over 100 MB, ...): exit 252. */
export interface CsvFileProblem extends CsvProblem {
  fatal: true;
}

/** One data row, as read and checked. */
export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  /** 0-based index among the data rows (the header is not a row). */
  index: number;
  /** The row exactly as written in the file, without its line ending. */
  raw: string;
  /** Column name → value, trimmed, `\,` turned back into a comma. */
  values: Record<string, string>;
  /** Empty when the row can be imported. */
  problems: CsvProblem[];
}
