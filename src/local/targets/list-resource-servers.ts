import type { ListResourceServersRequest } from "@aws-sdk/client-cognito-identity-provider";
import { describeResourceServer, type ResourceServerData } from "../services/resource-servers.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListResourceServersRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { items, token } = services.resources.list<ResourceServerData>(
    pool.id,
    "resource-server",
    input.MaxResults ?? 50,
    input.NextToken,
  );
  return {
    ResourceServers: items.map((i) => describeResourceServer(pool.id, i.data)),
    ...(token ? { NextToken: token } : {}),
  };
});
