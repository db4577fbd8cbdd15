// AdminGetDevice: a device of any user of the pool.
import type { AdminGetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { getDevice } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminGetDeviceRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return getDevice(
    services,
    pool,
    services.users.get(pool, input.Username as string),
    input.DeviceKey as string,
  );
});
