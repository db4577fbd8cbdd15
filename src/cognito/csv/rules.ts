// The per-value and per-row rules of an import file (COGNITO-FACTS §8, §8b), compiled once from the
// pool into one check per column, so a row costs a few string tests and no look-ups by name.
import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { CompactKeySet } from "./key-set.js";
import type { CsvProblemKind, ImportPool } from "./types.js";

/** A problem found in one value or row, before the reader adds its line and column. */
export interface RuleProblem {
  kind: CsvProblemKind;
  /** Index of the column in the file's header, when the problem is in one value. */
  index?: number;
  message: string;
  fix: string;
}

/** The service model's AttributeValueType: at most 2048 characters a value. */
export const MAX_ATTRIBUTE_VALUE = 2048;
/** UsernameType: 1-128 characters of letters, marks, symbols, numbers and punctuation (no spaces or control characters). */
export const MAX_USERNAME = 128;
const USERNAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
// The same tests as the embedded endpoint's AdminCreateUser (src/local/services/schema.ts), so a row this
// accepts is one the endpoint accepts.
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;
const BIRTHDATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const EPOCH_SECONDS = /^\d+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

const USERNAME = "cognito:username";
const MFA = "cognito:mfa_enabled";

/** Columns beyond GetCSVHeader's that a file may carry: what `users export --groups` writes. */
export const COGNITO_EXTRA_COLUMNS = [
  "cognito:groups",
  "cognito:enabled",
  "cognito:status",
  "cognito:sub",
  "cognito:created",
  "cognito:modified",
] as const;
/** cogctl's own columns (`cogctl:reason` of a rejects file): accepted and never checked. */
export const COGCTL_COLUMN_PREFIX = "cogctl:";

export function isExtraColumn(name: string): boolean {
  return name.startsWith(COGCTL_COLUMN_PREFIX) || (COGNITO_EXTRA_COLUMNS as readonly string[]).includes(name);
}

/** A value for a message: quoted, short, control characters visible. */
export function shown(value: string): string {
  const cut = [...value];
  const text = cut.length > 40 ? `${cut.slice(0, 40).join("")}...` : value;
  return JSON.stringify(text);
}

type ValueCheck = (value: string) => Omit<RuleProblem, "index"> | undefined;

const isBoolean = (v: string) => (v.length === 4 || v.length === 5 ? /^(true|false)$/i.test(v) : false);

function booleanCheck(name: string): ValueCheck {
  return (v) =>
    v === "" || isBoolean(v)
      ? undefined
      : {
          kind: "boolean",
          message: `${shown(v)} is not true or false`,
          fix: `write true or false in ${name}`,
        };
}

function lengthCheck(name: string, max: number, min = 0): ValueCheck {
  return (v) => {
    if (v === "") return undefined;
    // Code points, as Cognito counts; .length is UTF-16 units, never fewer, so it is a cheap first test.
    const n = v.length > max || v.length < min ? [...v].length : v.length;
    if (n > max)
      return {
        kind: "length",
        message: `${name} is ${n} characters, more than ${max}`,
        fix: `shorten it to ${max} characters or fewer`,
      };
    if (n < min)
      return {
        kind: "length",
        message: `${name} is ${n} characters, fewer than ${min}`,
        fix: `write at least ${min} characters`,
      };
    return undefined;
  };
}

function numberCheck(name: string, def: SchemaAttributeType): ValueCheck {
  const min = def.NumberAttributeConstraints?.MinValue;
  const max = def.NumberAttributeConstraints?.MaxValue;
  return (v) => {
    if (v === "") return undefined;
    if (!NUMBER.test(v))
      return {
        kind: "number",
        message: `${shown(v)} is not a number`,
        fix: `write digits only in ${name}, such as 42`,
      };
    if (min !== undefined && Number(v) < Number(min))
      return {
        kind: "range",
        message: `${v} is less than ${min}, the least ${name} may be`,
        fix: `write a number from ${min}${max !== undefined ? ` to ${max}` : " up"}`,
      };
    if (max !== undefined && Number(v) > Number(max))
      return {
        kind: "range",
        message: `${v} is more than ${max}, the most ${name} may be`,
        fix: `write a number${min !== undefined ? ` from ${min}` : ""} up to ${max}`,
      };
    return undefined;
  };
}

