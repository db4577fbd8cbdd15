import type { AdminDeleteUserAttributesRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminDeleteUserAttributesRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  const schema = new Map(
    (pool.data.SchemaAttributes ?? []).map((a) => [(a.Name as string).replace(/^dev:/, ""), a]),
  );
  for (const name of input.UserAttributeNames ?? []) {
    const def = schema.get(name);
    if (!def) {
      throw new InvalidParameterException(
        `Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`,
      );
    }
    if (name === "sub" || def.Mutable === false)
      throw new InvalidParameterException(`Cannot modify the non-mutable attribute ${name}`);
    if (def.Required)
      throw new InvalidParameterException(
        `Attributes did not conform to the schema: ${name}: The attribute ${name} is required`,
      );
  }
  const remove = [...(input.UserAttributeNames ?? [])];
  // Deleting email / phone_number also drops its verified flag.
  for (const n of ["email", "phone_number"]) if (remove.includes(n)) remove.push(`${n}_verified`);
  services.users.updateAttributes(pool, user, {}, remove);
  return {};
});
