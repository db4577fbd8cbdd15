// ForgetDevice: the signed-in user forgets a device (its key no longer signs in).
import type { ForgetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { signedInUser } from "../signin/access.js";
import { forgetDevice } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<ForgetDeviceRequest>(async (input, { services }) => {
  const { pool, user, claims } = await signedInUser(services, input.AccessToken);
  const key = input.DeviceKey ?? claims.deviceKey;
  if (!key) throw new InvalidParameterException("DeviceKey is required.");
  return forgetDevice(services, pool, user, key);
});