function dateTimeCheck(name: string): ValueCheck {
  return (v) =>
    v === "" || !Number.isNaN(Date.parse(v))
      ? undefined
      : {
          kind: "date",
          message: `${shown(v)} is not a date and time`,
          fix: `write ${name} as ISO 8601, such as 2024-05-01T12:00:00Z`,
        };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function realDate(month: number, day: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return false;
  return month !== 2 || day < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
}

const birthdateCheck: ValueCheck = (v) => {
  if (v === "") return undefined;
  const m = BIRTHDATE.exec(v);
  if (!m)
    return {
      kind: "date",
      message: `${shown(v)} is not a date in mm/dd/yyyy`,
      fix: "write birthdate as mm/dd/yyyy, such as 04/23/1990",
    };
  if (!realDate(Number(m[1]), Number(m[2]), Number(m[3])))
    return {
      kind: "date",
      message: `${shown(v)} is not a real date`,
      fix: "write a day that exists, month first (mm/dd/yyyy), such as 04/23/1990",
    };
  return undefined;
};

const updatedAtCheck: ValueCheck = (v) =>
  v === "" || EPOCH_SECONDS.test(v)
    ? undefined
    : {
        kind: "number",
        message: `${shown(v)} is not a time in epoch seconds`,
        fix: "write updated_at as seconds since 1970-01-01 UTC, such as 1700000000",
      };

const emailCheck: ValueCheck = (v) =>
  v === "" || EMAIL.test(v)
    ? undefined
    : {
        kind: "email",
        message: `${shown(v)} is not an email address`,
        fix: "write a full address, such as bob@example.com",
      };

const phoneCheck: ValueCheck = (v) =>
  v === "" || PHONE.test(v)
    ? undefined
    : {
        kind: "phone",
        message: `${shown(v)} is not an E.164 phone number`,
        fix: "write + and the country code, then digits only, such as +12065550100",
      };

const usernameCheck: ValueCheck = (v) => {
  if (v === "")
    return { kind: "username", message: "cognito:username is empty", fix: "give every user a username" };
  if (/\s/u.test(v))
    return {
      kind: "username",
      message: `${shown(v)} holds whitespace`,
      fix: "write the username without spaces, tabs or line breaks",
    };
  const n = v.length > MAX_USERNAME ? [...v].length : v.length;
  if (n > MAX_USERNAME)
    return {
      kind: "username",
      message: `the username is ${n} characters, more than ${MAX_USERNAME}`,
      fix: `shorten it to ${MAX_USERNAME} characters or fewer`,
    };
  if (!USERNAME_PATTERN.test(v))
    return {
      kind: "username",
      message: `${shown(v)} holds a control or unprintable character`,
      fix: "use letters, digits, symbols and punctuation only",
    };
  return undefined;
};

function mfaCheck(mode: ImportPool["mfa"]): ValueCheck {
  return (v) => {
    if (v === "")
      return {
        kind: "mfa",
        message: "cognito:mfa_enabled is empty",
        fix: `write ${mode === "ON" ? "true (the pool requires MFA)" : mode === "OFF" ? "false (the pool has MFA off)" : "true or false"}`,
      };
    if (!isBoolean(v))
      return {
        kind: "boolean",
        message: `${shown(v)} is not true or false`,
        fix: "write true or false in cognito:mfa_enabled",
      };
    const on = v.toLowerCase() === "true";
    if (mode === "ON" && !on)
      return {
        kind: "mfa",
        message: "cognito:mfa_enabled is false, but the pool requires MFA",
        fix: "write true on every row",
      };
    if (mode === "OFF" && on)
      return {
        kind: "mfa",
        message: "cognito:mfa_enabled is true, but the pool has MFA off",
        fix: "write false on every row, or turn the pool's MFA on",
      };
    return undefined;
  };
}

function both(...checks: ValueCheck[]): ValueCheck {
  return (v) => {
    for (const check of checks) {
      const p = check(v);
      if (p) return p;
    }
    return undefined;
  };
}

/** The header name a schema attribute has in an import file (`dev:custom:x` is `custom:x`). */
export function columnName(attribute: SchemaAttributeType): string {
  return (attribute.Name ?? "").replace(/^dev:/, "");
}

function checkFor(name: string, def: SchemaAttributeType | undefined): ValueCheck | undefined {
  if (name === USERNAME) return usernameCheck;
  if (name === "cognito:enabled") return booleanCheck(name);
  if (name.startsWith("cognito:") || name.startsWith(COGCTL_COLUMN_PREFIX)) return undefined;
  const checks: ValueCheck[] = [];
  if (name === "email") checks.push(emailCheck);
  if (name === "phone_number") checks.push(phoneCheck);
  if (name === "birthdate") checks.push(birthdateCheck);
  if (name === "updated_at") checks.push(updatedAtCheck);
  const type = def?.AttributeDataType ?? (name.endsWith("_verified") ? "Boolean" : "String");
  if (type === "Boolean") checks.push(booleanCheck(name));
  else if (type === "Number" && name !== "updated_at")
    checks.push(numberCheck(name, def as SchemaAttributeType));
  else if (type === "DateTime") checks.push(dateTimeCheck(name));
  const c = def?.StringAttributeConstraints;
  // birthdate's schema says 10..10, which its own format check already says better.
  const max = Math.min(
    MAX_ATTRIBUTE_VALUE,
    c?.MaxLength !== undefined && name !== "birthdate" ? Number(c.MaxLength) : MAX_ATTRIBUTE_VALUE,
  );
  const min = c?.MinLength !== undefined && name !== "birthdate" ? Number(c.MinLength) : 0;
  checks.push(lengthCheck(name, max, min));
  return checks.length === 1 ? checks[0] : both(...checks);
}

/** The rules of one pool for files with a given header (column order as in the file). */
export class RowRules {
  private readonly checks: Array<{ index: number; check: ValueCheck }> = [];
  private readonly usernameIndex: number;
  private readonly required: Array<{ index: number; name: string }> = [];
  private readonly autoVerified: Array<{ value: number; verified: number; name: string }> = [];
  private readonly verifiedOf = new Map<number, number>();
  private readonly unique: Array<{
    index: number;
    name: string;
    set: CompactKeySet;
    lower: boolean;
    onlyVerified?: number;
  }> = [];
  private readonly usernames = new CompactKeySet();
  private readonly uniqueness: boolean;

  constructor(
    private readonly pool: ImportPool,
    readonly columns: string[],
    options: {
      autoVerifiedRule?: boolean;
      /**
       * false: no "duplicate" problems, and no key sets (12 bytes a row per sign-in column). For the
       * embedded endpoint's import job, where the store decides a repeated username or alias.
       */
      uniqueness?: boolean;
    } = {},
  ) {
    this.uniqueness = options.uniqueness !== false;
    const schema = new Map(pool.schema.map((a) => [columnName(a), a]));
    const at = (name: string) => columns.indexOf(name);
    columns.forEach((name, index) => {
      const check = name === MFA ? mfaCheck(pool.mfa) : checkFor(name, schema.get(name));
      if (check) this.checks.push({ index, check });
    });
    this.usernameIndex = at(USERNAME);
    for (const def of pool.schema) {
      const name = columnName(def);
      if (def.Required && name !== "sub" && at(name) >= 0) this.required.push({ index: at(name), name });
    }
    for (const name of options.autoVerifiedRule === false ? [] : pool.autoVerified) {
      if (at(name) >= 0 && at(`${name}_verified`) >= 0)
        this.autoVerified.push({ value: at(name), verified: at(`${name}_verified`), name });
    }
    for (const name of ["email", "phone_number"]) {
      if (at(name) >= 0 && at(`${name}_verified`) >= 0) this.verifiedOf.set(at(`${name}_verified`), at(name));
    }
    // Sign-in names must be unique: username attributes always; aliases once verified (Cognito lets
    // two users share an unverified email), preferred_username always.
    for (const name of ["email", "phone_number", "preferred_username"]) {
      const index = at(name);
      if (index < 0) continue;
      const lower = name !== "phone_number";
      if (pool.usernameAttributes.includes(name))
        this.unique.push({ index, name, set: new CompactKeySet(), lower });
      else if (pool.aliasAttributes.includes(name)) {
        const verified = at(`${name}_verified`);
        this.unique.push({
          index,
          name,
          set: new CompactKeySet(),
          lower,
          onlyVerified: verified >= 0 ? verified : undefined,
        });
      }
    }
  }

  /** The problems of one row's values (trimmed, `\,` restored, in header order), in column order. */
  check(values: string[], line: number): RuleProblem[] {
    const problems: RuleProblem[] = [];
    for (const { index, check } of this.checks) {
      const p = check(values[index]);
      if (p) problems.push({ ...p, index });
    }
    for (const { index, name } of this.required) {
      if (values[index] === "")
        problems.push({
          kind: "required",
          index,
          message: `${name} is empty, but the pool requires it`,
          fix: `give every user a ${name}`,
        });
    }
    for (const [verified, value] of this.verifiedOf) {
      if (values[verified].toLowerCase() === "true" && values[value] === "") {
        const name = this.columns[value];
        problems.push({
          kind: "verified",
          index: verified,
          message: `${name}_verified is true, but ${name} is empty`,
          fix: `fill in ${name}, or write false`,
        });
      }
    }
    if (
      this.autoVerified.length > 0 &&
      !this.autoVerified.some((a) => values[a.value] !== "" && values[a.verified].toLowerCase() === "true")
    ) {
      const names = this.autoVerified.map((a) => a.name);
      problems.push({
        kind: "auto-verified",
        index: this.autoVerified[0].verified,
        message: `no auto-verified attribute (${names.join(", ")}) is marked verified, so Cognito fails the row`,
        fix: this.autoVerified
          .map((a) => `fill in ${a.name} and write true in ${a.name}_verified`)
          .join(", or "),
      });
    }
    if (this.uniqueness) this.checkUnique(values, line, problems);
    return problems.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  }

  private checkUnique(values: string[], line: number, problems: RuleProblem[]): void {
    const username = values[this.usernameIndex];
    if (username) {
      const earlier = this.usernames.addOrFind(
        this.pool.caseSensitive ? username : username.toLowerCase(),
        line,
      );
      if (earlier !== undefined)
        problems.push({
          kind: "duplicate",
          index: this.usernameIndex,
          message: `the username ${shown(username)} is also on line ${earlier}${this.pool.caseSensitive ? "" : " (usernames ignore case in this pool)"}`,
          fix: "import each user once: remove or rename one of the rows",
        });
    }
    for (const u of this.unique) {
      const value = values[u.index];
      if (value === "" || (u.onlyVerified !== undefined && values[u.onlyVerified].toLowerCase() !== "true"))
        continue;
      const earlier = u.set.addOrFind(u.lower ? value.toLowerCase() : value, line);
      if (earlier !== undefined)
        problems.push({
          kind: "duplicate",
          index: u.index,
          message: `${shown(value)} is also the ${u.name} of line ${earlier}, and users sign in with it`,
          fix: `give each user their own ${u.name}${u.onlyVerified !== undefined ? ", or leave one unverified" : ""}`,
        });
    }
  }
}
