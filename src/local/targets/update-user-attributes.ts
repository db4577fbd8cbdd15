// UpdateUserAttributes: the signed-in user changes their attributes (schema and client write
// permissions checked); a changed email or phone that the pool auto-verifies becomes unverified and
// gets a verification code.
import type { UpdateUserAttributesRequest } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorizedException } from "../errors.js";
import { validateAttributes } from "../services/schema.js";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateUserAttributesRequest>(async (input, { services }) => {
  const { pool, user, claims } = await signedInUser(services, input.AccessToken);
  const list = input.UserAttributes ?? [];
  const client = services.clients.find(claims.clientId);
  const writable = client?.WriteAttributes?.length ? new Set(client.WriteAttributes) : undefined;
  for (const a of list) {
    if (writable && !writable.has(a.Name as string)) {
      throw new NotAuthorizedException(`A client attempted to write unauthorized attribute`);
    }
  }
  const set = validateAttributes(pool.data.SchemaAttributes ?? [], list, "update");
  const auto = pool.data.AutoVerifiedAttributes ?? [];
  const toVerify = (["email", "phone_number"] as const).filter(
    (k) => set[k] !== undefined && set[k] !== user.attributes[k] && set[`${k}_verified`] === undefined,
  );
  for (const k of toVerify) set[`${k}_verified`] = "false";
  const updated = services.users.updateAttributes(pool, user, set);
  const details = toVerify
    .filter((k) => auto.includes(k))
    .map((k) =>
      services.codes.send(pool, updated, `VERIFY:${k}`, {
        channel: k === "email" ? "EMAIL" : "SMS",
        destination: set[k],
      }),
    );
  return details.length ? { CodeDeliveryDetailsList: details } : {};
});
