// ListDevices: the signed-in user's confirmed devices, paged.
import type { ListDevicesRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { listDevices } from "../signin/device-ops.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListDevicesRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  return listDevices(services, pool, user, input.Limit, input.PaginationToken);
});
