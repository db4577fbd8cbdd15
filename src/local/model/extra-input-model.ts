// Request shapes of operations the pinned SDK sends but the generated request model (an older
// botocore, input-model.ts) does not know. The router cannot check these, so their targets call
// checkExtraInput() first: same rules and same messages as validate.ts. Written by hand from the
// SDK's model and the API reference (lengths, patterns, enums); member shapes reuse input-model.ts.
import { RequestValidator } from "../validate.js";
import { inputModel } from "./input-model.js";
import type { InputModel, ShapeDef } from "./types.js";

const userAndPool: ShapeDef = {
  t: "structure",
  m: { UserPoolId: "UserPoolIdType", Username: "UsernameType" },
  r: ["UserPoolId", "Username"],
};

const extraShapes: Record<string, ShapeDef> = {
  AdminDeleteSoftwareTokenRequest: userAndPool,
  AdminGetUserAuthFactorsRequest: userAndPool,
  DescribeTermsByClientRequest: {
    t: "structure",
    m: { ClientId: "ClientIdType", UserPoolId: "UserPoolIdType", TermsName: "TermsNameType" },
    r: ["ClientId", "UserPoolId", "TermsName"],
  },
  // Session configuration, user sessions, provisioned limits (ranges from the SDK model's docs).
  GetUserPoolSessionConfigurationRequest: {
    t: "structure",
    m: { UserPoolId: "UserPoolIdType" },
    r: ["UserPoolId"],
  },
  SetUserPoolSessionConfigurationRequest: {
    t: "structure",
    m: {
      UserPoolId: "UserPoolIdType",
      UserSessionTracking: "UserSessionTrackingType",
      TokenSession: "UserPoolTokenSessionConfigType",
    },
    r: ["UserPoolId", "UserSessionTracking", "TokenSession"],
  },
  UserSessionTrackingType: { t: "string", e: ["DISABLED", "ENABLED"] },
  UserPoolTokenSessionConfigType: {
    t: "structure",
    m: { MaxPerUser: "TokenSessionMaxPerUserType" },
    r: ["MaxPerUser"],
  },
  TokenSessionMaxPerUserType: { t: "integer", min: 1, max: 100 },
  GetUserPoolClientSessionConfigurationRequest: {
    t: "structure",
    m: { UserPoolId: "UserPoolIdType", ClientId: "ClientIdType" },
    r: ["UserPoolId", "ClientId"],
  },
  SetUserPoolClientSessionConfigurationRequest: {
    t: "structure",
    m: { UserPoolId: "UserPoolIdType", ClientId: "ClientIdType", SSOSession: "ClientSSOSessionConfigType" },
    r: ["UserPoolId", "ClientId", "SSOSession"],
  },
  ClientSSOSessionConfigType: {
    t: "structure",
    m: { MaxValidityMinutes: "SSOSessionMaxValidityMinutesType" },
    r: ["MaxValidityMinutes"],
  },
  SSOSessionMaxValidityMinutesType: { t: "integer", min: 0, max: 129600 },
  ListUserSessionsRequest: {
    t: "structure",
    m: { AccessToken: "TokenModelType", NextToken: "PaginationKey" },
    r: ["AccessToken"],
  },
  AdminListUserSessionsRequest: {
    t: "structure",
    m: { UserPoolId: "UserPoolIdType", Username: "UsernameType", NextToken: "PaginationKey" },
    r: ["UserPoolId", "Username"],
  },
  RevokeUserSessionRequest: {
    t: "structure",
    m: {
      AccessToken: "TokenModelType",
      SessionId: "UserSessionIdType",
      RevokeAssociatedSessions: "RevokeAssociatedSessionsType",
    },
    r: ["AccessToken", "SessionId"],
  },
  AdminRevokeUserSessionRequest: {
    t: "structure",
    m: {
      UserPoolId: "UserPoolIdType",
      Username: "UsernameType",
      SessionId: "UserSessionIdType",
      RevokeAssociatedSessions: "RevokeAssociatedSessionsType",
    },
    r: ["UserPoolId", "Username", "SessionId"],
  },
  UserSessionIdType: { t: "string", min: 1, max: 131072 },
  RevokeAssociatedSessionsType: { t: "string", e: ["LINKED", "NONE"] },
  GetProvisionedLimitRequest: {
    t: "structure",
    m: { LimitDefinition: "LimitDefinitionType" },
    r: ["LimitDefinition"],
  },
  UpdateProvisionedLimitRequest: {
    t: "structure",
    m: { LimitDefinition: "LimitDefinitionType", RequestedLimitValue: "RequestedLimitValueType" },
    r: ["LimitDefinition", "RequestedLimitValue"],
  },
  LimitDefinitionType: {
    t: "structure",
    m: { LimitClass: "LimitClassType", Attributes: "LimitAttributesType" },
    r: ["LimitClass", "Attributes"],
  },
  LimitClassType: { t: "string", e: ["API_CATEGORY"] },
  LimitAttributesType: { t: "map", k: "StringType", v: "StringType" },
  RequestedLimitValueType: { t: "integer" },
  // User pool replicas (the SDK's model states no lengths or patterns; ReplicasService checks the Region).
  CreateUserPoolReplicaRequest: {
    t: "structure",
    m: {
      UserPoolId: "UserPoolIdType",
      RegionName: "ReplicaRegionNameType",
      UserPoolTags: "UserPoolTagsType",
    },
    r: ["UserPoolId", "RegionName"],
  },
  DeleteUserPoolReplicaRequest: {
    t: "structure",
    m: { UserPoolId: "UserPoolIdType", RegionName: "ReplicaRegionNameType" },
    r: ["UserPoolId", "RegionName"],
  },
  ListUserPoolReplicasRequest: {
    t: "structure",
    m: { UserPoolId: "UserPoolIdType", NextToken: "PaginationKey" },
    r: ["UserPoolId"],
  },
  UpdateUserPoolReplicaRequest: {
    t: "structure",
    m: {
      UserPoolId: "UserPoolIdType",
      RegionName: "ReplicaRegionNameType",
      Status: "UpdateReplicaStatusType",
    },
    r: ["UserPoolId", "RegionName", "Status"],
  },
  ReplicaRegionNameType: { t: "string" },
  UpdateReplicaStatusType: { t: "string", e: ["ACTIVE", "INACTIVE"] },
  // The model has this operation but requires neither id; the service needs both.
  UpdateManagedLoginBrandingIds: {
    t: "structure",
    m: { UserPoolId: "UserPoolIdType", ManagedLoginBrandingId: "ManagedLoginBrandingIdType" },
    r: ["UserPoolId", "ManagedLoginBrandingId"],
  },
};

