import type { ListIdentityProvidersRequest } from "@aws-sdk/client-cognito-identity-provider";
import type { ProviderData } from "../services/identity-providers.js";
import { toEpochSeconds } from "../services/ids.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListIdentityProvidersRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { items, token } = services.resources.list<ProviderData>(
    pool.id,
    "identity-provider",
    input.MaxResults || 60,
    input.NextToken,
  );
  return {
    Providers: items.map((i) => ({
      ProviderName: i.data.ProviderName,
      ProviderType: i.data.ProviderType,
      LastModifiedDate: toEpochSeconds(i.data.LastModified),
      CreationDate: toEpochSeconds(i.created),
    })),
    ...(token ? { NextToken: token } : {}),
  };
});
