// The SDK's own retries inside a paced call: each retry after a 5xx or a dropped connection takes a
// pacer slot of its own, a retry after TooManyRequestsException takes none (the refused request used
// no quota), and calls outside Pacer.run are not paced at all. A real SDK client with its standard
// retries, over a scripted request handler.
import { CognitoIdentityProviderClient, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { pacingRetries } from "../src/kernel/paced-retries.js";
import { Pacer, type QuotaCategory } from "../src/kernel/pacer.js";

type Scripted = { status: number; type?: string } | "reset";

/** A client whose requests get the scripted answers in turn; `sent` counts the requests. */
function scriptedClient(script: Scripted[]) {
  let sent = 0;
  const requestHandler = {
    async handle() {
      const next = script[sent++] ?? { status: 200 };
      if (next === "reset") throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      const body =
        next.status === 200
          ? JSON.stringify({ Users: [] })
          : JSON.stringify({ __type: next.type, message: "x" });
      return {
        response: {
          statusCode: next.status,
          headers: {
            "content-type": "application/x-amz-json-1.1",
            ...(next.type ? { "x-amzn-errortype": next.type } : {}),
          },
          body: Buffer.from(body),
        },
      };
    },
  };
  const client = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    requestHandler: requestHandler as never,
  });
  pacingRetries(client.middlewareStack as never);
  return { client, sent: () => sent };
}

/** A pacer that counts the slots taken (unmetered: nothing waits). */
class CountingPacer extends Pacer {
  acquired = 0;
  constructor() {
    super({ unmetered: true });
  }
  override async acquire(category: QuotaCategory): Promise<void> {
    this.acquired++;
    return super.acquire(category);
  }
}

const listUsers = new ListUsersCommand({ UserPoolId: "us-east-1_abc" });
const serverError = { status: 500, type: "InternalErrorException" };
const throttle = { status: 400, type: "TooManyRequestsException" };

describe("pacingRetries", () => {
  // Each script, then the attempts the SDK made and the pacer slots they took: the first send's
  // (Pacer.run), one for a retry after a 500 or a reset, none for the retry of a throttled request.
  it.each([
    ["a 500", [serverError], 2],
    ["a dropped connection", ["reset"], 2],
    ["a throttle, then a 500", [throttle, serverError], 2],
    ["two throttles", [throttle, throttle], 1],
  ] as [string, Scripted[], number][])(
    "after %s, retries take their slots",
    async (_name, failures, slots) => {
      const { client, sent } = scriptedClient([...failures, { status: 200 }]);
      const pacer = new CountingPacer();
      const out = await pacer.run("UserList", () => client.send(listUsers));
      expect(out.$metadata.attempts).toBe(failures.length + 1);
      expect(sent()).toBe(failures.length + 1);
      expect(pacer.acquired).toBe(slots);
    },
  );

  it("leaves calls outside Pacer.run alone, while a paced one runs beside them", async () => {
    const inside = scriptedClient([serverError, { status: 200 }]);
    const outside = scriptedClient([serverError, serverError, { status: 200 }]);
    const pacer = new CountingPacer();
    await Promise.all([
      pacer.run("UserList", () => inside.client.send(listUsers)),
      outside.client.send(listUsers),
    ]);
    expect(inside.sent()).toBe(2);
    expect(outside.sent()).toBe(3);
    // The paced call's first send and its retry; the other call's two retries took nothing.
    expect(pacer.acquired).toBe(2);
  });
});
