// AdminUpdateDeviceStatus: remember or forget-to-remember a device of any user.
import type { AdminUpdateDeviceStatusRequest } from "@aws-sdk/client-cognito-identity-provider";
import { updateDeviceStatus } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminUpdateDeviceStatusRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  return updateDeviceStatus(services, pool, user, input.DeviceKey as string, input.DeviceRememberedStatus);
});
