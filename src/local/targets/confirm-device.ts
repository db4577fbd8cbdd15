// ConfirmDevice: the signed-in user's device sends its SRP verifier (COGNITO-FACTS §4).
import type { ConfirmDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { signedInUser } from "../signin/access.js";
import { confirmDevice } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<ConfirmDeviceRequest>(async (input, { services, headers }) => {
  const { pool, user, claims } = await signedInUser(services, input.AccessToken);
  const deviceKey = input.DeviceKey as string;
  if (claims.deviceKey && claims.deviceKey !== deviceKey) {
    throw new InvalidParameterException("The device key does not match the access token.");
  }
  const ip = headers["x-forwarded-for"]?.split(",")[0]?.trim();
  return confirmDevice(
    services,
    pool,
    user,
    deviceKey,
    input.DeviceSecretVerifierConfig,
    input.DeviceName,
    ip,
  );
});
