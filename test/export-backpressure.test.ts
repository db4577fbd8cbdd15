// users export to standard output waits for a slow reader: while the stream's buffer is full no more
// pages are asked for (one page ahead at most), so memory does not grow with the pool.
import { describe, expect, it } from "vitest";
import type { CognitoCall } from "../src/kernel/cognito-call.js";
import { runExport } from "../src/kernel/export/run.js";

describe("runExport to a stream that needs draining", () => {
  it("asks for no page beyond the one ahead until the stream has drained", async () => {
    const pages = 20;
    let calls = 0;
    const call: CognitoCall = async (_op, input) => {
      calls++;
      const at = Number(input.PaginationToken ?? 0);
      return {
        Users: [{ Username: `u${at}`, Attributes: [{ Name: "sub", Value: `s${at}` }], Enabled: true }],
        ...(at + 1 < pages ? { PaginationToken: String(at + 1) } : {}),
      };
    };
    let release: () => void = () => {};
    let blocked = true;
    const written: string[] = [];
    const stream = {
      isTTY: false,
      columns: 80,
      write: (chunk: string) => void written.push(chunk),
      drained: () => (blocked ? new Promise<void>((r) => (release = r)) : Promise.resolve()),
    };
    const done = runExport(
      call,
      {
        poolId: "us-east-1_x",
        format: "jsonl",
        rows: { mfa: "OFF" },
        local: [],
        mfaDetails: false,
        fingerprint: {},
      },
      { kind: "stdout", stream },
      undefined,
      { listed() {}, warn() {} },
    );
    await new Promise((r) => setTimeout(r, 50));
    // The first page written and waiting for the reader; the second fetched ahead; no more.
    expect(written.length).toBe(1);
    expect(calls).toBe(2);
    blocked = false;
    release();
    const result = await done;
    expect(result.rows).toBe(pages);
    expect(calls).toBe(pages);
    expect(written.map((w) => JSON.parse(w).Username)).toEqual(
      Array.from({ length: pages }, (_, i) => `u${i}`),
    );
  });
});
