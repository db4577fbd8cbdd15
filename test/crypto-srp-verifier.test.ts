import { describe, expect, it } from "vitest";
import { hexToBigInt, padHex } from "../src/cognito/crypto/srp-math.js";
import { checkPassword, createPasswordVerifier } from "../src/cognito/crypto/srp-verifier.js";
import { AuthenticationHelper, syncResult } from "./helpers/crypto-oracle.js";

describe("createPasswordVerifier", () => {
  it("matches amazon-cognito-identity-js's verifier for the same salt (generateHashDevice oracle)", () => {
    for (let i = 0; i < 5; i++) {
      const helper = new AuthenticationHelper("group-key");
      syncResult<null>((cb) => helper.generateHashDevice("us-east-1_group", "device-1", cb));
      const ours = createPasswordVerifier(
        "us-east-1_group",
        "device-1",
        helper.getRandomPassword(),
        helper.getSaltDevices(),
      );
      expect(ours.salt).toBe(helper.getSaltDevices());
      expect(ours.verifier).toBe(helper.getVerifierDevices());
    }
  });

  it("makes a fresh 16-byte salt in PAD form each time", () => {
    const a = createPasswordVerifier("Pool", "alice", "pw");
    const b = createPasswordVerifier("Pool", "alice", "pw");
    expect(a.salt).not.toBe(b.salt);
    expect(a.salt).toBe(padHex(hexToBigInt(a.salt)));
    expect(hexToBigInt(a.salt) < 1n << 128n).toBe(true);
    expect(a.verifier).not.toBe(b.verifier);
  });

  it("normalises a given salt to PAD form without changing the verifier's meaning", () => {
    const plain = createPasswordVerifier("Pool", "alice", "pw", "8f01");
    const padded = createPasswordVerifier("Pool", "alice", "pw", "008f01");
    expect(plain.salt).toBe("008f01");
    expect(plain).toEqual(padded);
    expect(createPasswordVerifier("Pool", "alice", "pw", "abc").salt).toBe("0abc");
  });
});

describe("checkPassword", () => {
  const stored = createPasswordVerifier("AbCdEf", "alice", "Corr3ct horse!");

  it("accepts the right password", () => {
    expect(checkPassword("AbCdEf", "alice", "Corr3ct horse!", stored)).toBe(true);
  });

  it("rejects a wrong password, user or pool", () => {
    expect(checkPassword("AbCdEf", "alice", "Corr3ct horse", stored)).toBe(false);
    expect(checkPassword("AbCdEf", "bob", "Corr3ct horse!", stored)).toBe(false);
    expect(checkPassword("Other", "alice", "Corr3ct horse!", stored)).toBe(false);
  });

  it("reads the stored verifier as an integer, so leading zeros do not matter", () => {
    expect(
      checkPassword("AbCdEf", "alice", "Corr3ct horse!", { ...stored, verifier: `00${stored.verifier}` }),
    ).toBe(true);
  });
});
