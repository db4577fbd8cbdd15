// The user pool attribute schema: the standard attributes every pool has, custom attributes, and the
// checks AdminCreateUser / AdminUpdateUserAttributes / imports apply to user attributes.
import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";

const str = (name: string, extra: Partial<SchemaAttributeType> = {}): SchemaAttributeType => ({
  Name: name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" },
  ...extra,
});
const bool = (name: string): SchemaAttributeType => ({
  Name: name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** The standard (OIDC) attributes, in the order DescribeUserPool lists them. */
export function standardAttributes(): SchemaAttributeType[] {
  return [
    str("sub", {
      Mutable: false,
      Required: true,
      StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" },
    }),
    str("name"),
    str("given_name"),
    str("family_name"),
    str("middle_name"),
    str("nickname"),
    str("preferred_username"),
    str("profile"),
    str("picture"),
    str("website"),
    str("email"),
    bool("email_verified"),
    str("gender"),
    str("birthdate", { StringAttributeConstraints: { MinLength: "10", MaxLength: "10" } }),
    str("zoneinfo"),
    str("locale"),
    str("phone_number"),
    bool("phone_number_verified"),
    str("address"),
    {
      Name: "updated_at",
      AttributeDataType: "Number",
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: "0" },
    },
    str("identities", { Mutable: true }),
  ];
}

export const STANDARD_NAMES = new Set(standardAttributes().map((a) => a.Name as string));
export const MAX_CUSTOM_ATTRIBUTES = 50;

/**
 * Merges CreateUserPool's Schema into the standard list: entries naming a standard attribute change
 * its Required/Mutable/constraints; any other name becomes `custom:<name>` (or `dev:custom:<name>`).
 */
export function buildSchema(input: SchemaAttributeType[] | undefined): SchemaAttributeType[] {
  const schema = standardAttributes();
  const custom: SchemaAttributeType[] = [];
  for (const attr of input ?? []) {
    const name = attr.Name ?? "";
    if (STANDARD_NAMES.has(name)) {
      const std = schema.find((a) => a.Name === name) as SchemaAttributeType;
      if (name === "sub") continue;
      if (attr.AttributeDataType && attr.AttributeDataType !== std.AttributeDataType) {
        throw new InvalidParameterException(
          `Invalid AttributeDataType input, consider using the provided AttributeDataType enum.`,
        );
      }
      if (attr.Required !== undefined) std.Required = attr.Required;
      if (attr.Mutable !== undefined) std.Mutable = attr.Mutable;
      if (attr.StringAttributeConstraints && std.StringAttributeConstraints) {
        std.StringAttributeConstraints = {
          ...std.StringAttributeConstraints,
          ...attr.StringAttributeConstraints,
        };
      }
      continue;
    }
    custom.push(customAttribute(attr));
  }
  checkCustomCount(custom.length);
  return [...schema, ...custom];
}

function checkCustomCount(n: number): void {
  if (n > MAX_CUSTOM_ATTRIBUTES) {
    throw new InvalidParameterException(
      `A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`,
    );
  }
}

/** A custom attribute definition as the service stores it. */
export function customAttribute(attr: SchemaAttributeType): SchemaAttributeType {
  const raw = (attr.Name ?? "").replace(/^(dev:)?custom:/, "");
  if (!raw) throw new InvalidParameterException("Attribute name is required for a custom attribute.");
  if (attr.Required) {
    throw new InvalidParameterException("Required custom attributes are not supported currently.");
  }
  const type = attr.AttributeDataType ?? "String";
  const out: SchemaAttributeType = {
    Name: `${attr.DeveloperOnlyAttribute ? "dev:" : ""}custom:${raw}`,
    AttributeDataType: type,
    DeveloperOnlyAttribute: attr.DeveloperOnlyAttribute ?? false,
    Mutable: attr.Mutable ?? true,
    Required: false,
  };
  if (type === "String") out.StringAttributeConstraints = attr.StringAttributeConstraints ?? {};
  if (type === "Number") out.NumberAttributeConstraints = attr.NumberAttributeConstraints ?? {};
  return out;
}

/** AddCustomAttributes: appends to the schema, refusing duplicates. */
export function addCustomAttributes(
  schema: SchemaAttributeType[],
  add: SchemaAttributeType[],
): SchemaAttributeType[] {
  const out = [...schema];
  for (const attr of add) {
    const def = customAttribute(attr);
    if (
      out.some((a) => a.Name === def.Name || a.Name === `dev:${def.Name}` || `dev:${a.Name}` === def.Name)
    ) {
      throw new InvalidParameterException(`${def.Name}: Existing attribute already has name ${def.Name}.`);
    }
    out.push(def);
  }
  checkCustomCount(out.filter((a) => !STANDARD_NAMES.has(a.Name as string)).length);
  return out;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;
const BIRTHDATE = /^\d{4}-\d{2}-\d{2}$/;

export type AttributeMode = "create" | "update";

function fail(detail: string): never {
  throw new InvalidParameterException(`Attributes did not conform to the schema: ${detail}`);
}

/**
 * Checks attribute names, types, lengths, formats and mutability against the pool schema and
 * returns them as name → value. A name given twice is refused (no silent "last one wins").
 * `dev:custom:` attributes are visible to admins under `custom:` as well.
 */
export function validateAttributes(
  schema: SchemaAttributeType[],
  attrs: { Name?: string; Value?: string }[],
  mode: AttributeMode,
): Record<string, string> {
  const names = attrs.map((a) => a.Name ?? "");
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (duplicates.length) {
    throw new InvalidParameterException(`Duplicate attribute name(s): ${duplicates.join(", ")}`);
  }
  const byName = new Map(schema.map((a) => [a.Name as string, a]));
  const out: Record<string, string> = {};
  for (const { Name, Value } of attrs) {
    const name = Name ?? "";
    const def = byName.get(name) ?? byName.get(`dev:${name}`);
    if (!def) fail(`Type for attribute {${name}} could not be determined`);
    if (name === "sub") {
      throw new InvalidParameterException(`Cannot modify the non-mutable attribute sub`);
    }
    if (mode === "update" && def.Mutable === false) {
      throw new InvalidParameterException(`Cannot modify the non-mutable attribute ${name}`);
    }
    const value = Value ?? "";
    switch (def.AttributeDataType) {
      case "Boolean":
        if (value !== "true" && value !== "false") fail(`${name}: Value must be either true or false.`);
        break;
      case "Number": {
        if (value !== "" && !/^-?\d+(\.\d+)?$/.test(value)) fail(`${name}: Number must be a valid number.`);
        const c = def.NumberAttributeConstraints;
        if (c?.MinValue !== undefined && Number(value) < Number(c.MinValue)) {
          fail(`${name}: Number must be greater than or equal to ${c.MinValue}`);
        }
        if (c?.MaxValue !== undefined && Number(value) > Number(c.MaxValue)) {
          fail(`${name}: Number must be less than or equal to ${c.MaxValue}`);
        }
        break;
      }
      case "DateTime":
        if (value !== "" && Number.isNaN(Date.parse(value))) fail(`${name}: Value must be a valid date.`);
        break;
      default: {
        const c = def.StringAttributeConstraints;
        const len = [...value].length;
        if (c?.MaxLength !== undefined && len > Number(c.MaxLength)) {
          fail(`${name}: String must be no longer than ${c.MaxLength} characters`);
        }
        if (c?.MinLength !== undefined && len < Number(c.MinLength) && value !== "") {
          fail(`${name}: String must be no shorter than ${c.MinLength} characters`);
        }
      }
    }
    if (name === "email" && value !== "" && !EMAIL.test(value)) {
      throw new InvalidParameterException("Invalid email address format.");
    }
    if (name === "phone_number" && value !== "" && !PHONE.test(value)) {
      throw new InvalidParameterException("Invalid phone number format.");
    }
    if (name === "birthdate" && value !== "" && !BIRTHDATE.test(value)) {
      fail(`birthdate: Birthdate must be in format YYYY-MM-DD.`);
    }
    out[name] = value;
  }
  return out;
}

/** Required attributes missing from a new user's attributes. */
export function checkRequired(schema: SchemaAttributeType[], attrs: Record<string, string>): void {
  for (const def of schema) {
    if (def.Required && def.Name !== "sub" && !attrs[def.Name as string]) {
      fail(`${def.Name}: The attribute ${def.Name} is required`);
    }
  }
}
