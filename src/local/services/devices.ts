// Remembered devices (COGNITO-FACTS §4). A device is created when a sign-in in a pool with device
// tracking returns NewDeviceMetadata; ConfirmDevice then stores the device's SRP salt and verifier
// (the client keeps the random password), after which DEVICE_SRP_AUTH can prove the device.
import { randomBytes, randomUUID } from "node:crypto";
import { ResourceNotFoundException } from "../errors.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { toEpochSeconds } from "./ids.js";
import { decodePage, encodePage } from "./paging.js";
import type { Pool } from "./pools.js";
import type { User } from "./users.js";

export type RememberedStatus = "remembered" | "not_remembered";

export interface DeviceData {
  name?: string;
  /** Set by ConfirmDevice: the device's SRP salt and verifier (PAD hex). */
  salt?: string;
  verifier?: string;
  status: RememberedStatus;
  confirmed: boolean;
  lastIp?: string;
  modified: number;
  lastAuthenticated?: number;
}

export interface Device {
  deviceKey: string;
  groupKey: string;
  poolId: string;
  usernameKey: string;
  created: number;
  data: DeviceData;
}

interface Row {
  device_key: string;
  group_key: string;
  pool_id: string;
  username_key: string;
  created: number;
  data: string;
}

const toDevice = (r: Row): Device => ({
  deviceKey: r.device_key,
  groupKey: r.group_key,
  poolId: r.pool_id,
  usernameKey: r.username_key,
  created: r.created,
  data: JSON.parse(r.data),
});

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export class DevicesService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly region: string,
  ) {
    this.s = {
      insert: db.prepare(
        "INSERT INTO devices (device_key, pool_id, username_key, group_key, data, created) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      get: db.prepare("SELECT * FROM devices WHERE device_key = ?"),
      update: db.prepare("UPDATE devices SET data = ? WHERE device_key = ?"),
      delete: db.prepare("DELETE FROM devices WHERE device_key = ?"),
      page: db.prepare(
        "SELECT * FROM devices WHERE pool_id = ? AND username_key = ? AND device_key > ? ORDER BY device_key LIMIT ?",
      ),
    };
  }

  /** A new, unconfirmed device for this user (NewDeviceMetadata of a sign-in). */
  create(pool: Pool, user: User): Device {
    const now = this.clock().getTime();
    const bytes = randomBytes(9);
    const groupKey = `-${[...bytes].map((b) => ALNUM[b % ALNUM.length]).join("")}`;
    const device: Device = {
      deviceKey: `${this.region}_${randomUUID()}`,
      groupKey,
      poolId: pool.id,
      usernameKey: user.usernameKey,
      created: now,
      data: { status: "not_remembered", confirmed: false, modified: now, lastAuthenticated: now },
    };
    this.s.insert.run(
      device.deviceKey,
      pool.id,
      user.usernameKey,
      groupKey,
      JSON.stringify(device.data),
      now,
    );
    return device;
  }

  find(pool: Pool, user: User, deviceKey: string): Device | undefined {
    const row = this.s.get.get(deviceKey) as Row | undefined;
    if (!row || row.pool_id !== pool.id || row.username_key !== user.usernameKey) return undefined;
    return toDevice(row);
  }

  /** The user's device, or ResourceNotFoundException "Device does not exist." (ACIJ retries on "device"). */
  get(pool: Pool, user: User, deviceKey: string): Device {
    const device = this.find(pool, user, deviceKey);
    if (!device) throw new ResourceNotFoundException("Device does not exist.");
    return device;
  }

  update(device: Device, change: (d: DeviceData) => void): Device {
    change(device.data);
    device.data.modified = this.clock().getTime();
    this.s.update.run(JSON.stringify(device.data), device.deviceKey);
    return device;
  }

  /** Records a sign-in with the device (DeviceLastAuthenticatedDate) without touching LastModified. */
  touch(device: Device): void {
    device.data.lastAuthenticated = this.clock().getTime();
    this.s.update.run(JSON.stringify(device.data), device.deviceKey);
  }

  forget(device: Device): void {
    this.s.delete.run(device.deviceKey);
  }

  /** Confirmed devices of the user, keyset-paged. */
  list(pool: Pool, user: User, limit: number, token?: string): { devices: Device[]; token?: string } {
    const rows = this.s.page.all(
      pool.id,
      user.usernameKey,
      token ? decodePage(token) : "",
      limit + 1,
    ) as Row[];
    const devices = rows.slice(0, limit).map(toDevice);
    return {
      devices,
      token:
        rows.length > limit && devices.length ? encodePage(devices[devices.length - 1].deviceKey) : undefined,
    };
  }

  /** DeviceType on the wire. */
  static toDeviceType(d: Device): Record<string, unknown> {
    const attrs = [
      { Name: "device_status", Value: "valid" },
      ...(d.data.name ? [{ Name: "device_name", Value: d.data.name }] : []),
      { Name: "dev:device_remembered_status", Value: d.data.status },
      ...(d.data.lastIp ? [{ Name: "last_ip_used", Value: d.data.lastIp }] : []),
    ];
    return {
      DeviceKey: d.deviceKey,
      DeviceAttributes: attrs,
      DeviceCreateDate: toEpochSeconds(d.created),
      DeviceLastModifiedDate: toEpochSeconds(d.data.modified),
      ...(d.data.lastAuthenticated
        ? { DeviceLastAuthenticatedDate: toEpochSeconds(d.data.lastAuthenticated) }
        : {}),
    };
  }
}
