// AdminListDevices: the devices of any user of the pool, paged.
import type { AdminListDevicesRequest } from "@aws-sdk/client-cognito-identity-provider";
import { listDevices } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminListDevicesRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return listDevices(
    services,
    pool,
    services.users.get(pool, input.Username as string),
    input.Limit,
    input.PaginationToken,
  );
});
