import { createHmac, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { modPowBigInt } from "../src/cognito/crypto/native-mod-pow.js";
import { createSrpClient } from "../src/cognito/crypto/srp-client.js";
import {
  cognitoTimestamp,
  g,
  hexToBigInt,
  hkdf16,
  k,
  modPow,
  N,
  padHex,
  poolNameFromPoolId,
} from "../src/cognito/crypto/srp-math.js";
import { startServerSrp, verifyClaim } from "../src/cognito/crypto/srp-server.js";
import { createPasswordVerifier } from "../src/cognito/crypto/srp-verifier.js";
import {
  AuthenticationHelper,
  type AuthenticationHelperLike,
  BigInteger,
  DateHelper,
  syncResult,
} from "./helpers/crypto-oracle.js";

const POOL = "AbCdEfGhI";
const SECRET_BLOCK = randomBytes(64).toString("base64");

/** The claim signature exactly as amazon-cognito-identity-js's CognitoUser computes it from the helper's key. */
function oracleSignature(
  helper: AuthenticationHelperLike,
  args: { poolName: string; userId: string; password: string; srpB: string; salt: string; timestamp: string },
): string {
  const hkdf = syncResult<Buffer>((cb) =>
    helper.getPasswordAuthenticationKey(
      args.userId,
      args.password,
      new BigInteger(args.srpB, 16),
      new BigInteger(args.salt, 16),
      cb,
    ),
  );
  return createHmac("sha256", hkdf)
    .update(
      Buffer.concat([
        Buffer.from(args.poolName, "utf8"),
        Buffer.from(args.userId, "utf8"),
        Buffer.from(SECRET_BLOCK, "base64"),
        Buffer.from(args.timestamp, "utf8"),
      ]),
    )
    .digest("base64");
}

describe("group constants", () => {
  it("uses amazon-cognito-identity-js's N, g = 2 and the k of COGNITO-FACTS §3", () => {
    const helper = new AuthenticationHelper(POOL) as unknown as { N: { toString(r: number): string } };
    expect(N.toString(16)).toBe(helper.N.toString(16));
    expect(g).toBe(2n);
    expect(k.toString(16).padStart(64, "0")).toBe(
      "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
    );
  });
});

describe("padHex", () => {
  it("follows the documented cases: odd length, leading 8–f nibble, zero", () => {
    expect(padHex(0n)).toBe("00");
    expect(padHex(0xfn)).toBe("0f");
    expect(padHex(0x7fn)).toBe("7f");
    expect(padHex(0x80n)).toBe("0080");
    expect(padHex(0xabcn)).toBe("0abc");
    expect(padHex(0x8000n)).toBe("008000");
    expect(padHex(0x100n)).toBe("0100");
  });

  it("agrees with amazon-cognito-identity-js's padHex on edge and random values", () => {
    const helper = new AuthenticationHelper(POOL);
    const values = [1n, 0x8n, 0x80n, 0xffn, 0x100n, 0x7fffn, 0x8000n, N, N - 1n];
    for (let i = 0; i < 50; i++) values.push(hexToBigInt(randomBytes(1 + (i % 40)).toString("hex")));
    for (const v of values) expect(padHex(v)).toBe(helper.padHex(new BigInteger(v.toString(16), 16)));
  });

  it("hexToBigInt rejects non-hex without echoing it", () => {
    expect(() => hexToBigInt("s3cret-zz")).toThrow(/^Expected a hexadecimal string$/);
    expect(hexToBigInt("0abc")).toBe(0xabcn);
    expect(hexToBigInt("ABC")).toBe(0xabcn);
  });
});

describe("modPow", () => {
  it("matches BigInt square-and-multiply, including bases OpenSSL refuses (0, 1, N−1, ≥ N, negative)", () => {
    const bases = [
      0n,
      1n,
      2n,
      3n,
      N - 2n,
      N - 1n,
      N,
      N + 5n,
      -7n,
      hexToBigInt(randomBytes(384).toString("hex")),
    ];
    const exps = [0n, 1n, 2n, 65537n, hexToBigInt(randomBytes(128).toString("hex"))];
    for (const b of bases) for (const e of exps) expect(modPow(b, e)).toBe(modPowBigInt(b, e, N));
  });

  it("works for other moduli through the BigInt path", () => {
    expect(modPow(4n, 13n, 497n)).toBe(445n);
  });
});

describe("hkdf16", () => {
  it("is HMAC(HMAC(salt, ikm), 'Caldera Derived Key' ‖ 0x01)[0:16]", () => {
    const ikm = randomBytes(384);
    const salt = randomBytes(32);
    const prk = createHmac("sha256", salt).update(ikm).digest();
    const t1 = createHmac("sha256", prk)
      .update(Buffer.concat([Buffer.from("Caldera Derived Key"), Buffer.from([1])]))
      .digest();
    expect(hkdf16(ikm, salt).toString("hex")).toBe(t1.subarray(0, 16).toString("hex"));
  });
});

describe("cognitoTimestamp", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes the day without a leading zero and pads the time", () => {
    expect(cognitoTimestamp(new Date(Date.UTC(2026, 10, 26, 9, 0, 0)))).toBe("Thu Nov 26 09:00:00 UTC 2026");
    expect(cognitoTimestamp(new Date(Date.UTC(2026, 11, 3, 9, 5, 7)))).toBe("Thu Dec 3 09:05:07 UTC 2026");
    expect(cognitoTimestamp(new Date(Date.UTC(2024, 1, 29, 23, 59, 59)))).toBe(
      "Thu Feb 29 23:59:59 UTC 2024",
    );
    expect(cognitoTimestamp(new Date(Date.UTC(2025, 0, 1, 0, 0, 0)))).toBe("Wed Jan 1 00:00:00 UTC 2025");
  });

  it("agrees with amazon-cognito-identity-js's DateHelper", () => {
    vi.useFakeTimers();
    for (const ms of [0, Date.UTC(2026, 6, 5, 1, 2, 3), Date.UTC(2030, 8, 9, 12, 34, 56), 1.9e12]) {
      vi.setSystemTime(ms);
      expect(cognitoTimestamp(new Date(ms))).toBe(new DateHelper().getNowString());
    }
  });
});

