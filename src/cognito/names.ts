// Model names → command-line names, by botocore's xform_name (what the AWS CLI does), so scripts
// written for `aws cognito-idp` find the same operation and flag names here. scripts/gen-catalog.mjs
// carries the same function for operation names; test/api-names.test.ts checks both agree.

const SPECIAL_PLURAL = /[A-Z]{2,}s$/; // GatewayARNs → gateway-arns
const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;

export function xformName(name: string, sep = "-"): string {
  if (name.includes(sep)) return name;
  let out = name;
  const m = SPECIAL_PLURAL.exec(out);
  if (m) out = `${out.slice(0, m.index)}${sep}${m[0].toLowerCase()}`;
  out = out.replace(FIRST_CAP, `$1${sep}$2`);
  return out.replace(END_CAP, `$1${sep}$2`).toLowerCase();
}

/** AdminCreateUser → admin-create-user, GetCSVHeader → get-csv-header. */
export function toCliName(operationName: string): string {
  return xformName(operationName);
}

/** UserPoolId → --user-pool-id. */
export function toFlagName(memberName: string): string {
  return `--${xformName(memberName)}`;
}
