import type { DeleteResourceServerRequest } from "@aws-sdk/client-cognito-identity-provider";
import { getResourceServer } from "../services/resource-servers.js";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteResourceServerRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  getResourceServer(services, pool.id, input.Identifier as string);
  services.resources.delete(pool.id, "resource-server", input.Identifier as string);
  return {};
});
