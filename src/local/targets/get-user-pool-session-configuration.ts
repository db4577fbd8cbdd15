// GetUserPoolSessionConfiguration: the pool's session tracking settings (defaults DISABLED / 20).
import type { GetUserPoolSessionConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<GetUserPoolSessionConfigurationRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { UserPoolId: pool.id, ...services.sessionConfig.forPool(pool.id) };
});
