// DeleteManagedLoginBranding: removes a branding style by id.
import type { DeleteManagedLoginBrandingRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteManagedLoginBrandingRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  services.branding.delete(pool.id, input.ManagedLoginBrandingId as string);
  return {};
});
