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
