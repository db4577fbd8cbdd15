// UpdateResourceServer replaces Name and Scopes (scopes left out are removed, as in the service).
import type { UpdateResourceServerRequest } from "@aws-sdk/client-cognito-identity-provider";
import {
  checkScopes,
  describeResourceServer,
  getResourceServer,
  type ResourceServerData,
} from "../services/resource-servers.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateResourceServerRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  getResourceServer(services, pool.id, input.Identifier as string);
  checkScopes(input.Scopes);
  const rs: ResourceServerData = {
    Identifier: input.Identifier as string,
    Name: input.Name as string,
    ...(input.Scopes ? { Scopes: input.Scopes } : {}),
  };
  services.resources.put(pool.id, "resource-server", rs.Identifier, rs);
  return { ResourceServer: describeResourceServer(pool.id, rs) };
});
