// User pool replicas (Create/List/Update/DeleteUserPoolReplica) end to end through the AWS SDK v3
// over HTTP: the primary is the endpoint's Region, secondaries are records with the model's fields.
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let poolId: string;
const arn = (region: string, id = poolId) => `arn:aws:cognito-idp:${region}:000000000000:userpool/${id}`;

const create = (RegionName: string, UserPoolId = poolId, UserPoolTags?: Record<string, string>) =>
  h.client.send(new C.CreateUserPoolReplicaCommand({ UserPoolId, RegionName, UserPoolTags }));
const list = async (UserPoolId = poolId) =>
  (await h.client.send(new C.ListUserPoolReplicasCommand({ UserPoolId }))).UserPoolReplicas ?? [];
const update = (RegionName: string, Status: C.UpdateReplicaStatusType, UserPoolId = poolId) =>
  h.client.send(new C.UpdateUserPoolReplicaCommand({ UserPoolId, RegionName, Status }));
const remove = (RegionName: string, UserPoolId = poolId) =>
  h.client.send(new C.DeleteUserPoolReplicaCommand({ UserPoolId, RegionName }));

beforeAll(async () => {
  h = await startLocal();
  const { UserPool } = await h.client.send(new C.CreateUserPoolCommand({ PoolName: "replicated" }));
  poolId = UserPool?.Id as string;
});
afterAll(async () => {
  await h.close();
});

describe("user pool replicas", () => {
  it("lists the primary alone at first", async () => {
    expect(await list()).toEqual([
      { RegionName: "us-east-1", Status: "ACTIVE", Role: "PRIMARY", UserPoolArn: arn("us-east-1") },
    ]);
  });

  it("creates a secondary (CREATING, then INACTIVE), activates and deactivates it, deletes it", async () => {
    const created = await create("eu-west-1", poolId, { team: "identity" });
    expect(created.UserPoolReplica).toEqual({
      RegionName: "eu-west-1",
      Status: "CREATING",
      Role: "SECONDARY",
      UserPoolArn: arn("eu-west-1"),
    });
    await create("ap-southeast-2");
    expect((await list()).map((r) => [r.RegionName, r.Role, r.Status])).toEqual([
      ["us-east-1", "PRIMARY", "ACTIVE"],
      ["eu-west-1", "SECONDARY", "INACTIVE"],
      ["ap-southeast-2", "SECONDARY", "INACTIVE"],
    ]);

    expect((await update("eu-west-1", "ACTIVE")).UserPoolReplica?.Status).toBe("ACTIVE");
    expect((await list()).find((r) => r.RegionName === "eu-west-1")?.Status).toBe("ACTIVE");
    // Only an INACTIVE replica can be deleted.
    expect(await failure(remove("eu-west-1"))).toMatchObject({
      name: "InvalidParameterException",
      message: "The replica in eu-west-1 is ACTIVE: only an INACTIVE replica can be deleted.",
    });
    await update("eu-west-1", "INACTIVE");
    expect((await remove("eu-west-1")).UserPoolReplica).toEqual({
      RegionName: "eu-west-1",
      Status: "DELETING",
      Role: "SECONDARY",
      UserPoolArn: arn("eu-west-1"),
    });
    expect((await list()).map((r) => r.RegionName)).toEqual(["us-east-1", "ap-southeast-2"]);
    expect(await failure(remove("eu-west-1"))).toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses the pool's own Region, a duplicate, a bad Region name and bad input", async () => {
    expect(await failure(create("us-east-1"))).toMatchObject({
      name: "InvalidParameterException",
      message: "The user pool's own Region us-east-1 cannot hold a replica of it.",
    });
    expect(await failure(create("ap-southeast-2"))).toMatchObject({
      name: "InvalidParameterException",
      message: "The user pool already has a replica in ap-southeast-2.",
    });
    expect(await failure(create("mars-1"))).toMatchObject({
      name: "InvalidParameterException",
      message: "mars-1 is not a valid Region name.",
    });
    expect(await failure(update("us-east-1", "INACTIVE"))).toMatchObject({
      name: "InvalidParameterException",
    });
    expect(await failure(remove("us-east-1"))).toMatchObject({ name: "InvalidParameterException" });
    expect(await failure(update("ap-southeast-2", "DELETING" as C.UpdateReplicaStatusType))).toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining(
        "at 'status' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE]",
      ),
    });
    expect(
      await failure(
        h.client.send(
          new C.CreateUserPoolReplicaCommand({ UserPoolId: poolId } as C.CreateUserPoolReplicaRequest),
        ),
      ),
    ).toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining(
        "at 'regionName' failed to satisfy constraint: Member must not be null",
      ),
    });
    expect(
      await failure(h.client.send(new C.ListUserPoolReplicasCommand({ UserPoolId: poolId, NextToken: "x" }))),
    ).toMatchObject({ name: "InvalidParameterException" });
  });

  it("answers ResourceNotFoundException for an unknown pool or replica", async () => {
    const ghost = "us-east-1_NoSuchPool";
    expect(await failure(create("eu-west-2", ghost))).toMatchObject({ name: "ResourceNotFoundException" });
    expect(await failure(list(ghost))).toMatchObject({ name: "ResourceNotFoundException" });
    expect(await failure(update("eu-north-1", "ACTIVE"))).toMatchObject({
      name: "ResourceNotFoundException",
      message: `The user pool ${poolId} has no replica in eu-north-1.`,
    });
  });

  it("caps a pool at 10 replicas, refuses the LITE plan, and goes with its pool", async () => {
    const { UserPool } = await h.client.send(new C.CreateUserPoolCommand({ PoolName: "wide" }));
    const wide = UserPool?.Id as string;
    const regions = ["us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2"];
    regions.push("eu-west-3", "eu-central-1", "eu-north-1", "ap-northeast-1");
    for (const r of regions) await create(r, wide);
    expect(await failure(create("sa-east-1", wide))).toMatchObject({ name: "LimitExceededException" });
    expect(await list(wide)).toHaveLength(11);
    await h.client.send(new C.DeleteUserPoolCommand({ UserPoolId: wide }));
    expect(
      h.endpoint.services.db
        .prepare("SELECT COUNT(*) FROM user_pool_replicas WHERE pool_id = ?")
        .pluck()
        .get(wide),
    ).toBe(0);

    const { UserPool: lite } = await h.client.send(
      new C.CreateUserPoolCommand({ PoolName: "lite", UserPoolTier: "LITE" }),
    );
    expect(await failure(create("eu-west-1", lite?.Id as string))).toMatchObject({
      name: "FeatureUnavailableInTierException",
    });
  });
});
