// AdminDeleteSoftwareToken: forgets the user's TOTP factor (registered or awaiting verification) and
// any preference for it; other MFA factors stay as they are. A user without one is left unchanged.
import type { AdminDeleteSoftwareTokenRequest } from "@aws-sdk/client-cognito-identity-provider";
import { type MfaSettings, mfaSettings } from "../services/mfa.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminDeleteSoftwareTokenRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  services.users.modify(pool, user, (u) => {
    const { totp: _totp, pendingTotp: _pending, ...rest } = mfaSettings(u);
    const next: MfaSettings = {
      ...rest,
      enabled: (rest.enabled ?? []).filter((m) => m !== "SOFTWARE_TOKEN_MFA"),
    };
    if (next.preferred === "SOFTWARE_TOKEN_MFA") delete next.preferred;
    u.data.mfa = next;
  });
  return {};
});
