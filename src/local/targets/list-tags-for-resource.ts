import type { ListTagsForResourceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { poolIdFromArn } from "../services/ids.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListTagsForResourceRequest>((input, { services }) => {
  const pool = services.pools.get(poolIdFromArn(input.ResourceArn as string));
  return { Tags: pool.data.UserPoolTags ?? {} };
});
