// Exceptions of the authentication surface that the management surface (../errors.ts) does not need.
// Same pattern: one class per AWS exception name, so a target reads like the API reference.
import { CognitoError } from "../errors.js";

const define = (type: string, defaultMessage: string, status = 400) =>
  class extends CognitoError {
    constructor(message = defaultMessage, extra?: Record<string, unknown>) {
      super(type, message, status, extra);
    }
  };

export const UserNotConfirmedException = define("UserNotConfirmedException", "User is not confirmed.");
export const PasswordResetRequiredException = define(
  "PasswordResetRequiredException",
  "Password reset required for the user",
);
export const UserPoolAddOnNotEnabledException = define(
  "UserPoolAddOnNotEnabledException",
  "Advanced security features are not enabled for this user pool.",
);
export const SoftwareTokenMFANotFoundException = define(
  "SoftwareTokenMFANotFoundException",
  "Software Token MFA has not been enabled by the user.",
);
export const EnableSoftwareTokenMFAException = define(
  "EnableSoftwareTokenMFAException",
  "Code mismatch and fail enable Software Token MFA",
);
export const InvalidUserPoolConfigurationException = define(
  "InvalidUserPoolConfigurationException",
  "Invalid user pool configuration.",
);
export const UnsupportedTokenTypeException = define(
  "UnsupportedTokenTypeException",
  "Unsupported token type.",
);
export const InvalidLambdaResponseException = define(
  "InvalidLambdaResponseException",
  "Invalid lambda response.",
);
export const UnexpectedLambdaException = define("UnexpectedLambdaException", "Unexpected lambda error.");
export const TooManyFailedAttemptsException = define(
  "TooManyFailedAttemptsException",
  "Too many failed attempts.",
);
export const MFAMethodNotFoundException = define(
  "MFAMethodNotFoundException",
  "No MFA method found for the user.",
);
export const UnauthorizedException = define("UnauthorizedException", "Unauthorized.");
