import type { ListUsersRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListUsersRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const only = input.AttributesToGet;
  if (only) {
    const known = new Set(
      (pool.data.SchemaAttributes ?? []).map((a) => (a.Name as string).replace(/^dev:/, "")),
    );
    for (const name of only) {
      if (!known.has(name))
        throw new InvalidParameterException(`One or more requested attributes do not exist: ${name}`);
    }
  }
  // Limit 0 or absent means the maximum page (60).
  const limit = input.Limit || 60;
  const { users, token } = services.users.list(pool, {
    filter: input.Filter,
    limit,
    token: input.PaginationToken,
  });
  return {
    Users: users.map((u) => services.users.toUserType(u, only)),
    ...(token ? { PaginationToken: token } : {}),
  };
});
