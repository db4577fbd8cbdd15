// What --debug may show: nothing secret, by key, at any depth.
import { describe, expect, it } from "vitest";
import { REDACTED, redact, redactHeaders, redactJsonText } from "../src/cli/redact.js";

describe("redact", () => {
  it("hides passwords, tokens, secrets, codes and SRP values at any depth, keeping the rest", () => {
    const input = {
      UserPoolId: "us-east-1_x",
      Password: "p",
      TemporaryPassword: "t",
      ClientSecret: "s",
      SecretHash: "h",
      Session: "sess",
      ConfirmationCode: "123456",
      AuthParameters: { USERNAME: "alice", PASSWORD: "p", SECRET_HASH: "h", SRP_A: "a", REFRESH_TOKEN: "r" },
      ChallengeResponses: {
        SOFTWARE_TOKEN_MFA_CODE: "1",
        NEW_PASSWORD: "n",
        PASSWORD_CLAIM_SIGNATURE: "sig",
        ANSWER: "x",
      },
      AuthenticationResult: {
        AccessToken: "a",
        IdToken: "i",
        RefreshToken: "r",
        ExpiresIn: 3600,
        TokenType: "Bearer",
      },
      DeviceSecretVerifierConfig: { PasswordVerifier: "v", Salt: "s" },
      PaginationToken: "page-2",
      NextToken: "n2",
      Users: [{ Username: "bob", Attributes: [{ Name: "email", Value: "b@x" }] }],
    };
    const out = redact(input) as typeof input;
    for (const v of [
      out.Password,
      out.TemporaryPassword,
      out.ClientSecret,
      out.SecretHash,
      out.Session,
      out.ConfirmationCode,
    ]) {
      expect(v).toBe(REDACTED);
    }
    expect(out.AuthParameters).toEqual({
      USERNAME: "alice",
      PASSWORD: REDACTED,
      SECRET_HASH: REDACTED,
      SRP_A: REDACTED,
      REFRESH_TOKEN: REDACTED,
    });
    expect(Object.values(out.ChallengeResponses)).toEqual([REDACTED, REDACTED, REDACTED, REDACTED]);
    expect(out.AuthenticationResult).toEqual({
      AccessToken: REDACTED,
      IdToken: REDACTED,
      RefreshToken: REDACTED,
      ExpiresIn: 3600,
      TokenType: "Bearer",
    });
    expect(out.DeviceSecretVerifierConfig).toEqual({ PasswordVerifier: REDACTED, Salt: REDACTED });
    expect(out.PaginationToken).toBe("page-2");
    expect(out.NextToken).toBe("n2");
    expect(out.Users).toEqual(input.Users);
    expect(out.UserPoolId).toBe("us-east-1_x");
  });

  it("keeps a presigned URL's path but not its signature", () => {
    const url = "https://s3.amazonaws.com/bucket/import-1?X-Amz-Signature=abc123&X-Amz-Security-Token=tok";
    expect(redact({ UserImportJob: { PreSignedUrl: url, JobId: "import-1" } })).toEqual({
      UserImportJob: {
        PreSignedUrl: `https://s3.amazonaws.com/bucket/import-1?${REDACTED}`,
        JobId: "import-1",
      },
    });
  });

  it("redacts JSON text and replaces non-JSON bodies whole", () => {
    expect(redactJsonText('{"Password":"hunter2","Username":"a"}')).toBe(
      '{"Password":"****","Username":"a"}',
    );
    expect(redactJsonText("PASSWORD=hunter2")).not.toContain("hunter2");
  });

  it("redacts the signature headers", () => {
    const h = redactHeaders({
      authorization: "AWS4-HMAC-SHA256 Credential=AKIA/...",
      "x-amz-security-token": "tok",
      "x-amz-target": "T",
    });
    expect(h).toEqual({ authorization: REDACTED, "x-amz-security-token": REDACTED, "x-amz-target": "T" });
  });
});