describe("poolNameFromPoolId", () => {
  it("takes the part after the underscore", () => {
    expect(poolNameFromPoolId("us-east-1_AbCdEf123")).toBe("AbCdEf123");
    expect(() => poolNameFromPoolId("nounderscore")).toThrow();
  });
});

describe("SRP client", () => {
  it("derives the same A and claim signature as amazon-cognito-identity-js for the same a", () => {
    for (let i = 0; i < 4; i++) {
      const helper = new AuthenticationHelper(POOL);
      const client = createSrpClient({ smallAHex: helper.smallAValue.toString(16) });
      expect(client.srpA).toBe(helper.largeAValue!.toString(16));
      // A B and salt not made by our server, so the client is checked on its own.
      const srpB = randomBytes(384).toString("hex");
      const salt = i % 2 ? `8${randomBytes(15).toString("hex")}f` : randomBytes(16).toString("hex");
      const now = new Date(Date.UTC(2026, 11, 3, 9, 5, 7));
      const timestamp = cognitoTimestamp(now);
      const claim = client.respond(
        { SALT: salt, SRP_B: srpB, SECRET_BLOCK, USER_ID_FOR_SRP: "alice" },
        "Pässw0rd!",
        POOL,
        now,
      );
      expect(claim.TIMESTAMP).toBe(timestamp);
      expect(claim.PASSWORD_CLAIM_SECRET_BLOCK).toBe(SECRET_BLOCK);
      expect(claim.PASSWORD_CLAIM_SIGNATURE).toBe(
        oracleSignature(helper, {
          poolName: POOL,
          userId: "alice",
          password: "Pässw0rd!",
          srpB,
          salt,
          timestamp,
        }),
      );
    }
  });

  it("refuses B ≡ 0 (mod N)", () => {
    const client = createSrpClient();
    for (const B of [0n, N, 2n * N]) {
      expect(() =>
        client.respond(
          { SALT: "01", SRP_B: B.toString(16), SECRET_BLOCK, USER_ID_FOR_SRP: "alice" },
          "pw",
          POOL,
        ),
      ).toThrow(/B mod N is 0/);
    }
  });

  it("makes a fresh A each time", () => {
    expect(createSrpClient().srpA).not.toBe(createSrpClient().srpA);
  });
});

describe("SRP server", () => {
  const stored = createPasswordVerifier(POOL, "alice", "Corr3ct horse!");

  it("accepts amazon-cognito-identity-js acting as the client", () => {
    for (let i = 0; i < 4; i++) {
      const helper = new AuthenticationHelper(POOL);
      const step = startServerSrp(helper.largeAValue!.toString(16), stored);
      const timestamp = cognitoTimestamp();
      const signatureB64 = oracleSignature(helper, {
        poolName: POOL,
        userId: "alice",
        password: "Corr3ct horse!",
        srpB: step.srpB,
        salt: step.salt,
        timestamp,
      });
      const args = {
        poolName: POOL,
        userIdForSrp: "alice",
        secretBlockB64: SECRET_BLOCK,
        timestamp,
        signatureB64,
      };
      expect(verifyClaim(step.state, args)).toBe(true);
    }
  });

  it("rejects amazon-cognito-identity-js with the wrong password", () => {
    const helper = new AuthenticationHelper(POOL);
    const step = startServerSrp(helper.largeAValue!.toString(16), stored);
    const timestamp = cognitoTimestamp();
    const signatureB64 = oracleSignature(helper, {
      poolName: POOL,
      userId: "alice",
      password: "Corr3ct horse?",
      srpB: step.srpB,
      salt: step.salt,
      timestamp,
    });
    expect(
      verifyClaim(step.state, {
        poolName: POOL,
        userIdForSrp: "alice",
        secretBlockB64: SECRET_BLOCK,
        timestamp,
        signatureB64,
      }),
    ).toBe(false);
  });

  it("refuses A ≡ 0 (mod N)", () => {
    for (const A of [0n, N, 3n * N]) {
      expect(() => startServerSrp(A.toString(16), stored)).toThrow(/A mod N is 0/);
    }
  });

  it("emits SALT and SRP_B in PAD form and a JSON-serialisable state", () => {
    const step = startServerSrp(createSrpClient().srpA, createPasswordVerifier(POOL, "alice", "pw", "8abc"));
    expect(step.salt).toBe("008abc");
    expect(step.srpB).toBe(padHex(hexToBigInt(step.srpB)));
    expect(JSON.parse(JSON.stringify(step.state))).toEqual(step.state);
    expect(hexToBigInt(step.state.b) < 1n << 512n).toBe(true);
  });
});

