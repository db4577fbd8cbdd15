// The endpoint's ListUsers paging: a seek from the last key (not an offset), so a walk neither
// repeats nor skips a user when users are added or removed before the cursor; statements kept per
// filter shape answer each shape with its own filter when walks of different shapes interleave;
// and the page carries only UserType, never the stored password verifier.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
  type ListUsersCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let poolId: string;
const names = (page: ListUsersCommandOutput) => (page.Users ?? []).map((u) => u.Username as string);
const create = (username: string, email: string) =>
  h.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      TemporaryPassword: "Temporary-Passw0rd!",
      UserAttributes: [{ Name: "email", Value: email }],
    }),
  );

beforeAll(async () => {
  h = await startLocal();
  poolId = (await h.client.send(new CreateUserPoolCommand({ PoolName: "paging" }))).UserPool?.Id as string;
  for (let i = 0; i < 130; i++)
    await create(`m${String(i).padStart(3, "0")}`, `m${i}@${i % 2 ? "odd" : "even"}.example`);
});
afterAll(async () => {
  await h.close();
});

describe("ListUsers paging", () => {
  it("walks pages of 60 in key order, every user once", async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await h.client.send(
        new ListUsersCommand({ UserPoolId: poolId, Limit: 60, PaginationToken: token }),
      );
      sizes.push(page.Users?.length ?? 0);
      seen.push(...names(page));
      token = page.PaginationToken;
    } while (token);
    expect(sizes).toEqual([60, 60, 10]);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(130);
  });

  it("neither repeats nor skips a user when users before the cursor come and go mid-walk", async () => {
    const first = await h.client.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 60 }));
    // An offset-based page 2 would shift by these: one user fewer before the cursor, two more.
    await h.client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "m000" }));
    await create("a-new-1", "new1@example.com");
    await create("a-new-2", "new2@example.com");
    const rest: string[] = [];
    let token = first.PaginationToken;
    while (token) {
      const page = await h.client.send(
        new ListUsersCommand({ UserPoolId: poolId, Limit: 60, PaginationToken: token }),
      );
      rest.push(...names(page));
      token = page.PaginationToken;
    }
    const walked = [...names(first), ...rest];
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.filter((n) => n.startsWith("m"))).toHaveLength(130);
    expect(rest[0]).toBe("m060");
  });

  it("answers interleaved walks of different filters each with its own filter", async () => {
    const odd1 = await h.client.send(
      new ListUsersCommand({ UserPoolId: poolId, Limit: 20, Filter: 'email ^= "m1"' }),
    );
    const plain = await h.client.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 5 }));
    const byName = await h.client.send(
      new ListUsersCommand({ UserPoolId: poolId, Limit: 5, Filter: 'username = "m042"' }),
    );
    const odd2 = await h.client.send(
      new ListUsersCommand({
        UserPoolId: poolId,
        Limit: 20,
        Filter: 'email ^= "m1"',
        PaginationToken: odd1.PaginationToken,
      }),
    );
    const emails = [...(odd1.Users ?? []), ...(odd2.Users ?? [])].map(
      (u) => u.Attributes?.find((a) => a.Name === "email")?.Value as string,
    );
    // m1, m10-m19, m100-m129: 41 users, of which these two pages hold the first 40.
    expect(emails).toHaveLength(40);
    expect(emails.every((e) => e.startsWith("m1"))).toBe(true);
    expect(names(plain)).toEqual(["a-new-1", "a-new-2", "m001", "m002", "m003"]);
    expect(names(byName)).toEqual(["m042"]);
  });

  it("returns UserType only: no password verifier or internal data on the wire", async () => {
    // Raw HTTP: the SDK would drop unknown members and hide a leak.
    const res = await fetch(h.server.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.ListUsers",
      },
      body: JSON.stringify({ UserPoolId: poolId, Limit: 2 }),
    });
    const body = (await res.json()) as { Users: Record<string, unknown>[] };
    expect(res.status).toBe(200);
    expect(body.Users).toHaveLength(2);
    for (const user of body.Users) {
      expect(Object.keys(user).sort()).toEqual(
        ["Attributes", "Enabled", "UserCreateDate", "UserLastModifiedDate", "UserStatus", "Username"].sort(),
      );
    }
    expect(JSON.stringify(body)).not.toMatch(/verifier|salt|Temporary-Passw0rd/i);
  });
});
