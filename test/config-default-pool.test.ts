// The resolver's pool order with a profile default (--pool, COGCTL_POOL, then the default, read only
// when needed) and app clients by id or name, with fakes: which calls are made and what is said.
import { describe, expect, it } from "vitest";
import type { CognitoCall, ServiceOutput } from "../src/kernel/cognito-call.js";
import { createResolver } from "../src/kernel/resolve.js";

function fakeCall(handler: (op: string, input: Record<string, any>) => ServiceOutput) {
  const calls: string[] = [];
  const call: CognitoCall = async (op, input) => {
    calls.push(op);
    return handler(op, input);
  };
  return { call, calls };
}

const world = (op: string, input: Record<string, any>): ServiceOutput => {
  if (op === "ListUserPools") return { UserPools: [{ Id: "us-east-1_A", Name: "demo" }] };
  if (op === "ListUserPoolClients")
    return input.NextToken
      ? { UserPoolClients: [{ ClientId: "c3", ClientName: "twin" }] }
      : {
          UserPoolClients: [
            { ClientId: "c1", ClientName: "web" },
            { ClientId: "c2", ClientName: "twin" },
          ],
          NextToken: "p2",
        };
  throw new Error(op);
};

describe("the default pool", () => {
  it("is read only when --pool and COGCTL_POOL are absent", async () => {
    let reads = 0;
    const defaultPool = async () => {
      reads++;
      return { value: "demo", label: "The default pool demo of profile default" };
    };
    const { call } = fakeCall(world);
    expect(await createResolver(call, {}, { defaultPool }).pool("us-east-1_F")).toEqual({
      id: "us-east-1_F",
    });
    expect(
      await createResolver(call, { COGCTL_POOL: "us-east-1_E" }, { defaultPool }).pool(undefined),
    ).toEqual({
      id: "us-east-1_E",
    });
    expect(reads).toBe(0);
    expect(await createResolver(call, {}, { defaultPool }).pool(undefined)).toEqual({
      id: "us-east-1_A",
      name: "demo",
    });
    expect(reads).toBe(1);
  });

  it("names itself in the error when it does not resolve", async () => {
    const { call } = fakeCall(world);
    const defaultPool = async () => ({ value: "gone", label: "The default pool gone of profile ci" });
    await expect(createResolver(call, {}, { defaultPool }).pool(undefined)).rejects.toThrow(
      /^The default pool gone of profile ci: no user pool has that name or id/,
    );
  });
});

describe("app clients", () => {
  it("resolve by id or name across pages, walking ListUserPoolClients once per pool", async () => {
    const { call, calls } = fakeCall(world);
    const r = createResolver(call, {});
    const pool = { id: "us-east-1_A", name: "demo" };
    expect(await r.client(pool, "web")).toEqual({ id: "c1", name: "web" });
    expect(await r.client(pool, "c3")).toEqual({ id: "c3", name: "twin" });
    await expect(r.client(pool, "twin")).rejects.toThrow(
      "'twin': 2 app clients in demo (us-east-1_A) have that name (c2, c3); pass one of these ids instead.",
    );
    await expect(r.client(pool, "nope")).rejects.toMatchObject({ exitCode: 252 });
    expect(calls).toEqual(["ListUserPoolClients", "ListUserPoolClients"]);
  });
});
