// SDK-shaped Cognito responses (Dates, $metadata, undefined members) shared by the output tests.
// Not a test file itself: vitest only collects *.test.ts.

export const metadata = { httpStatusCode: 200, requestId: "0d1e-req", attempts: 1, totalRetryDelay: 0 };

/** 2024-01-05T12:00:00.123Z */
export const created = new Date(Date.UTC(2024, 0, 5, 12, 0, 0, 123));
/** 2024-01-06T08:30:00.000Z */
export const modified = new Date(Date.UTC(2024, 0, 6, 8, 30, 0, 0));

export function listUserPoolsResponse() {
  return {
    $metadata: metadata,
    NextToken: undefined,
    UserPools: [
      {
        Id: "us-east-1_AAAAAAAAA",
        Name: "prod-users",
        LambdaConfig: {},
        LastModifiedDate: modified,
        CreationDate: created,
      },
      {
        Id: "us-east-1_BBBBBBBBB",
        Name: "dev-users",
        LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:123:function:pre" },
        LastModifiedDate: modified,
        CreationDate: created,
      },
    ],
  };
}

export function adminGetUserResponse() {
  return {
    $metadata: metadata,
    Username: "alice",
    UserAttributes: [
      { Name: "sub", Value: "8f0c1d2e-0000-4000-8000-000000000001" },
      { Name: "email_verified", Value: "true" },
      { Name: "email", Value: "alice@example.com" },
    ],
    UserCreateDate: created,
    UserLastModifiedDate: modified,
    Enabled: true,
    UserStatus: "CONFIRMED",
    MFAOptions: undefined,
    PreferredMfaSetting: undefined,
    UserMFASettingList: undefined,
  };
}

export function listUsersResponse() {
  return {
    $metadata: metadata,
    Users: [
      {
        Username: "alice",
        Attributes: [
          { Name: "sub", Value: "8f0c1d2e-0000-4000-8000-000000000001" },
          { Name: "email", Value: "alice@example.com" },
        ],
        UserCreateDate: created,
        UserLastModifiedDate: modified,
        Enabled: true,
        UserStatus: "CONFIRMED",
      },
      {
        Username: "bob",
        Attributes: [{ Name: "email", Value: "bob@example.com" }],
        UserCreateDate: created,
        UserLastModifiedDate: modified,
        Enabled: false,
        UserStatus: "FORCE_CHANGE_PASSWORD",
      },
    ],
    PaginationToken: undefined,
  };
}

/** Runs fn with the process time zone set to tz (Node re-reads TZ when it is assigned). */
export function withTimeZone<T>(tz: string, fn: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

/** Removes ANSI colour codes (Node's own implementation). */
export { stripVTControlCharacters as stripAnsi } from "node:util";

export function hasAnsi(text: string): boolean {
  return text.includes("\u001b[");
}
