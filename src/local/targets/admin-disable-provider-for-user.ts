// AdminDisableProviderForUser: removes the link between an external provider user and any native
// user, and disables the provider user's own profile (username `<Provider>_<id>`) if there is one.
import type { AdminDisableProviderForUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { parseIdentities, usersLinkedTo } from "../signin/provider-links.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminDisableProviderForUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { ProviderName: provider, ProviderAttributeValue: userId } = input.User ?? {};
  if (!provider || provider === "Cognito" || !userId) {
    throw new InvalidParameterException("User must name an external identity provider and its user id.");
  }
  for (const name of usersLinkedTo(services.db, pool, userId)) {
    const user = services.users.find(pool, name);
    if (!user) continue;
    const all = parseIdentities(user.attributes.identities);
    const kept = all.filter((i) => !(i.providerName === provider && i.userId === userId));
    if (kept.length === all.length) continue;
    if (kept.length) services.users.updateAttributes(pool, user, { identities: JSON.stringify(kept) });
    else services.users.updateAttributes(pool, user, {}, ["identities"]);
  }
  const federated = services.users.find(pool, `${provider}_${userId}`);
  if (federated) {
    services.users.modify(pool, federated, (u) => {
      u.enabled = false;
      u.data.tokensRevokedAt = services.clock().getTime();
    });
  }
  return {};
});
