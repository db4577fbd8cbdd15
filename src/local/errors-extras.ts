// Exceptions of the operations beyond the API reference (terms, managed login branding, sessions).
// Same pattern as errors.ts and auth/errors.ts: one class per AWS exception name.
import { CognitoError } from "./errors.js";

const define = (type: string, defaultMessage: string, status = 400) =>
  class extends CognitoError {
    constructor(message = defaultMessage, extra?: Record<string, unknown>) {
      super(type, message, status, extra);
    }
  };

export const TermsExistsException = define(
  "TermsExistsException",
  "Terms with the given name already exist for this app client.",
);
export const ManagedLoginBrandingExistsException = define(
  "ManagedLoginBrandingExistsException",
  "A managed login branding style already exists for this app client.",
);
export const OperationNotEnabledException = define(
  "OperationNotEnabledException",
  "This operation is not enabled for the user pool.",
);
export const FeatureUnavailableInTierException = define(
  "FeatureUnavailableInTierException",
  "This feature is not available in the user pool's feature plan.",
);
// WebAuthn passkeys (Start/CompleteWebAuthnRegistration, the WEB_AUTHN sign-in).
export const WebAuthnNotEnabledException = define(
  "WebAuthnNotEnabledException",
  "Passkey sign-in is not enabled for this user pool: add WEB_AUTHN to its AllowedFirstAuthFactors.",
);
export const WebAuthnConfigurationMissingException = define(
  "WebAuthnConfigurationMissingException",
  "The user pool has neither a WebAuthn relying party id nor a domain.",
);
export const WebAuthnChallengeNotFoundException = define(
  "WebAuthnChallengeNotFoundException",
  "The credential does not answer a registration challenge issued to this user, or it has expired.",
);
export const WebAuthnClientMismatchException = define(
  "WebAuthnClientMismatchException",
  "The access token is for a different app client than the one that started the registration.",
);
export const WebAuthnCredentialNotSupportedException = define(
  "WebAuthnCredentialNotSupportedException",
  "The passkey credential is not supported.",
);
export const WebAuthnOriginNotAllowedException = define(
  "WebAuthnOriginNotAllowedException",
  "The credential's origin is not allowed for the relying party.",
);
export const WebAuthnRelyingPartyMismatchException = define(
  "WebAuthnRelyingPartyMismatchException",
  "The credential was made for a different relying party.",
);
