// Cognito's request-rate quotas (COGNITO-FACTS §11): the categories, their default rates and the
// operations each one meters. One table for the CLI's pacer (src/kernel/pacer.ts), the endpoint's
// provisioned limits and `local serve --quotas` (src/local/limits/).
//
// Where the operations come from: AWS's "Quotas in Amazon Cognito" (section "Amazon Cognito user pools
// API operation categories and request rate quotas") names each category's operations; its published
// markdown elides the lists, so they were put together from the categories' descriptions there
// ("UserResourceRead: user resource information ... such as a remembered device or a group
// membership"; "UserPoolResourceRead: resources, such as groups or resource servers, from a user
// pool"), the adjustable categories' operations as LocalStack maps them from the live page
// (GetTokensFromRefreshToken is UserAuthentication; ResendConfirmationCode, GetUserAttributeVerificationCode,
// AdminListGroupsForUser and the device reads are UserResourceRead), and, for operations newer than the
// page (sessions, WebAuthn, terms, branding, replicas), the category of their closest documented
// neighbour. ⚠ Those placements are ours, not AWS's.

/** Default requests per second per account and Region. */
export const QUOTAS = {
  UserAuthentication: 120,
  UserCreation: 50,
  UserFederation: 25,
  UserAccountRecovery: 30,
  UserRead: 120,
  UserUpdate: 25,
  UserToken: 120,
  UserResourceRead: 50,
  UserResourceUpdate: 25,
  UserList: 30,
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  UserPoolClientRead: 15,
  UserPoolClientUpdate: 15,
  ClientAuthentication: 150,
} as const;
export type QuotaCategory = keyof typeof QUOTAS;

export const QUOTA_CATEGORIES = Object.keys(QUOTAS) as QuotaCategory[];

