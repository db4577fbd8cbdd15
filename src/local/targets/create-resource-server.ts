import type { CreateResourceServerRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import {
  checkScopes,
  describeResourceServer,
  type ResourceServerData,
} from "../services/resource-servers.js";
import { defineTarget } from "./target.js";

export default defineTarget<CreateResourceServerRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  checkScopes(input.Scopes);
  const rs: ResourceServerData = {
    Identifier: input.Identifier as string,
    Name: input.Name as string,
    ...(input.Scopes ? { Scopes: input.Scopes } : {}),
  };
  if (!services.resources.insert(pool.id, "resource-server", rs.Identifier, rs)) {
    throw new InvalidParameterException(`${rs.Identifier} already exists in user pool ${pool.id}.`);
  }
  return { ResourceServer: describeResourceServer(pool.id, rs) };
});
