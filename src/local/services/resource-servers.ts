// Resource servers and their custom scopes (`<identifier>/<scope>` in app clients' AllowedOAuthScopes).
import type { ResourceServerScopeType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException, ResourceNotFoundException } from "../errors.js";
import type { LocalServices } from "./index.js";

export interface ResourceServerData {
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScopeType[];
}

export function checkScopes(scopes: ResourceServerScopeType[] | undefined): void {
  const seen = new Set<string>();
  for (const s of scopes ?? []) {
    if (seen.has(s.ScopeName as string))
      throw new InvalidParameterException(`Duplicate scope name ${s.ScopeName}.`);
    seen.add(s.ScopeName as string);
  }
}

export function getResourceServer(services: LocalServices, poolId: string, id: string): ResourceServerData {
  const rs = services.resources.get<ResourceServerData>(poolId, "resource-server", id);
  if (!rs) throw new ResourceNotFoundException(`Resource server ${id} does not exist.`);
  return rs.data;
}

export const describeResourceServer = (poolId: string, rs: ResourceServerData) => ({
  UserPoolId: poolId,
  ...rs,
  Scopes: rs.Scopes ?? [],
});
