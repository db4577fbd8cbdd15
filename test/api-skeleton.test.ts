import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { buildInput, generateSkeleton } from "../src/cli/args/index.js";
import { loadIndex, loadOperation, type Operation } from "../src/cognito/catalog.js";
import { ensureCatalog } from "./helpers/catalog.js";

ensureCatalog();

const ops: Operation[] = loadIndex().operations.map((o) => loadOperation(o.cliName)!);

describe("generateSkeleton", () => {
  it("covers all 140 operations", () => {
    expect(ops).toHaveLength(140);
  });

  it.each(ops.map((o) => [o.cliName, o] as const))("%s: skeleton keys are the model members", (_name, op) => {
    const input = JSON.parse(generateSkeleton(op, "input"));
    expect(Object.keys(input)).toEqual(Object.keys(op.input.members));
    const yamlInput = parseYaml(generateSkeleton(op, "yaml-input")) ?? {};
    expect(Object.keys(yamlInput)).toEqual(Object.keys(op.input.members));
    expect(yamlInput).toEqual(input);
    const output = JSON.parse(generateSkeleton(op, "output"));
    expect(Object.keys(output)).toEqual(Object.keys(op.output.members));
  });

  it("uses the AWS CLI's placeholders by type", () => {
    const acu = loadOperation("admin-create-user")!;
    const s = JSON.parse(generateSkeleton(acu, "input"));
    expect(s.UserPoolId).toBe("");
    expect(s.ForceAliasCreation).toBe(true);
    expect(s.MessageAction).toBe("RESEND|SUPPRESS");
    expect(s.UserAttributes).toEqual([{ Name: "", Value: "" }]);
    expect(s.DesiredDeliveryMediums).toEqual(["EMAIL|SMS"]);
    expect(s.ClientMetadata).toEqual({ KeyName: "" });
    expect(JSON.parse(generateSkeleton(loadOperation("list-users")!, "input")).Limit).toBe(0);
    const out = JSON.parse(generateSkeleton(loadOperation("admin-get-user")!, "output"));
    expect(out.UserCreateDate).toBe("1970-01-01T00:00:00");
  });

  it("comments the YAML with required markers and valid values", () => {
    const yaml = generateSkeleton(loadOperation("admin-create-user")!, "yaml-input");
    expect(yaml).toMatch(/^UserPoolId: "" # \[REQUIRED\] The ID of the user pool/m);
    expect(yaml).toMatch(/^MessageAction: RESEND\|SUPPRESS # .*Valid values are: RESEND, SUPPRESS\.$/m);
    expect(yaml).toMatch(/^ {2}- Name: "" # \[REQUIRED\]$/m);
  });

  it("round-trips: a filled-in skeleton is accepted by --cli-input-json", () => {
    const op = loadOperation("admin-create-user")!;
    const s = JSON.parse(generateSkeleton(op, "input"));
    s.UserPoolId = "us-east-1_abc";
    s.Username = "alice";
    s.MessageAction = "SUPPRESS";
    s.DesiredDeliveryMediums = ["EMAIL"];
    s.UserAttributes[0] = { Name: "email", Value: "a@b.c" };
    s.ValidationData = [];
    expect(buildInput(op, {}, { json: JSON.stringify(s) })).toMatchObject({
      UserPoolId: "us-east-1_abc",
      ForceAliasCreation: true,
      ClientMetadata: { KeyName: "" },
    });
  });
});
