// AdminForgetDevice: forget a device of any user.
import type { AdminForgetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { forgetDevice } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminForgetDeviceRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return forgetDevice(
    services,
    pool,
    services.users.get(pool, input.Username as string),
    input.DeviceKey as string,
  );
});
