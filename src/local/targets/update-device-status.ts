// UpdateDeviceStatus: remember or stop remembering one of the signed-in user's devices.
import type { UpdateDeviceStatusRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { updateDeviceStatus } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateDeviceStatusRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  return updateDeviceStatus(services, pool, user, input.DeviceKey as string, input.DeviceRememberedStatus);
});
