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
  AdminUpdateUserAttributes: () => import("./admin-update-user-attributes.js"),
  AdminDeleteUserAttributes: () => import("./admin-delete-user-attributes.js"),
  AdminEnableUser: () => import("./admin-enable-user.js"),
  AdminDisableUser: () => import("./admin-disable-user.js"),
  AdminConfirmSignUp: () => import("./admin-confirm-sign-up.js"),
  AdminDeleteUser: () => import("./admin-delete-user.js"),
  AdminSetUserPassword: () => import("./admin-set-user-password.js"),
  AdminResetUserPassword: () => import("./admin-reset-user-password.js"),
  // groups
  CreateGroup: () => import("./create-group.js"),
  GetGroup: () => import("./get-group.js"),
  UpdateGroup: () => import("./update-group.js"),
  DeleteGroup: () => import("./delete-group.js"),
  ListGroups: () => import("./list-groups.js"),
  AdminAddUserToGroup: () => import("./admin-add-user-to-group.js"),
  AdminRemoveUserFromGroup: () => import("./admin-remove-user-from-group.js"),
  AdminListGroupsForUser: () => import("./admin-list-groups-for-user.js"),
  ListUsersInGroup: () => import("./list-users-in-group.js"),
  // pool settings
  AddCustomAttributes: () => import("./add-custom-attributes.js"),
  GetUserPoolMfaConfig: () => import("./get-user-pool-mfa-config.js"),
  SetUserPoolMfaConfig: () => import("./set-user-pool-mfa-config.js"),
  GetCSVHeader: () => import("./get-csv-header.js"),
  GetSigningCertificate: () => import("./get-signing-certificate.js"),
  TagResource: () => import("./tag-resource.js"),
  UntagResource: () => import("./untag-resource.js"),
  ListTagsForResource: () => import("./list-tags-for-resource.js"),
  GetUICustomization: () => import("./get-ui-customization.js"),
  SetUICustomization: () => import("./set-ui-customization.js"),
  DescribeRiskConfiguration: () => import("./describe-risk-configuration.js"),
  SetRiskConfiguration: () => import("./set-risk-configuration.js"),
  GetLogDeliveryConfiguration: () => import("./get-log-delivery-configuration.js"),
  SetLogDeliveryConfiguration: () => import("./set-log-delivery-configuration.js"),
  // domains
  CreateUserPoolDomain: () => import("./create-user-pool-domain.js"),
  DescribeUserPoolDomain: () => import("./describe-user-pool-domain.js"),
  UpdateUserPoolDomain: () => import("./update-user-pool-domain.js"),
  DeleteUserPoolDomain: () => import("./delete-user-pool-domain.js"),
  // identity providers
  CreateIdentityProvider: () => import("./create-identity-provider.js"),
  DescribeIdentityProvider: () => import("./describe-identity-provider.js"),
  UpdateIdentityProvider: () => import("./update-identity-provider.js"),
  DeleteIdentityProvider: () => import("./delete-identity-provider.js"),
  ListIdentityProviders: () => import("./list-identity-providers.js"),
  GetIdentityProviderByIdentifier: () => import("./get-identity-provider-by-identifier.js"),
  // resource servers
  CreateResourceServer: () => import("./create-resource-server.js"),
  DescribeResourceServer: () => import("./describe-resource-server.js"),
  UpdateResourceServer: () => import("./update-resource-server.js"),
  DeleteResourceServer: () => import("./delete-resource-server.js"),
  ListResourceServers: () => import("./list-resource-servers.js"),
  // user import jobs
  CreateUserImportJob: () => import("./create-user-import-job.js"),
  DescribeUserImportJob: () => import("./describe-user-import-job.js"),
  ListUserImportJobs: () => import("./list-user-import-jobs.js"),
  StartUserImportJob: () => import("./start-user-import-job.js"),
  StopUserImportJob: () => import("./stop-user-import-job.js"),
  // authentication (issue 4)
  InitiateAuth: () => import("./initiate-auth.js"),
  AdminInitiateAuth: () => import("./admin-initiate-auth.js"),
  RespondToAuthChallenge: () => import("./respond-to-auth-challenge.js"),
  AdminRespondToAuthChallenge: () => import("./admin-respond-to-auth-challenge.js"),
};
