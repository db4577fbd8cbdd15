import * as sdk from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { loadIndex, loadOperation, type Shape, toCliName, toFlagName } from "../src/cognito/catalog.js";
import botocore from "./fixtures/botocore-names.json" with { type: "json" };
import { ensureCatalog } from "./helpers/catalog.js";

ensureCatalog();

const sdkOps = Object.keys(sdk)
  .filter((k) => /^[A-Z][A-Za-z0-9]*Command$/.test(k))
  .map((k) => k.slice(0, -"Command".length));

describe("catalog index", () => {
  it("has one operation per SDK command export", () => {
    const index = loadIndex();
    const names = new Set(index.operations.map((o) => o.name));
    expect(sdkOps.length).toBe(140);
    for (const op of sdkOps) expect(names, `no catalog operation for ${op}Command`).toContain(op);
    expect(index.operations).toHaveLength(sdkOps.length);
    expect(index.sdkVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("puts every operation in a known group with a one-sentence summary", () => {
    const index = loadIndex();
    for (const o of index.operations) {
      expect(index.groups).toContain(o.group);
      expect(o.group, o.name).not.toBe("other");
      expect(o.summary.length, o.name).toBeGreaterThan(10);
      expect(o.summary, o.name).not.toMatch(/<\/?[a-z]+>/);
    }
  });
});

describe("operation names", () => {
  it.each([
    ["AdminCreateUser", "admin-create-user"],
    ["GetCSVHeader", "get-csv-header"],
    ["SetUICustomization", "set-ui-customization"],
    ["AdminSetUserMFAPreference", "admin-set-user-mfa-preference"],
    ["ListUserPoolClientSecrets", "list-user-pool-client-secrets"],
    ["GatewayARNs", "gateway-arns"],
  ])("%s → %s", (name, cli) => {
    expect(toCliName(name)).toBe(cli);
  });

  it("flag names follow xform_name", () => {
    expect(toFlagName("UserPoolId")).toBe("--user-pool-id");
    expect(toFlagName("SecretHash")).toBe("--secret-hash");
    expect(toFlagName("MFAOptions")).toBe("--mfa-options");
    expect(toFlagName("SMSMfaSettings")).toBe("--sms-mfa-settings");
  });

  it("agrees with botocore on every operation and input member it knows", () => {
    let checked = 0;
    for (const [name, want] of Object.entries(botocore.operations)) {
      if (!sdkOps.includes(name)) continue; // botocore's snapshot may predate an operation
      const op = loadOperation(want.cliName);
      expect(op?.name, want.cliName).toBe(name);
      expect(toCliName(name)).toBe(want.cliName);
      for (const [member, flag] of Object.entries(want.flags)) {
        expect(toFlagName(member)).toBe(`--${flag}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("loads every operation by its cli name, and nothing else", () => {
    for (const o of loadIndex().operations) {
      const op = loadOperation(o.cliName);
      expect(op?.name).toBe(o.name);
      expect(op?.cliName).toBe(toCliName(o.name));
      expect(op?.input.type).toBe("structure");
      expect(op?.output.type).toBe("structure");
    }
    expect(loadOperation("no-such-operation")).toBeUndefined();
    expect(loadOperation("../index")).toBeUndefined();
  });
});

describe("operation shapes", () => {
  it("records required members, enums, sensitivity and nested structures", () => {
    const op = loadOperation("admin-create-user")!;
    expect(op.input.required).toEqual(["UserPoolId", "Username"]);
    expect(op.input.members.MessageAction.shape).toEqual({ type: "string", enum: ["RESEND", "SUPPRESS"] });
    expect(op.input.members.TemporaryPassword.shape).toMatchObject({ type: "string", sensitive: true });
    const attrs = op.input.members.UserAttributes.shape as Extract<Shape, { type: "list" }>;
    expect(attrs.type).toBe("list");
    expect(attrs.member).toMatchObject({ type: "structure", name: "AttributeType", required: ["Name"] });
    expect(op.input.members.ClientMetadata.shape).toMatchObject({ type: "map", key: { type: "string" } });
    expect(op.input.members.ForceAliasCreation.shape.type).toBe("boolean");
    expect(op.doc).toContain("Creates a new user");
    expect(op.input.members.UserPoolId.doc).toBe("The ID of the user pool where you want to create a user.");
  });

  it("types numbers, timestamps, blobs and documents", () => {
    expect(loadOperation("list-users")!.input.members.Limit.shape.type).toBe("integer");
    expect(loadOperation("set-ui-customization")!.input.members.ImageFile.shape.type).toBe("blob");
    const job = loadOperation("describe-user-import-job")!.output.members.UserImportJob.shape as any;
    expect(job.members.CreationDate.shape.type).toBe("timestamp");
    expect(loadOperation("create-managed-login-branding")!.input.members.Settings.shape.type).toBe(
      "document",
    );
  });

  it("converts doc HTML into plain paragraphs and bullets", () => {
    const doc = loadOperation("admin-create-user")!.input.members.Username.doc!;
    expect(doc).not.toMatch(/<\/?(p|li|ul|code)>/);
    expect(doc).toMatch(/\n\n- The username can't be a duplicate/);
  });

  it("leaves no markup, entities or JSDoc escapes in any doc", () => {
    const docs: string[] = [];
    const walk = (shape: Shape, depth: number): void => {
      if (depth > 8) return;
      if (shape.type === "structure") {
        for (const m of Object.values(shape.members)) {
          if (m.doc) docs.push(m.doc);
          walk(m.shape, depth + 1);
        }
      } else if (shape.type === "list") walk(shape.member, depth + 1);
      else if (shape.type === "map") walk(shape.value, depth + 1);
    };
    for (const o of loadIndex().operations) {
      const op = loadOperation(o.cliName)!;
      docs.push(op.doc);
      walk(op.input, 0);
      walk(op.output, 0);
    }
    expect(docs.length).toBeGreaterThan(1000);
    const all = docs.join("\n");
    expect(all.match(/<\/?[a-z]+[^>]*>/g) ?? []).toEqual([]);
    expect(all.match(/&[a-z]+;|&#\d+;/g) ?? []).toEqual([]);
    expect(all.match(/\\[{}@]|\{@link/g) ?? []).toEqual([]);
    expect(loadOperation("admin-create-user")!.doc).toContain("must have the {####} password placeholder");
  });

  it("describes paginators from the SDK", () => {
    expect(loadOperation("list-users")!.paginator).toEqual({
      inputToken: "PaginationToken",
      outputToken: "PaginationToken",
      limitKey: "Limit",
      resultKeys: ["Users"],
    });
    expect(loadOperation("list-user-pools")!.paginator?.resultKeys).toEqual(["UserPools"]);
    expect(loadOperation("admin-get-user")!.paginator).toBeUndefined();
  });
});
