// u = H(PAD(A) ‖ PAD(B)) = 0 cannot be produced on purpose (it needs a SHA-256 preimage), so the
// client's refusal is checked with computeU replaced by one that returns 0.
import { describe, expect, it, vi } from "vitest";

vi.mock(import("../src/cognito/crypto/srp-protocol.js"), async (importOriginal) => ({
  ...(await importOriginal()),
  computeU: () => 0n,
}));

const { createSrpClient } = await import("../src/cognito/crypto/srp-client.js");

describe("SRP client with u = 0", () => {
  it("refuses to answer", () => {
    const client = createSrpClient();
    expect(() =>
      client.respond(
        { SALT: "01", SRP_B: "1234abcd", SECRET_BLOCK: "AAAA", USER_ID_FOR_SRP: "alice" },
        "pw",
        "Pool",
      ),
    ).toThrow(/u is 0/);
  });
});
