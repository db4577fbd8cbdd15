// UpdateManagedLoginBranding: new settings and/or assets (omitted ones stay), or back to the Cognito
// defaults with UseCognitoProvidedValues.
import type { UpdateManagedLoginBrandingRequest } from "@aws-sdk/client-cognito-identity-provider";
import { type BrandingAsset, BrandingService } from "../services/branding.js";
import { checkServiceRule } from "../validate.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateManagedLoginBrandingRequest>((input, { services }) => {
  // The model makes both ids optional (a style can be named by client elsewhere), but the service
  // needs both to find the style to update.
  checkServiceRule(input.UserPoolId, "UserPoolId", { required: true });
  checkServiceRule(input.ManagedLoginBrandingId, "ManagedLoginBrandingId", { required: true });
  const pool = services.pools.get(input.UserPoolId as string);
  const branding = services.branding.update(pool.id, input.ManagedLoginBrandingId as string, {
    UseCognitoProvidedValues: input.UseCognitoProvidedValues,
    Settings: input.Settings,
    Assets: input.Assets as BrandingAsset[] | undefined,
  });
  return { ManagedLoginBranding: BrandingService.describe(branding) };
});
