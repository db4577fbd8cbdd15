// DescribeManagedLoginBrandingByClient: the branding style assigned to an app client.
import type { DescribeManagedLoginBrandingByClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { BrandingService } from "../services/branding.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeManagedLoginBrandingByClientRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  return {
    ManagedLoginBranding: BrandingService.describe(services.branding.byClient(client.ClientId as string)),
  };
});
