// The stack file's JSON Schema: generated from the model, committed (schema/stack.schema.json) and
// printed by `cogctl apply --schema`; the three must agree, and it must describe what the loader reads.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./helpers/cli.js";

describe("the stack file's JSON Schema", () => {
  it("is committed as generated (scripts/gen-stack-schema.mjs --check)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "gen-stack-schema.mjs"), "--check"], {
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
  });

  it("is what apply --schema prints, with the model's members, enums and bounds", async () => {
    const r = await runCli(["apply", "--schema"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, "schema", "stack.schema.json"), "utf8"));
    const schema = JSON.parse(r.stdout);
    const pool = schema.properties.pools.additionalProperties;
    expect(pool.additionalProperties).toBe(false);
    expect(pool.properties.PoolName).toBeUndefined(); // the key
    expect(pool.properties.DeletionProtection.enum).toEqual(["ACTIVE", "INACTIVE"]);
    expect(pool.properties.Policies.properties.PasswordPolicy.properties.MinimumLength).toMatchObject({
      type: "integer",
      minimum: 6,
    });
    const client = pool.properties.clients.additionalProperties;
    expect(client.properties.ClientName).toBeUndefined();
    expect(client.properties.ExplicitAuthFlows.items.enum).toContain("ALLOW_USER_SRP_AUTH");
    expect(pool.properties.groups.additionalProperties.properties.Precedence.type).toBe("integer");
    expect(pool.properties.domain.required).toEqual(["Domain"]);
    expect(pool.properties.users.additionalProperties.properties.password.oneOf).toHaveLength(3);
    expect(pool.properties.uiCustomization.properties.ClientId).toBeUndefined();
  });
});
