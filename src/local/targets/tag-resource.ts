import type { TagResourceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { poolIdFromArn } from "../services/ids.js";
import { defineTarget } from "./target.js";

export default defineTarget<TagResourceRequest>((input, { services }) => {
  services.pools.update(poolIdFromArn(input.ResourceArn as string), (pool) => {
    pool.data.UserPoolTags = { ...pool.data.UserPoolTags, ...input.Tags };
  });
  return {};
});
