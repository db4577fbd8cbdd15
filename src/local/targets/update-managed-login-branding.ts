// UpdateManagedLoginBranding: new settings and/or assets (omitted ones stay), or back to the Cognito
// defaults with UseCognitoProvidedValues.
import type { UpdateManagedLoginBrandingRequest } from "@aws-sdk/client-cognito-identity-provider";
import { checkExtraInput } from "../model/extra-input-model.js";
import { type BrandingAsset, BrandingService } from "../services/branding.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateManagedLoginBrandingRequest>((input, { services }) => {
  checkExtraInput("UpdateManagedLoginBranding", input);
  const pool = services.pools.get(input.UserPoolId as string);
  const branding = services.branding.update(pool.id, input.ManagedLoginBrandingId as string, {
    UseCognitoProvidedValues: input.UseCognitoProvidedValues,
    Settings: input.Settings,
    Assets: input.Assets as BrandingAsset[] | undefined,
  });
  return { ManagedLoginBranding: BrandingService.describe(branding) };
});
