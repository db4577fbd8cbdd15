// What --debug may show: nothing secret, by key, at any depth.
import { describe, expect, it } from "vitest";
import { REDACTED, redact, redactBody, redactHeaders, redactJsonText } from "../src/kernel/redact.js";

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

  it("keeps a presigned URL's origin only: its query and path may carry the token", () => {
    const url = "https://s3.amazonaws.com/bucket/import-1?X-Amz-Signature=abc123&X-Amz-Security-Token=tok";
    expect(redact({ UserImportJob: { PreSignedUrl: url, JobId: "import-1" } })).toEqual({
      UserImportJob: {
        PreSignedUrl: `https://s3.amazonaws.com/${REDACTED}?${REDACTED}`,
        JobId: "import-1",
      },
    });
  });

  it("keeps an unsigned URL whole", () => {
    expect(redact({ LogoUrl: "https://example.com/logo.png" })).toEqual({
      LogoUrl: "https://example.com/logo.png",
    });
  });

  it("redacts JSON text and replaces non-JSON bodies whole", () => {
    expect(redactJsonText('{"Password":"hunter2","Username":"a"}')).toBe(
      '{"Password":"****","Username":"a"}',
    );
    expect(redactJsonText("PASSWORD=hunter2")).not.toContain("hunter2");
  });

  it("redacts the signature headers, keeping a SigV4 header's scope but not its key id or signature", () => {
    const h = redactHeaders({
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd",
      "x-amz-security-token": "tok",
      "x-amz-target": "T",
      cookie: "a=b",
    });
    expect(h).toEqual({
      authorization: `AWS4-HMAC-SHA256 Credential=${REDACTED}/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=${REDACTED}`,
      "x-amz-security-token": REDACTED,
      "x-amz-target": "T",
      cookie: REDACTED,
    });
    expect(redactHeaders({ authorization: "Bearer eyJ.abc.def" })).toEqual({ authorization: REDACTED });
  });

  it("hides the body's digests exactly when the body held something redacted", () => {
    const digests = {
      "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "content-md5": "1B2M2Y8AsgTpgAmY7PhCfg==",
      "x-amz-checksum-crc32": "AAAAAA==",
      "content-length": "42",
    };
    const secret = redactBody('{"UserPoolId":"p","Password":"Guess-me-1!"}');
    expect(secret).toEqual({ text: '{"UserPoolId":"p","Password":"****"}', heldSecret: true });
    expect(redactHeaders(digests, secret.heldSecret)).toEqual({
      "x-amz-content-sha256": REDACTED,
      "content-md5": REDACTED,
      "x-amz-checksum-crc32": REDACTED,
      "content-length": "42",
    });
    const plain = redactBody('{"MaxResults":5}');
    expect(plain).toEqual({ text: '{"MaxResults":5}', heldSecret: false });
    expect(redactHeaders(digests, plain.heldSecret)).toEqual(digests);
    // A body that is not JSON is not shown, so nothing computed from it is either.
    expect(redactBody("PASSWORD=hunter2").heldSecret).toBe(true);
    expect(redactHeaders(digests)["x-amz-content-sha256"]).toBe(REDACTED);
  });

  it("keeps a __proto__ key a key", () => {
    const out = redact(JSON.parse('{"__proto__":{"Password":"p"},"a":1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"Password":"****"},"a":1}');
  });
});
