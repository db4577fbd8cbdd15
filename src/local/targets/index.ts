// The registry: operation name → lazy import of its file. Adding an operation = one file in this
// folder + one line here. Operations of the service model missing from this list answer
// UnsupportedOperationException ("<Op> is not supported by the cogctl local endpoint yet").
import type { Target } from "./target.js";

type Loader = () => Promise<{ default: Target }>;

export const targets: Record<string, Loader> = {
  // user pools
  CreateUserPool: () => import("./create-user-pool.js"),
  DescribeUserPool: () => import("./describe-user-pool.js"),
  UpdateUserPool: () => import("./update-user-pool.js"),
  DeleteUserPool: () => import("./delete-user-pool.js"),
  ListUserPools: () => import("./list-user-pools.js"),
  // app clients
  CreateUserPoolClient: () => import("./create-user-pool-client.js"),
  DescribeUserPoolClient: () => import("./describe-user-pool-client.js"),
  UpdateUserPoolClient: () => import("./update-user-pool-client.js"),
  DeleteUserPoolClient: () => import("./delete-user-pool-client.js"),
  ListUserPoolClients: () => import("./list-user-pool-clients.js"),
  // users
  AdminCreateUser: () => import("./admin-create-user.js"),
  AdminGetUser: () => import("./admin-get-user.js"),
  ListUsers: () => import("./list-users.js"),
};
