// DescribeManagedLoginBranding: a branding style by id. ReturnMergedResources changes nothing locally
// (there is no Cognito default style document to merge with).
import type { DescribeManagedLoginBrandingRequest } from "@aws-sdk/client-cognito-identity-provider";
import { BrandingService } from "../services/branding.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeManagedLoginBrandingRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const branding = services.branding.get(pool.id, input.ManagedLoginBrandingId as string);
  return { ManagedLoginBranding: BrandingService.describe(branding) };
});
