// AdminUpdateUserAttributes: schema and mutability checks; a changed email/phone_number becomes
// unverified (unless *_verified is set in the same call) and, when the pool auto-verifies it, a
// verification code goes to the outbox and to user.data.attributeVerification (read by
// VerifyUserAttribute).
import type { AdminUpdateUserAttributesRequest } from "@aws-sdk/client-cognito-identity-provider";
import { newCode } from "../services/ids.js";
import { MessagesService } from "../services/messages.js";
import { validateAttributes } from "../services/schema.js";
import { defineTarget } from "./target.js";

const CODE_VALIDITY_MS = 24 * 3600 * 1000;

export default defineTarget<AdminUpdateUserAttributesRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  const attrs = input.UserAttributes ?? [];
  const set = validateAttributes(pool.data.SchemaAttributes ?? [], attrs, "update");
  const toVerify: ("email" | "phone_number")[] = [];
  for (const kind of ["email", "phone_number"] as const) {
    if (
      set[kind] !== undefined &&
      set[kind] !== user.attributes[kind] &&
      set[`${kind}_verified`] === undefined
    ) {
      set[`${kind}_verified`] = "false";
      if (pool.data.AutoVerifiedAttributes?.includes(kind)) toVerify.push(kind);
    }
  }
  const updated = services.users.updateAttributes(pool, user, set);
  for (const kind of toVerify) {
    const code = newCode();
    const channel = kind === "email" ? "EMAIL" : "SMS";
    services.messages.send({
      poolId: pool.id,
      username: updated.username,
      channel,
      destination: set[kind],
      kind: "ATTRIBUTE_VERIFICATION",
      subject:
        channel === "EMAIL"
          ? (pool.data.VerificationMessageTemplate?.EmailSubject ?? "Your verification code")
          : undefined,
      message: `Your verification code is ${code}.`,
      code,
    });
    services.users.modify(pool, updated, (u) => {
      const pending = (u.data.attributeVerification ?? {}) as Record<
        string,
        { code: string; expires: number }
      >;
      pending[kind] = { code, expires: services.clock().getTime() + CODE_VALIDITY_MS };
      u.data.attributeVerification = pending;
    });
  }
  return {
    CodeDeliveryDetailsList: toVerify.map((kind) => {
      const d = { channel: kind === "email" ? ("EMAIL" as const) : ("SMS" as const), destination: set[kind] };
      return { Destination: MessagesService.mask(d), DeliveryMedium: d.channel, AttributeName: kind };
    }),
  };
});
