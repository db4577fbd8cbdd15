// What the reader needs of a pool, taken from DescribeUserPool's answer and GetCSVHeader's header.
import type { SchemaAttributeType, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import type { ImportPool } from "./types.js";

/** The pool an import file is checked against. Pure: the caller makes the two calls. */
export function importPoolFrom(describeUserPool: UserPoolType, csvHeader: string[]): ImportPool {
  const mfa = describeUserPool.MfaConfiguration;
  return {
    header: [...csvHeader],
    schema: describeUserPool.SchemaAttributes ?? [],
    mfa: mfa === "ON" || mfa === "OPTIONAL" ? mfa : "OFF",
    autoVerified: [...(describeUserPool.AutoVerifiedAttributes ?? [])],
    usernameAttributes: [...(describeUserPool.UsernameAttributes ?? [])],
    aliasAttributes: [...(describeUserPool.AliasAttributes ?? [])],
    // Pools made before UsernameConfiguration existed are case sensitive (the API's documented default).
    caseSensitive: describeUserPool.UsernameConfiguration?.CaseSensitive ?? true,
  };
}

/** The standard columns of GetCSVHeader, in its order (COGNITO-FACTS §8). */
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

/**
 * The header Cognito documents for a schema (§8): the standard columns, the custom attributes, then
 * cognito:mfa_enabled and cognito:username. For endpoints without GetCSVHeader (moto_server); AWS's
 * own answer always wins where there is one.
 */
export function documentedCsvHeader(schema: SchemaAttributeType[]): string[] {
  const custom = schema
    .map((a) => (a.Name ?? "").replace(/^dev:/, ""))
    .filter((n) => n.startsWith("custom:"));
  return [...STANDARD_CSV_COLUMNS, ...custom, "cognito:mfa_enabled", "cognito:username"];
}
