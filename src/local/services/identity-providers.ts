// Identity providers (SAML, OIDC, social): required ProviderDetails per type, names and identifiers
// unique in the pool, the endpoints the service fills in for social providers.
import type { IdentityProviderTypeType } from "@aws-sdk/client-cognito-identity-provider";
import {
  DuplicateProviderException,
  InvalidParameterException,
  ResourceNotFoundException,
} from "../errors.js";
import { toEpochSeconds } from "./ids.js";
import type { LocalServices } from "./index.js";

export interface ProviderData {
  ProviderName: string;
  ProviderType: IdentityProviderTypeType;
  ProviderDetails: Record<string, string>;
  AttributeMapping?: Record<string, string>;
  IdpIdentifiers?: string[];
  LastModified: number;
}

const SOCIAL = new Set(["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"]);

const REQUIRED: Record<string, string[]> = {
  Google: ["client_id", "client_secret", "authorize_scopes"],
  Facebook: ["client_id", "client_secret", "authorize_scopes"],
  LoginWithAmazon: ["client_id", "client_secret", "authorize_scopes"],
  SignInWithApple: ["client_id", "team_id", "key_id", "private_key", "authorize_scopes"],
  OIDC: ["client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"],
};

const SOCIAL_ENDPOINTS: Record<string, Record<string, string>> = {
  Google: {
    authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
    token_url: "https://www.googleapis.com/oauth2/v4/token",
    token_request_method: "POST",
    attributes_url: "https://people.googleapis.com/v1/people/me?personFields=",
    attributes_url_add_attributes: "true",
    oidc_issuer: "https://accounts.google.com",
  },
  Facebook: {
    authorize_url: "https://www.facebook.com/v17.0/dialog/oauth",
    token_url: "https://graph.facebook.com/v17.0/oauth/access_token",
    token_request_method: "GET",
    attributes_url: "https://graph.facebook.com/v17.0/me?fields=",
    attributes_url_add_attributes: "true",
  },
  LoginWithAmazon: {
    authorize_url: "https://www.amazon.com/ap/oa",
    token_url: "https://api.amazon.com/auth/o2/token",
    token_request_method: "POST",
    attributes_url: "https://api.amazon.com/user/profile",
    attributes_url_add_attributes: "false",
  },
  SignInWithApple: {
    authorize_url: "https://appleid.apple.com/auth/authorize",
    token_url: "https://appleid.apple.com/auth/token",
    token_request_method: "POST",
    oidc_issuer: "https://appleid.apple.com",
  },
};

export function checkProviderDetails(
  type: string,
  name: string,
  details: Record<string, string>,
): Record<string, string> {
  if (SOCIAL.has(type) && name !== type) {
    throw new InvalidParameterException(`The provider name for a ${type} identity provider must be ${type}.`);
  }
  if (type === "SAML" && !details.MetadataURL && !details.MetadataFile) {
    throw new InvalidParameterException(
      "Either MetadataURL or MetadataFile is required for a SAML identity provider.",
    );
  }
  for (const key of REQUIRED[type] ?? []) {
    if (!details[key])
      throw new InvalidParameterException(`${key} is required for the ${type} identity provider.`);
  }
  if (type === "OIDC" && !["GET", "POST"].includes(details.attributes_request_method)) {
    throw new InvalidParameterException("attributes_request_method must be GET or POST.");
  }
  return { ...SOCIAL_ENDPOINTS[type], ...details };
}

export function getProvider(services: LocalServices, poolId: string, name: string): ProviderData {
  const p = services.resources.get<ProviderData>(poolId, "identity-provider", name);
  if (!p) throw new ResourceNotFoundException(`Identity provider ${name} does not exist.`);
  return p.data;
}

export function checkIdentifiers(
  services: LocalServices,
  poolId: string,
  name: string,
  ids: string[] | undefined,
): void {
  if (!ids?.length) return;
  for (const other of services.resources.all<ProviderData>(poolId, "identity-provider")) {
    if (other.key === name) continue;
    const clash = ids.find((i) => other.data.IdpIdentifiers?.includes(i));
    if (clash)
      throw new DuplicateProviderException(
        `The identifier ${clash} is already used by identity provider ${other.key}.`,
      );
  }
}

export function describeProvider(poolId: string, p: ProviderData, created: number): Record<string, unknown> {
  const { LastModified, ...rest } = p;
  return {
    UserPoolId: poolId,
    ...rest,
    AttributeMapping: p.AttributeMapping ?? {},
    IdpIdentifiers: p.IdpIdentifiers ?? [],
    LastModifiedDate: toEpochSeconds(LastModified),
    CreationDate: toEpochSeconds(created),
  };
}
