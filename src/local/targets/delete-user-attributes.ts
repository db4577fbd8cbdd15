// DeleteUserAttributes: the signed-in user removes attributes (required ones cannot go).
import type { DeleteUserAttributesRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteUserAttributesRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  const names = input.UserAttributeNames ?? [];
  const schema = new Map((pool.data.SchemaAttributes ?? []).map((a) => [a.Name as string, a]));
  for (const n of names) {
    const def = schema.get(n);
    if (n === "sub" || def?.Required)
      throw new InvalidParameterException(`Cannot delete required attribute: ${n}`);
    if (!def && !n.startsWith("custom:")) throw new InvalidParameterException(`Invalid attribute name: ${n}`);
  }
  services.users.updateAttributes(pool, user, {}, names);
  return {};
});
