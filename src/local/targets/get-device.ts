// GetDevice: one of the signed-in user's devices.
import type { GetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { getDevice } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetDeviceRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  return getDevice(services, pool, user, input.DeviceKey as string);
});
