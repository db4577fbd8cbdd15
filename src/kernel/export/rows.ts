// One exported user as a line: in the pool's import format (COGNITO-FACTS §8: GetCSVHeader's columns,
// `\,` for a comma, no quoting, birthdate mm/dd/yyyy, booleans true/false) so the file re-validates
// and re-imports as it is, or as a JSON line with everything ListUsers returned.
import { COGNITO_EXTRA_COLUMNS } from "../../cognito/csv/index.js";
import { escapeValue } from "../../cognito/csv-rules.js";
import type { ServiceOutput } from "../cognito-call.js";
import { attributes } from "../users.js";

/** The `cognito:` columns `--groups` adds (the domain's list, which the reader accepts); `users import --via api` applies the first two. */
export const EXPORT_EXTRA_COLUMNS = COGNITO_EXTRA_COLUMNS;

export interface RowContext {
  /** The pool's MFA mode decides cognito:mfa_enabled (ON: true on every row, OFF: false). */
  mfa: "ON" | "OFF" | "OPTIONAL";
  groupsOf?: (username: string) => string[];
  /** With --attributes: only these attributes get values (columns stay: the import needs them all). */
  only?: Set<string>;
}

/** A value the import file cannot carry as it is, and what was written instead. */
export interface LossyValue {
  username: string;
  column: string;
  why: string;
}

/** OIDC's YYYY-MM-DD as the import file's mm/dd/yyyy; anything else as it is. */
export function birthdateForFile(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : value;
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d === undefined ? "" : String(d));

function mfaEnabled(user: ServiceOutput, mode: RowContext["mfa"]): string {
  if (mode === "ON") return "true";
  if (mode === "OFF") return "false";
  // OPTIONAL: the import's true means SMS MFA on, which ListUsers shows as the legacy MFAOptions;
  // with AdminGetUser (--mfa) UserMFASettingList says it too.
  const options = (user.MFAOptions as unknown[] | undefined) ?? [];
  const list = (user.UserMFASettingList as string[] | undefined) ?? [];
  return options.length > 0 || list.includes("SMS_MFA") ? "true" : "false";
}

/** The CSV line (with its \n) for a user, in header order; lossy collects what could not be kept. */
export function csvLine(header: string[], user: ServiceOutput, rc: RowContext, lossy: LossyValue[]): string {
  const username = user.Username as string;
  const attrs = attributes(user);
  const cells = header.map((column) => {
    let value: string;
    switch (column) {
      case "cognito:username":
        value = username;
        break;
      case "cognito:mfa_enabled":
        value = mfaEnabled(user, rc.mfa);
        break;
      case "cognito:groups":
        value = (rc.groupsOf?.(username) ?? []).join(";");
        break;
      case "cognito:enabled":
        value = String(user.Enabled !== false);
        break;
      case "cognito:status":
        value = (user.UserStatus as string | undefined) ?? "";
        break;
      case "cognito:sub":
        value = attrs.sub ?? "";
        break;
      case "cognito:created":
        value = iso(user.UserCreateDate);
        break;
      case "cognito:modified":
        value = iso(user.UserLastModifiedDate);
        break;
      default:
        value = rc.only && !rc.only.has(column) ? "" : (attrs[column] ?? "");
        if (column === "birthdate") value = birthdateForFile(value);
        else if (column.endsWith("_verified") && value !== "") value = value.toLowerCase();
    }
    return cell(
      value,
      username,
      column,
      lossy,
      column === "cognito:groups" ? rc.groupsOf?.(username) : undefined,
    );
  });
  return `${cells.join(",")}\n`;
}

/**
 * A value in Cognito's dialect. The dialect has no quoting and no escape but `\,`, and the import
 * trims values: a line break (which would end the row), a backslash before the separator (read as
 * `\,`) and surrounding spaces cannot be written as they are. Line breaks become spaces and a trailing
 * backslash gets a space after it (trimmed on import, so the backslash itself survives), and each
 * such value is reported; jsonl keeps them exactly.
 */
function cell(
  value: string,
  username: string,
  column: string,
  lossy: LossyValue[],
  groups?: string[],
): string {
  if (groups?.some((g) => g.includes(";")))
    lossy.push({ username, column, why: "a group name holds ;, the separator of cognito:groups" });
  if (value === "") return value;
  let v = value;
  if (/[\r\n]/.test(v)) {
    lossy.push({ username, column, why: "a line break (written as a space)" });
    v = v.replace(/\r\n|[\r\n]/g, " ");
  }
  if (v.trim() !== v)
    lossy.push({ username, column, why: "leading or trailing spaces (the import trims them)" });
  const escaped = escapeValue(v);
  return escaped.endsWith("\\") ? `${escaped} ` : escaped;
}

/** The header line: the pool's columns, then the extras with --groups. */
export function csvHeader(poolHeader: string[], withExtras: boolean): string[] {
  return withExtras ? [...poolHeader, ...EXPORT_EXTRA_COLUMNS] : [...poolHeader];
}

/** A JSON line: ListUsers' user (attributes as the API gives them), dates ISO 8601, groups, extras. */
export function jsonLine(user: ServiceOutput, rc: RowContext): string {
  const username = user.Username as string;
  const list = ((user.Attributes ?? user.UserAttributes ?? []) as { Name: string; Value?: string }[]).filter(
    (a) => !rc.only || rc.only.has(a.Name),
  );
  const record: Record<string, unknown> = {
    Username: username,
    Attributes: list,
    UserStatus: user.UserStatus,
    Enabled: user.Enabled !== false,
    UserCreateDate: iso(user.UserCreateDate) || undefined,
    UserLastModifiedDate: iso(user.UserLastModifiedDate) || undefined,
    ...(user.MFAOptions !== undefined ? { MFAOptions: user.MFAOptions } : {}),
    ...(user.PreferredMfaSetting !== undefined ? { PreferredMfaSetting: user.PreferredMfaSetting } : {}),
    ...(user.UserMFASettingList !== undefined ? { UserMFASettingList: user.UserMFASettingList } : {}),
    ...(rc.groupsOf ? { Groups: rc.groupsOf(username) } : {}),
  };
  return `${JSON.stringify(record)}\n`;
}
