import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { secretHash } from "../src/cognito/crypto/secret-hash.js";

describe("secretHash", () => {
  it("matches vectors computed independently with Python's hmac module", () => {
    // python3: base64.b64encode(hmac.new(secret, (username + clientId).encode(), hashlib.sha256).digest())
    expect(secretHash("alice", "1example23456789", "secret")).toBe(
      "SRSokfDPYgNH3Tm3eRbqKCsFZg9Ia07+tqRIgXhLH5s=",
    );
    expect(
      secretHash(
        "jürgen@example.com",
        "3ho4ek12345678909nh3fmhpko",
        "c7v1qlg8nl1v4vhbkksq0e8mqa0e7a7jpkk3ps0s3r11e1qm4r0",
      ),
    ).toBe("2Vmv0vyTfZxTWIRm52g88R06ruT4YHfjT+7e6wQB89U=");
    expect(secretHash("", "abc", "k")).toBe("NC5RnOCtbAOja5jus/HRMNtIE7nfTRFg7aSI1xLceO4=");
  });

  it("is HMAC-SHA256(secret, username ‖ clientId) in base64 for random inputs (node:crypto)", () => {
    for (let i = 0; i < 10; i++) {
      const [user, client, secret] = [6, 26, 51].map((n) => randomBytes(n).toString("base64url"));
      const expected = createHmac("sha256", Buffer.from(secret, "utf8"))
        .update(Buffer.concat([Buffer.from(user, "utf8"), Buffer.from(client, "utf8")]))
        .digest("base64");
      expect(secretHash(user, client, secret)).toBe(expected);
    }
  });

  it("concatenates username then client id, with no separator", () => {
    expect(secretHash("ab", "c", "s")).toBe(secretHash("a", "bc", "s")); // concatenation, as Cognito defines it
    expect(secretHash("a", "b", "s")).not.toBe(secretHash("b", "a", "s"));
  });
});
