import { describe, expect, it } from "vitest";
import { newTotpSecret, otpauthUri, totpCode, verifyTotp } from "../src/cognito/crypto/totp.js";

// RFC 6238 Appendix B: SHA-1 seed "12345678901234567890" (ASCII), 30-second steps. The RFC lists
// 8-digit codes; a 6-digit code is the same truncated value mod 10^6, i.e. its last six digits.
const RFC_SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("totpCode", () => {
  it("matches the RFC 6238 SHA-1 test vectors", () => {
    for (const [seconds, eightDigits] of RFC_VECTORS) {
      expect(totpCode(RFC_SEED_BASE32, new Date(seconds * 1000))).toBe(eightDigits.slice(-6));
    }
  });

  it("keeps one code for the whole 30-second step", () => {
    expect(totpCode(RFC_SEED_BASE32, new Date(30_000))).toBe(totpCode(RFC_SEED_BASE32, new Date(59_999)));
    expect(totpCode(RFC_SEED_BASE32, new Date(59_999))).not.toBe(totpCode(RFC_SEED_BASE32, new Date(60_000)));
  });
});

describe("verifyTotp", () => {
  const at = new Date(1111111111 * 1000);

  it("accepts the current code and, with the default window of 1, the neighbouring steps", () => {
    expect(verifyTotp(RFC_SEED_BASE32, "050471", at)).toBe(true);
    expect(verifyTotp(RFC_SEED_BASE32, "050471", new Date(at.getTime() + 30_000))).toBe(true);
    expect(verifyTotp(RFC_SEED_BASE32, "050471", new Date(at.getTime() - 30_000))).toBe(true);
  });

  it("rejects codes outside the window, wrong codes and malformed input", () => {
    expect(verifyTotp(RFC_SEED_BASE32, "050471", new Date(at.getTime() + 90_000))).toBe(false);
    expect(verifyTotp(RFC_SEED_BASE32, "050471", new Date(at.getTime() + 30_000), 0)).toBe(false);
    expect(verifyTotp(RFC_SEED_BASE32, "050472", at)).toBe(false);
    expect(verifyTotp(RFC_SEED_BASE32, "14050471", at)).toBe(false);
    expect(verifyTotp(RFC_SEED_BASE32, " 50471", at)).toBe(false);
    expect(verifyTotp(RFC_SEED_BASE32, "", at)).toBe(false);
  });
});

describe("newTotpSecret", () => {
  it("makes distinct 160-bit base32 secrets that work with totpCode", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
    const now = new Date();
    expect(verifyTotp(a, totpCode(a, now), now, 0)).toBe(true);
  });
});

describe("otpauthUri", () => {
  it("builds the Key Uri Format authenticator apps scan", () => {
    const uri = otpauthUri({ secret: RFC_SEED_BASE32, account: "alice@example.com", issuer: "My Pool" });
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/My Pool:alice@example.com");
    expect(url.searchParams.get("secret")).toBe(RFC_SEED_BASE32);
    expect(url.searchParams.get("issuer")).toBe("My Pool");
    // SHA1, 6 digits and 30 s are the format's defaults: left out to keep the QR code small.
    expect([...url.searchParams.keys()].sort()).toEqual(["issuer", "secret"]);
  });
});
