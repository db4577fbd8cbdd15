import type { GetUserPoolMfaConfigRequest } from "@aws-sdk/client-cognito-identity-provider";
import { mfaConfig } from "../services/mfa-config.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetUserPoolMfaConfigRequest>((input, { services }) =>
  mfaConfig(services, services.pools.get(input.UserPoolId as string)),
);
