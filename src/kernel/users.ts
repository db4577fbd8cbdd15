// Users as task commands see them: `--where` conditions (the first one ListUsers can filter on
// goes to the service, the rest are checked here), the pages of a listing streamed one at a time
// (the kernel's PageIterator), the one table of users every listing prints, and attribute access
// on the two shapes the service returns (Attributes / UserAttributes).
import type { CognitoCall, ServiceOutput } from "./cognito-call.js";
import { UsageError } from "./errors.js";
import type { IO } from "./io/io.js";
import { operationPages } from "./paginate.js";
import { filterExpression } from "./resolve.js";
import { type Column, createTablePrinter, type TablePrinter } from "./table-printer.js";

export type Operator = "=" | "^=" | "!=";
export interface Condition {
  /** username, status (the user status), enabled, or an attribute name (custom:* included). */
  field: string;
  op: Operator;
  value: string;
}

/** ListUsers filters only these (COGNITO-FACTS §9); `status` here is the user status. */
const SERVER_FIELDS: Record<string, string> = {
  username: "username",
  email: "email",
  phone_number: "phone_number",
  name: "name",
  given_name: "given_name",
  family_name: "family_name",
  preferred_username: "preferred_username",
  status: "cognito:user_status",
  "cognito:user_status": "cognito:user_status",
  sub: "sub",
};

const CONDITION =
  /^\s*([A-Za-z_][\w:.-]*)\s*(\^=|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\S+))\s*$/;

/** Splits `a = "x" and b ^= y` into conditions (`and` inside quotes is part of the value). */
export function parseWhere(expr: string): Condition[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      current += c;
      if (c === "\\" && i + 1 < expr.length) current += expr[++i];
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    const rest = expr.slice(i);
    const m = /^\s+and\s+/i.exec(rest);
    if (m) {
      parts.push(current);
      current = "";
      i += m[0].length - 1;
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts.map((part) => {
    const m = CONDITION.exec(part);
    if (!m) {
      throw new UsageError(
        `--where: cannot read '${part.trim()}'. Write conditions as attribute = "value" or attribute ^= "prefix" (also !=), joined by 'and'.`,
      );
    }
    const raw = m[3] ?? m[4] ?? m[5];
    return { field: m[1], op: m[2] as Operator, value: raw.replace(/\\(.)/g, "$1") };
  });
}

/** The ListUsers Filter for a condition, if the service can apply it. */
export function serverFilter(c: Condition): string | undefined {
  if (c.op === "!=") return undefined;
  if (c.field === "enabled" && c.op === "=") {
    const on = /^(true|yes|enabled)$/i.test(c.value);
    return filterExpression("status", "=", on ? "Enabled" : "Disabled");
  }
  const attribute = SERVER_FIELDS[c.field];
  return attribute ? filterExpression(attribute, c.op, c.value) : undefined;
}

/** The first condition the service can filter on goes to Filter; the rest are checked here. */
export function planFilter(conditions: Condition[]): { filter?: string; local: Condition[] } {
  const i = conditions.findIndex((c) => serverFilter(c) !== undefined);
  if (i < 0) return { local: conditions };
  return { filter: serverFilter(conditions[i]), local: conditions.filter((_, j) => j !== i) };
}

export function attributes(user: ServiceOutput): Record<string, string> {
  const list = (user.Attributes ?? user.UserAttributes ?? []) as { Name: string; Value?: string }[];
  return Object.fromEntries(list.map((a) => [a.Name, a.Value ?? ""]));
}

export function fieldOf(user: ServiceOutput, field: string): string | undefined {
  if (field === "username") return user.Username as string;
  if (field === "status" || field === "cognito:user_status") return user.UserStatus as string;
  if (field === "enabled") return String(user.Enabled);
  return attributes(user)[field];
}

export function matches(user: ServiceOutput, c: Condition): boolean {
  const v = fieldOf(user, c.field);
  if (c.field === "enabled") {
    const want = /^(true|yes|enabled)$/i.test(c.value);
    return (user.Enabled === true) === want ? c.op !== "!=" : c.op === "!=";
  }
  if (c.op === "!=") return v !== c.value;
  if (v === undefined) return false;
  return c.op === "=" ? v === c.value : v.startsWith(c.value);
}

/** Cognito's largest page for ListUsers and ListUsersInGroup. */
const USER_PAGE = 60;

/**
 * The pages of users, one request at a time (never the whole pool in memory), through the
 * kernel's PageIterator with the catalog's paginator: ListUsers with the filter, or
 * ListUsersInGroup (which cannot filter) when a group is given. The call is paced by the caller
 * (withTask), so both walk under the UserList quota.
 */
export async function* userPages(
  call: CognitoCall,
  poolId: string,
  opts: { group?: string; filter?: string },
): AsyncGenerator<ServiceOutput[]> {
  const pages =
    opts.group !== undefined
      ? operationPages(
          call,
          "list-users-in-group",
          { UserPoolId: poolId, GroupName: opts.group },
          { pageSize: USER_PAGE },
        )
      : operationPages(
          call,
          "list-users",
          { UserPoolId: poolId, ...(opts.filter ? { Filter: opts.filter } : {}) },
          { pageSize: USER_PAGE },
        );
  for await (const page of pages) yield (page.Users as ServiceOutput[] | undefined) ?? [];
}

/** A user's email, else phone number: the contact column of user tables. */
export function contactOf(user: ServiceOutput): string | undefined {
  const a = attributes(user);
  return a.email ?? a.phone_number;
}

/**
 * The table every listing of users prints (users list, groups members): username, email (or
 * phone), status, enabled, created, then the `extra` attributes as free-text columns. On a narrow
 * terminal the username column is left out first (with a note) when nothing else would fit.
 */
export function createUserTable(io: IO, now: Date, extra: string[] = []): TablePrinter<ServiceOutput> {
  const columns: Column<ServiceOutput>[] = [
    // Optional: in pools that sign in by email or phone the username is a generated UUID, and
    // with it a row needs about 100 columns; the email beside it names the user just as well (the
    // resolver takes either), so at 80 columns it gives way rather than the table turning into blocks.
    { header: "username", value: (u) => u.Username as string, optional: true },
    { header: "email/phone", value: contactOf },
    { header: "status", value: (u) => u.UserStatus as string },
    { header: "enabled", value: (u) => (u.Enabled ? "yes" : "no") },
    { header: "created", value: (u) => u.UserCreateDate as Date, kind: "time" },
    ...extra.map((name) => ({
      header: name,
      value: (u: ServiceOutput) => attributes(u)[name],
      kind: "text" as const,
    })),
  ];
  return createTablePrinter(io, columns, { now });
}

/** `--attributes a,b` as a list of attribute names. */
export function attributeList(flag: string | undefined): string[] {
  return (flag ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
}

/** `name=value` pairs (--attribute) as Cognito attributes; the flag names a malformed one. */
export function parseAttributePairs(
  pairs: string[],
  flag = "--attribute",
): { Name: string; Value: string }[] {
  return pairs.map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`${flag} ${pair}: write it as name=value (e.g. custom:team=blue).`);
    return { Name: pair.slice(0, eq), Value: pair.slice(eq + 1) };
  });
}
