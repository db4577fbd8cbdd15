// `users template --example`: one row a pool accepts, to copy and edit. It follows the pool (MFA
// mode, an auto-verified attribute marked verified, required and custom attributes within their
// bounds) and shows the dialect's one trick, `\,`, in the address.
import { escapeValue } from "../csv-rules.js";
import { columnName } from "./rules.js";
import type { ImportPool } from "./types.js";

const SAMPLES: Record<string, string> = {
  name: "Jane Doe",
  given_name: "Jane",
  family_name: "Doe",
  middle_name: "Q",
  nickname: "jane",
  preferred_username: "jane.doe",
  profile: "https://example.com/jane",
  picture: "https://example.com/jane.png",
  website: "https://example.com",
  email: "jane.doe@example.com",
  gender: "female",
  birthdate: "04/23/1990",
  zoneinfo: "America/New_York",
  locale: "en-US",
  phone_number: "+12065550100",
  address: "1 Main St, Springfield",
  updated_at: "1700000000",
};

/** The columns a plain example fills even when the pool does not require them. */
const ALWAYS = ["name", "given_name", "family_name", "email"];

function customSample(pool: ImportPool, column: string): string {
  const def = pool.schema.find((a) => columnName(a) === column);
  switch (def?.AttributeDataType) {
    case "Number": {
      const min = def.NumberAttributeConstraints?.MinValue;
      const max = def.NumberAttributeConstraints?.MaxValue;
      if (min !== undefined) return min;
      if (max !== undefined && Number(max) < 1) return max;
      return "1";
    }
    case "Boolean":
      return "false";
    case "DateTime":
      return "2024-01-01T00:00:00Z";
    default: {
      const min = Number(def?.StringAttributeConstraints?.MinLength ?? 0);
      const max = Number(def?.StringAttributeConstraints?.MaxLength ?? 2048);
      const word = "example";
      const text = word.length >= min ? word : word.padEnd(min, "x");
      return text.slice(0, Math.max(1, max));
    }
  }
}

/** The example row's values, by column (empty for the columns it leaves out). */
export function exampleValues(pool: ImportPool): Record<string, string> {
  const values: Record<string, string> = {};
  const required = new Set(pool.schema.filter((a) => a.Required).map(columnName));
  const verify = pool.autoVerified.length ? pool.autoVerified : ["email"];
  for (const column of pool.header) {
    let value = "";
    if (column === "cognito:username") value = "jane.doe";
    else if (column === "cognito:mfa_enabled") value = pool.mfa === "ON" ? "true" : "false";
    else if (column === "email_verified" || column === "phone_number_verified")
      value = verify.includes(column.replace(/_verified$/, "")) ? "true" : "false";
    else if (column.startsWith("custom:")) value = customSample(pool, column);
    else if (
      ALWAYS.includes(column) ||
      required.has(column) ||
      verify.includes(column) ||
      column === "address"
    )
      value = SAMPLES[column] ?? "example";
    values[column] = value;
  }
  return values;
}

/** The example row as a line of the file, in the header's order, escaped. */
export function exampleRow(pool: ImportPool): string {
  const values = exampleValues(pool);
  return pool.header.map((c) => escapeValue(values[c] ?? "")).join(",");
}
