import type { UntagResourceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { poolIdFromArn } from "../services/ids.js";
import { defineTarget } from "./target.js";

export default defineTarget<UntagResourceRequest>((input, { services }) => {
  services.pools.update(poolIdFromArn(input.ResourceArn as string), (pool) => {
    const tags = { ...pool.data.UserPoolTags };
    for (const k of input.TagKeys ?? []) delete tags[k];
    pool.data.UserPoolTags = tags;
  });
  return {};
});
