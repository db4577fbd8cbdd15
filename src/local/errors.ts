// Errors the local endpoint answers with. Each class is named after the AWS exception it stands for;
// the router serialises any CognitoError to `{"__type": name, "message": ...}` plus the
// `x-amzn-ErrorType` header, which is what the AWS SDKs, botocore and amazon-cognito-identity-js read.

export class CognitoError extends Error {
  /** The `__type` on the wire. */
  readonly type: string;
  readonly status: number;
  /** Extra members of the error body (e.g. InvalidParameterException's reasonCode). */
  readonly extra?: Record<string, unknown>;
  constructor(type: string, message: string, status = 400, extra?: Record<string, unknown>) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
    this.extra = extra;
  }
  toBody(): string {
    return JSON.stringify({ __type: this.type, message: this.message, ...this.extra });
  }
}

// One small class per exception so targets read like the API reference (`throw new UserNotFoundException()`).
const define = (type: string, defaultMessage: string, status = 400) =>
  class extends CognitoError {
    constructor(message = defaultMessage, extra?: Record<string, unknown>) {
      super(type, message, status, extra);
    }
  };

export const SerializationException = define("SerializationException", "Could not read the request body.");
export const UnknownOperationException = define("UnknownOperationException", "");
export const InvalidParameterException = define("InvalidParameterException", "Invalid parameter.");
export const ResourceNotFoundException = define("ResourceNotFoundException", "Resource not found.");
export const UserNotFoundException = define("UserNotFoundException", "User does not exist.");
export const UsernameExistsException = define("UsernameExistsException", "User account already exists");
export const AliasExistsException = define(
  "AliasExistsException",
  "An account with the given email already exists.",
);
export const InvalidPasswordException = define(
  "InvalidPasswordException",
  "Password does not conform to policy",
);
export const GroupExistsException = define("GroupExistsException", "A group with the name already exists.");
export const DuplicateProviderException = define(
  "DuplicateProviderException",
  "A provider with the name already exists.",
);
export const ScopeDoesNotExistException = define("ScopeDoesNotExistException", "Invalid scope requested.");
export const NotAuthorizedException = define("NotAuthorizedException", "Not authorized.");
export const LimitExceededException = define("LimitExceededException", "Limit exceeded.");
export const UnsupportedOperationException = define(
  "UnsupportedOperationException",
  "Unsupported operation.",
);
export const UnsupportedIdentityProviderException = define(
  "UnsupportedIdentityProviderException",
  "Unsupported identity provider.",
);
export const PreconditionNotMetException = define("PreconditionNotMetException", "Precondition not met.");
export const UserImportInProgressException = define(
  "UserImportInProgressException",
  "A user import job is in progress for this user pool.",
);
export const ConcurrentModificationException = define(
  "ConcurrentModificationException",
  "Concurrent modification.",
);
export const InvalidEmailRoleAccessPolicyException = define(
  "InvalidEmailRoleAccessPolicyException",
  "Invalid role.",
);
export const UnsupportedUserStateException = define(
  "UnsupportedUserStateException",
  "Unsupported user state.",
);
export const CodeMismatchException = define(
  "CodeMismatchException",
  "Invalid code provided, please request a code again.",
);
export const ExpiredCodeException = define(
  "ExpiredCodeException",
  "Invalid code provided, please request a code again.",
);
export const TooManyRequestsException = define("TooManyRequestsException", "Too many requests.");
export const InternalErrorException = define("InternalErrorException", "Internal error.", 500);

/**
 * The answer for an operation of the service that this endpoint does not implement yet.
 * UnsupportedOperationException is a modelled Cognito exception, so every SDK turns it into a typed
 * error carrying our message instead of a generic failure.
 */
export function notSupported(operation: string): CognitoError {
  return new UnsupportedOperationException(`${operation} is not supported by the cogctl local endpoint yet`);
}
