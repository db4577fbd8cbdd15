// Every operation of the API reference (the 103 `<Op>Result |` entries of the shared
// cognito-idp-api-reference.txt, kept as test/fixtures/reference-operations.txt so the test does
// not depend on a file outside the repository) must be implemented — never a 500, a hang, an
// unknown-operation answer or the not-supported error.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIndex } from "../src/cognito/catalog.js";
import { LocalEndpoint, TARGET_PREFIX } from "../src/local/endpoint.js";

const REFERENCE = new URL("./fixtures/reference-operations.txt", import.meta.url);

function referenceOperations(): string[] {
  return readFileSync(REFERENCE, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"));
}

let endpoint: LocalEndpoint;
beforeAll(async () => {
  endpoint = await LocalEndpoint.open({ region: "us-east-1", inMemory: true });
});
afterAll(() => endpoint.close());

describe("reference coverage", () => {
  const ops = referenceOperations();

  it("reads the 103 operations of the reference", () => {
    expect(ops).toHaveLength(103);
    expect(ops).toContain("AdminCreateUser");
  });

  it("answers every reference operation with an implementation or the not-supported error", async () => {
    const problems: string[] = [];
    const missing: string[] = [];
    for (const op of ops) {
      const call = endpoint.handle({ target: `${TARGET_PREFIX}${op}`, body: "{}", headers: {} });
      const res = await Promise.race([
        call,
        new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${op} hung`)), 5000)),
      ]);
      const body = JSON.parse(res.body) as { __type?: string; message?: string };
      if (res.status >= 500) problems.push(`${op}: ${res.status} ${res.body}`);
      else if (body.__type === "UnknownOperationException") problems.push(`${op}: unknown to the router`);
      else if (!endpoint.implements(op)) {
        missing.push(op);
        if (
          body.__type !== "UnsupportedOperationException" ||
          body.message !== `${op} is not supported by the cogctl local endpoint yet`
        ) {
          problems.push(`${op}: not implemented, but answered ${res.body}`);
        }
      } else if (res.status === 400 && body.__type === "UnsupportedOperationException") {
        problems.push(`${op}: registered but answers not-supported`);
      }
    }
    expect(problems).toEqual([]);
    // Issues 3 and 4: every reference operation is implemented, none merely answers not-supported.
    expect(missing).toEqual([]);
  });

  it("answers every other operation of the pinned SDK cleanly: implemented, or not supported yet", async () => {
    const problems: string[] = [];
    for (const { name } of loadIndex().operations) {
      const res = await endpoint.handle({ target: `${TARGET_PREFIX}${name}`, body: "{}", headers: {} });
      const body = JSON.parse(res.body) as { __type?: string; message?: string };
      if (res.status >= 500 || body.__type === "UnknownOperationException")
        problems.push(`${name}: ${res.body}`);
      if (
        !endpoint.implements(name) &&
        body.message !== `${name} is not supported by the cogctl local endpoint yet`
      ) {
        problems.push(`${name}: not implemented, but answered ${res.body}`);
      }
    }
    expect(problems).toEqual([]);
    const unknown = await endpoint.handle({
      target: `${TARGET_PREFIX}NoSuchOperation`,
      body: "{}",
      headers: {},
    });
    expect(JSON.parse(unknown.body).__type).toBe("UnknownOperationException");
  });
});
