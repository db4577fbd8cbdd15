// AdminLinkProviderForUser: links a user of an external identity provider (SourceUser) to an
// existing native user (DestinationUser) by adding it to the destination's `identities`.
import type { AdminLinkProviderForUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { AliasExistsException, InvalidParameterException } from "../errors.js";
import type { ProviderData } from "../services/identity-providers.js";
import { parseIdentities, usersLinkedTo } from "../signin/provider-links.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminLinkProviderForUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const dest = input.DestinationUser ?? {};
  const src = input.SourceUser ?? {};
  if (dest.ProviderName !== "Cognito") {
    throw new InvalidParameterException("DestinationUser ProviderName must be Cognito.");
  }
  if (!src.ProviderName || src.ProviderName === "Cognito") {
    throw new InvalidParameterException("SourceUser ProviderName must be an external identity provider.");
  }
  const provider = services.resources.get<ProviderData>(pool.id, "identity-provider", src.ProviderName);
  if (!provider) throw new InvalidParameterException(`Provider ${src.ProviderName} does not exist.`);
  const user = services.users.get(pool, dest.ProviderAttributeValue as string);
  const userId = src.ProviderAttributeValue as string;
  for (const other of usersLinkedTo(services.db, pool, userId)) {
    const linked = parseIdentities(services.users.find(pool, other)?.attributes.identities);
    if (linked.some((i) => i.providerName === src.ProviderName && i.userId === userId)) {
      throw new AliasExistsException(
        "Merging is not currently supported, provide a SourceUser that has not been linked to another user.",
      );
    }
  }
  const identities = parseIdentities(user.attributes.identities);
  identities.push({
    userId,
    providerName: src.ProviderName,
    providerType: provider.data.ProviderType,
    issuer: null,
    primary: false,
    dateCreated: services.clock().getTime(),
  });
  services.users.updateAttributes(pool, user, { identities: JSON.stringify(identities) });
  return {};
});