export const extraInputModel: InputModel = {
  operations: {
    AdminDeleteSoftwareToken: "AdminDeleteSoftwareTokenRequest",
    AdminGetUserAuthFactors: "AdminGetUserAuthFactorsRequest",
    DescribeTermsByClient: "DescribeTermsByClientRequest",
    UpdateManagedLoginBranding: "UpdateManagedLoginBrandingIds",
    GetUserPoolSessionConfiguration: "GetUserPoolSessionConfigurationRequest",
    SetUserPoolSessionConfiguration: "SetUserPoolSessionConfigurationRequest",
    GetUserPoolClientSessionConfiguration: "GetUserPoolClientSessionConfigurationRequest",
    SetUserPoolClientSessionConfiguration: "SetUserPoolClientSessionConfigurationRequest",
    ListUserSessions: "ListUserSessionsRequest",
    AdminListUserSessions: "AdminListUserSessionsRequest",
    RevokeUserSession: "RevokeUserSessionRequest",
    AdminRevokeUserSession: "AdminRevokeUserSessionRequest",
    GetProvisionedLimit: "GetProvisionedLimitRequest",
    UpdateProvisionedLimit: "UpdateProvisionedLimitRequest",
    CreateUserPoolReplica: "CreateUserPoolReplicaRequest",
    DeleteUserPoolReplica: "DeleteUserPoolReplicaRequest",
    ListUserPoolReplicas: "ListUserPoolReplicasRequest",
    UpdateUserPoolReplica: "UpdateUserPoolReplicaRequest",
  },
  shapes: { ...inputModel.shapes, ...extraShapes },
};

let validator: RequestValidator | undefined;

/** Checks the input of an operation of extraInputModel (InvalidParameterException / SerializationException). */
export function checkExtraInput(operation: string, input: unknown): void {
  validator ??= new RequestValidator(extraInputModel);
  if (!validator.hasOperation(operation)) throw new Error(`no extra input shape for ${operation}`);
  validator.validate(operation, input);
}