export const CATEGORY_OPERATIONS: Record<QuotaCategory, string[]> = {
  UserAuthentication: [
    "InitiateAuth",
    "AdminInitiateAuth",
    "RespondToAuthChallenge",
    "AdminRespondToAuthChallenge",
    "GetTokensFromRefreshToken",
  ],
  UserCreation: ["SignUp", "ConfirmSignUp", "AdminCreateUser", "AdminConfirmSignUp"],
  // Federation through a third-party IdP happens on the managed-login endpoints, not the API.
  UserFederation: [],
  UserAccountRecovery: [
    "ForgotPassword",
    "ConfirmForgotPassword",
    "AdminResetUserPassword",
    "ChangePassword",
  ],
  UserRead: ["AdminGetUser", "GetUser", "AdminGetUserAuthFactors", "GetUserAuthFactors"],
  UserUpdate: [
    "AdminDisableUser",
    "AdminEnableUser",
    "AdminDeleteUser",
    "AdminSetUserPassword",
    "AdminUpdateUserAttributes",
    "AdminDeleteUserAttributes",
    "AdminSetUserMFAPreference",
    "AdminSetUserSettings",
    "AdminLinkProviderForUser",
    "AdminDisableProviderForUser",
    "AdminDeleteSoftwareToken",
    "UpdateUserAttributes",
    "DeleteUserAttributes",
    "DeleteUser",
    "SetUserMFAPreference",
    "SetUserSettings",
    "VerifyUserAttribute",
  ],
  UserToken: [
    "RevokeToken",
    "GlobalSignOut",
    "AdminUserGlobalSignOut",
    "RevokeUserSession",
    "AdminRevokeUserSession",
  ],
  UserResourceRead: [
    "AdminGetDevice",
    "AdminListDevices",
    "GetDevice",
    "ListDevices",
    "AdminListGroupsForUser",
    "AdminListUserAuthEvents",
    "GetUserAttributeVerificationCode",
    "ResendConfirmationCode",
    "ListWebAuthnCredentials",
    "ListUserSessions",
    "AdminListUserSessions",
  ],
  UserResourceUpdate: [
    "AdminAddUserToGroup",
    "AdminRemoveUserFromGroup",
    "AdminForgetDevice",
    "AdminUpdateDeviceStatus",
    "ConfirmDevice",
    "ForgetDevice",
    "UpdateDeviceStatus",
    "AssociateSoftwareToken",
    "VerifySoftwareToken",
    "AdminUpdateAuthEventFeedback",
    "UpdateAuthEventFeedback",
    "StartWebAuthnRegistration",
    "CompleteWebAuthnRegistration",
    "DeleteWebAuthnCredential",
  ],
  UserList: ["ListUsers", "ListUsersInGroup"],
  UserPoolRead: [
    "DescribeUserPool",
    "ListUserPools",
    "GetUserPoolMfaConfig",
    "GetUserPoolSessionConfiguration",
    "ListUserPoolReplicas",
  ],
  UserPoolUpdate: [
    "CreateUserPool",
    "UpdateUserPool",
    "DeleteUserPool",
    "AddCustomAttributes",
    "SetUserPoolMfaConfig",
    "SetUserPoolSessionConfiguration",
    "CreateUserPoolReplica",
    "UpdateUserPoolReplica",
    "DeleteUserPoolReplica",
  ],
  UserPoolResourceRead: [
    "GetGroup",
    "ListGroups",
    "DescribeResourceServer",
    "ListResourceServers",
    "DescribeIdentityProvider",
    "ListIdentityProviders",
    "GetIdentityProviderByIdentifier",
    "DescribeUserPoolDomain",
    "GetSigningCertificate",
    "GetUICustomization",
    "DescribeRiskConfiguration",
    "GetCSVHeader",
    "DescribeUserImportJob",
    "ListUserImportJobs",
    "ListTagsForResource",
    "GetLogDeliveryConfiguration",
    "DescribeManagedLoginBranding",
    "DescribeManagedLoginBrandingByClient",
    "DescribeTerms",
    "DescribeTermsByClient",
    "ListTerms",
  ],
  UserPoolResourceUpdate: [
    "CreateGroup",
    "UpdateGroup",
    "DeleteGroup",
    "CreateResourceServer",
    "UpdateResourceServer",
    "DeleteResourceServer",
    "CreateIdentityProvider",
    "UpdateIdentityProvider",
    "DeleteIdentityProvider",
    "CreateUserPoolDomain",
    "UpdateUserPoolDomain",
    "DeleteUserPoolDomain",
    "SetUICustomization",
    "SetRiskConfiguration",
    "SetLogDeliveryConfiguration",
    "CreateUserImportJob",
    "StartUserImportJob",
    "StopUserImportJob",
    "TagResource",
    "UntagResource",
    "CreateManagedLoginBranding",
    "UpdateManagedLoginBranding",
    "DeleteManagedLoginBranding",
    "CreateTerms",
    "UpdateTerms",
    "DeleteTerms",
  ],
  UserPoolClientRead: [
    "DescribeUserPoolClient",
    "ListUserPoolClients",
    "ListUserPoolClientSecrets",
    "GetUserPoolClientSessionConfiguration",
  ],
  UserPoolClientUpdate: [
    "CreateUserPoolClient",
    "UpdateUserPoolClient",
    "DeleteUserPoolClient",
    "AddUserPoolClientSecret",
    "DeleteUserPoolClientSecret",
    "SetUserPoolClientSessionConfiguration",
  ],
  // The client_credentials grant of the token endpoint; GetClientToken is its API form.
  ClientAuthentication: ["GetClientToken"],
};

/**
 * Operations in no category of the table: the provisioned-limit operations have a quota of their own
 * outside the categories above. The endpoint does not meter them; the pacer paces them as UserPoolRead.
 */
export const UNCATEGORISED_OPERATIONS = ["GetProvisionedLimit", "UpdateProvisionedLimit"];

/**
 * RespondToAuthChallenge and AdminRespondToAuthChallenge have a separate allowance of three times the
 * UserAuthentication quota; what goes past it counts against UserAuthentication (the page's
 * "Operation special handling").
 */
export const CHALLENGE_RESPONSE_OPERATIONS = ["RespondToAuthChallenge", "AdminRespondToAuthChallenge"];
export const CHALLENGE_RESPONSE_MULTIPLIER = 3;

const OPERATION_CATEGORY = new Map<string, QuotaCategory>(
  Object.entries(CATEGORY_OPERATIONS).flatMap(([category, ops]) =>
    ops.map((op) => [op, category as QuotaCategory] as const),
  ),
);

/** The category an operation counts against, or undefined for one outside the table. */
export function operationCategory(operation: string): QuotaCategory | undefined {
  return OPERATION_CATEGORY.get(operation);
}

export function isQuotaCategory(name: string): name is QuotaCategory {
  return Object.hasOwn(QUOTAS, name);
}
