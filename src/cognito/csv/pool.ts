// What the reader needs of a pool, taken from DescribeUserPool's answer and GetCSVHeader's header.
import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
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
