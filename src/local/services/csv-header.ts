// The import CSV header of a pool (GetCSVHeader, and the columns StartUserImportJob requires).
import type { Pool } from "./pools.js";

export const STANDARD_CSV_COLUMNS = [
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "email",
  "email_verified",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
];

export function csvHeader(pool: Pool): string[] {
  const custom = (pool.data.SchemaAttributes ?? [])
    .map((a) => a.Name as string)
    .filter((n) => n.startsWith("custom:") || n.startsWith("dev:custom:"))
    .map((n) => n.replace(/^dev:/, ""));
  return [...STANDARD_CSV_COLUMNS, ...custom, "cognito:mfa_enabled", "cognito:username"];
}
