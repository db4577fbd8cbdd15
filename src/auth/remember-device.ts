// --remember-device: confirm the device the service just created (ConfirmDevice with a device
// verifier, COGNITO-FACTS §4) and keep its secret, so later sign-ins prove the device by device SRP
// and skip MFA.

import { createDeviceVerifier, type DeviceSecret } from "../cognito/crypto/index.js";
import type { CognitoCall } from "../kernel/cognito-call.js";

export async function confirmNewDevice(
  call: CognitoCall,
  accessToken: string,
  metadata: { DeviceKey: string; DeviceGroupKey: string },
  deviceName: string,
): Promise<DeviceSecret> {
  const { randomPassword, config } = createDeviceVerifier(metadata.DeviceGroupKey, metadata.DeviceKey);
  const confirmed = await call("ConfirmDevice", {
    AccessToken: accessToken,
    DeviceKey: metadata.DeviceKey,
    DeviceName: deviceName,
    DeviceSecretVerifierConfig: config,
  });
  // Pools that remember devices "on user opt-in" need the opt-in said out loud.
  if (confirmed.UserConfirmationNecessary) {
    await call("UpdateDeviceStatus", {
      AccessToken: accessToken,
      DeviceKey: metadata.DeviceKey,
      DeviceRememberedStatus: "remembered",
    });
  }
  return { deviceKey: metadata.DeviceKey, deviceGroupKey: metadata.DeviceGroupKey, randomPassword };
}
