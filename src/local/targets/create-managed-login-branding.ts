// CreateManagedLoginBranding: the managed login style of an app client (settings document + assets).
import type { CreateManagedLoginBrandingRequest } from "@aws-sdk/client-cognito-identity-provider";
import { type BrandingAsset, BrandingService } from "../services/branding.js";
import { defineTarget } from "./target.js";

export default defineTarget<CreateManagedLoginBrandingRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  const branding = services.branding.create(pool.id, client.ClientId as string, {
    UseCognitoProvidedValues: input.UseCognitoProvidedValues,
    Settings: input.Settings,
    Assets: input.Assets as BrandingAsset[] | undefined,
  });
  return { ManagedLoginBranding: BrandingService.describe(branding) };
});