describe("SRP round trips, our client against our server", () => {
  const users = [
    { user: "alice", password: "Corr3ct horse!" },
    { user: "8f2c1d70-uuid-like", password: "p" },
    { user: "jürgen@example.com", password: "ünï cödé ✓" },
  ];

  it("succeeds with the right password, across users and salts with leading 8–f nibbles", () => {
    for (const [i, { user, password }] of users.entries()) {
      const stored = createPasswordVerifier(POOL, user, password, i === 0 ? "f00d" : undefined);
      const client = createSrpClient();
      const step = startServerSrp(client.srpA, stored);
      const claim = client.respond(
        { SALT: step.salt, SRP_B: step.srpB, SECRET_BLOCK, USER_ID_FOR_SRP: user },
        password,
        POOL,
      );
      const state = JSON.parse(JSON.stringify(step.state));
      expect(
        verifyClaim(state, {
          poolName: POOL,
          userIdForSrp: user,
          secretBlockB64: claim.PASSWORD_CLAIM_SECRET_BLOCK,
          timestamp: claim.TIMESTAMP,
          signatureB64: claim.PASSWORD_CLAIM_SIGNATURE,
        }),
      ).toBe(true);
    }
  });

  it("gives the same answer whether SALT arrives padded or not", () => {
    const stored = createPasswordVerifier(POOL, "alice", "pw", "00c0ffee");
    const client = createSrpClient();
    const step = startServerSrp(client.srpA, stored);
    const now = new Date();
    const challenge = { SRP_B: step.srpB, SECRET_BLOCK, USER_ID_FOR_SRP: "alice" };
    const padded = client.respond({ ...challenge, SALT: "00c0ffee" }, "pw", POOL, now);
    const bare = client.respond({ ...challenge, SALT: "c0ffee" }, "pw", POOL, now);
    expect(bare).toEqual(padded);
  });

  it("fails with a wrong password, and when anything signed is changed", () => {
    const stored = createPasswordVerifier(POOL, "alice", "right");
    const good = createSrpClient();
    const step = startServerSrp(good.srpA, stored);
    const challenge = { SALT: step.salt, SRP_B: step.srpB, SECRET_BLOCK, USER_ID_FOR_SRP: "alice" };
    const claim = good.respond(challenge, "right", POOL);
    const args = {
      poolName: POOL,
      userIdForSrp: "alice",
      secretBlockB64: claim.PASSWORD_CLAIM_SECRET_BLOCK,
      timestamp: claim.TIMESTAMP,
      signatureB64: claim.PASSWORD_CLAIM_SIGNATURE,
    };
    expect(verifyClaim(step.state, args)).toBe(true);
    expect(verifyClaim(step.state, { ...args, timestamp: `${args.timestamp} ` })).toBe(false);
    expect(verifyClaim(step.state, { ...args, userIdForSrp: "bob" })).toBe(false);
    expect(verifyClaim(step.state, { ...args, poolName: "Other" })).toBe(false);
    expect(verifyClaim(step.state, { ...args, secretBlockB64: randomBytes(64).toString("base64") })).toBe(
      false,
    );
    expect(verifyClaim(step.state, { ...args, signatureB64: "AAAA" })).toBe(false);

    const wrong = createSrpClient();
    const step2 = startServerSrp(wrong.srpA, stored);
    const bad = wrong.respond({ ...challenge, SALT: step2.salt, SRP_B: step2.srpB }, "wrong", POOL);
    expect(
      verifyClaim(step2.state, {
        ...args,
        timestamp: bad.TIMESTAMP,
        signatureB64: bad.PASSWORD_CLAIM_SIGNATURE,
      }),
    ).toBe(false);
  });
});
