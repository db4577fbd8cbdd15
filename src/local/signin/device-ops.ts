// The device operations in their two forms (signed-in user with AccessToken, or Admin* with pool and
// username) share these bodies.
import type { DeviceSecretVerifierConfigType } from "@aws-sdk/client-cognito-identity-provider";
import { deviceVerifierFromConfig } from "../../cognito/crypto/index.js";
import { InvalidParameterException } from "../errors.js";
import { DevicesService, type RememberedStatus } from "../services/devices.js";
import type { LocalServices } from "../services/index.js";
import type { Pool } from "../services/pools.js";
import type { User } from "../services/users.js";

export function getDevice(services: LocalServices, pool: Pool, user: User, deviceKey: string) {
  return { Device: DevicesService.toDeviceType(services.devices.get(pool, user, deviceKey)) };
}

export function listDevices(
  services: LocalServices,
  pool: Pool,
  user: User,
  limit: number | undefined,
  token?: string,
) {
  const page = services.devices.list(pool, user, limit || 60, token);
  return {
    Devices: page.devices.filter((d) => d.data.confirmed).map(DevicesService.toDeviceType),
    ...(page.token ? { PaginationToken: page.token } : {}),
  };
}

export function updateDeviceStatus(
  services: LocalServices,
  pool: Pool,
  user: User,
  deviceKey: string,
  status: string | undefined,
) {
  const device = services.devices.get(pool, user, deviceKey);
  services.devices.update(device, (d) => {
    d.status = (status ?? "not_remembered") as RememberedStatus;
  });
  return {};
}

export function forgetDevice(services: LocalServices, pool: Pool, user: User, deviceKey: string) {
  services.devices.forget(services.devices.get(pool, user, deviceKey));
  return {};
}

/**
 * ConfirmDevice: stores the device's SRP verifier. The device is remembered at once unless the pool
 * only remembers devices on the user's prompt (then UserConfirmationNecessary is true and the app
 * calls UpdateDeviceStatus).
 */
export function confirmDevice(
  services: LocalServices,
  pool: Pool,
  user: User,
  deviceKey: string,
  config: DeviceSecretVerifierConfigType | undefined,
  name: string | undefined,
  ip: string | undefined,
) {
  const device = services.devices.get(pool, user, deviceKey);
  let stored: { salt: string; verifier: string };
  try {
    stored = deviceVerifierFromConfig({
      PasswordVerifier: config?.PasswordVerifier ?? "",
      Salt: config?.Salt ?? "",
    });
  } catch (err) {
    throw new InvalidParameterException((err as Error).message);
  }
  const onPrompt = pool.data.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
  services.devices.update(device, (d) => {
    d.salt = stored.salt;
    d.verifier = stored.verifier;
    d.confirmed = true;
    d.name = name ?? d.name;
    d.lastIp = ip ?? d.lastIp;
    if (!onPrompt) d.status = "remembered";
  });
  return { UserConfirmationNecessary: onPrompt };
}
