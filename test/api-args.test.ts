import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildInput, flagsFor, parseFlagValue } from "../src/cli/args/index.js";
import { loadOperation, type Operation } from "../src/cognito/catalog.js";
import { UsageError } from "../src/kernel/errors.js";
import { ensureCatalog } from "./helpers/catalog.js";

ensureCatalog();

function op(cliName: string): Operation {
  const o = loadOperation(cliName);
  if (!o) throw new Error(`no operation ${cliName}`);
  return o;
}

function flag(cliName: string, member: string) {
  const spec = flagsFor(op(cliName)).find((s) => s.member === member);
  if (!spec) throw new Error(`no member ${member}`);
  return spec;
}

function usageError(f: () => unknown): UsageError {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error("no error thrown");
}

const tmp = mkdtempSync(join(tmpdir(), "cogctl-api-args-"));

describe("flagsFor", () => {
  it("gives one flag per input member, typed and named as the AWS CLI", () => {
    const specs = flagsFor(op("admin-create-user"));
    expect(specs.map((s) => s.flag)).toEqual([
      "--user-pool-id",
      "--username",
      "--user-attributes",
      "--validation-data",
      "--temporary-password",
      "--force-alias-creation",
      "--message-action",
      "--desired-delivery-mediums",
      "--client-metadata",
    ]);
    const by = Object.fromEntries(specs.map((s) => [s.member, s]));
    expect(by.UserPoolId).toMatchObject({
      kind: "string",
      required: true,
      variadic: false,
      sensitive: false,
    });
    expect(by.UserAttributes).toMatchObject({ kind: "complex", required: false, variadic: true });
    expect(by.TemporaryPassword).toMatchObject({ kind: "string", sensitive: true });
    expect(by.ForceAliasCreation.kind).toBe("boolean");
    expect(by.DesiredDeliveryMediums).toMatchObject({ kind: "string-list", variadic: true });
    expect(by.ClientMetadata).toMatchObject({ kind: "complex", variadic: false });
    expect(by.UserPoolId.doc).toMatch(/user pool/);
    expect(flag("list-users", "Limit").kind).toBe("number");
    expect(flag("set-ui-customization", "ImageFile").kind).toBe("blob");
    expect(flag("initiate-auth", "AuthParameters").sensitive).toBe(true);
  });
});

describe("scalar values", () => {
  it("passes strings through", () => {
    expect(parseFlagValue(flag("admin-get-user", "UserPoolId"), "us-east-1_abc")).toBe("us-east-1_abc");
  });

  it("types and checks integers", () => {
    const limit = flag("list-users", "Limit");
    expect(parseFlagValue(limit, "25")).toBe(25);
    expect(parseFlagValue(limit, "-3")).toBe(-3);
    const e = usageError(() => parseFlagValue(limit, "ten"));
    expect(e.exitCode).toBe(252);
    expect(e.message).toBe(`Error parsing parameter '--limit': expected an integer, got the string "ten".`);
    expect(usageError(() => parseFlagValue(limit, "1.5")).message).toMatch(/expected an integer/);
    expect(usageError(() => parseFlagValue(limit, "99999999999999999999")).message).toMatch(
      /expected an integer/,
    );
  });

  it("takes booleans from commander, and true/false text", () => {
    const force = flag("admin-create-user", "ForceAliasCreation");
    expect(parseFlagValue(force, true)).toBe(true);
    expect(parseFlagValue(force, false)).toBe(false);
    expect(parseFlagValue(force, "FALSE")).toBe(false);
    expect(usageError(() => parseFlagValue(force, "yes")).message).toMatch(
      /'--force-alias-creation': expected true or false/,
    );
  });

  it("checks enum values and lists the valid ones", () => {
    const action = flag("admin-create-user", "MessageAction");
    expect(parseFlagValue(action, "SUPPRESS")).toBe("SUPPRESS");
    expect(usageError(() => parseFlagValue(action, "resend")).message).toBe(
      "Error parsing parameter '--message-action': invalid value 'resend'. Did you mean 'RESEND'? Valid values: RESEND, SUPPRESS.",
    );
    const mediums = flag("admin-create-user", "DesiredDeliveryMediums");
    expect(parseFlagValue(mediums, ["EMAIL", "SMS"])).toEqual(["EMAIL", "SMS"]);
    expect(usageError(() => parseFlagValue(mediums, ["EMAIL", "FAX"])).message).toMatch(
      /'--desired-delivery-mediums' at DesiredDeliveryMediums\[1\]: invalid value 'FAX'.*Valid values: EMAIL, SMS\./,
    );
  });
});

describe("lists of strings", () => {
  const attrs = () => flag("list-users", "AttributesToGet");
  it("takes space-separated values", () => {
    expect(parseFlagValue(attrs(), ["email", "name"])).toEqual(["email", "name"]);
    expect(parseFlagValue(attrs(), "email")).toEqual(["email"]);
  });
  it("takes one JSON array", () => {
    expect(parseFlagValue(attrs(), ['["email", "custom:x"]'])).toEqual(["email", "custom:x"]);
  });
  it("rejects a JSON array of the wrong type with the position", () => {
    expect(usageError(() => parseFlagValue(attrs(), ["[1]"])).message).toMatch(
      /'--attributes-to-get' at AttributesToGet\[0\]: expected a string, got the number 1/,
    );
  });
});

describe("structures", () => {
  const policies = () => flag("update-user-pool", "Policies");

  it("accepts JSON", () => {
    expect(
      parseFlagValue(policies(), '{"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": false}}'),
    ).toEqual({
      PasswordPolicy: { MinimumLength: 12, RequireSymbols: false },
    });
  });

  it("accepts nested shorthand and types its values from the model", () => {
    expect(parseFlagValue(policies(), "PasswordPolicy={MinimumLength=12,RequireSymbols=false}")).toEqual({
      PasswordPolicy: { MinimumLength: 12, RequireSymbols: false },
    });
  });

  it("names unknown keys with their path and the valid keys", () => {
    const e = usageError(() => parseFlagValue(policies(), "PasswordPolicy={MinimumLenght=12}"));
    expect(e.message).toMatch(
      /^Error parsing parameter '--policies' at Policies\.PasswordPolicy: unknown key 'MinimumLenght'\. Did you mean 'MinimumLength'\? Valid keys: MinimumLength, /,
    );
  });

  it("rejects JSON values of the wrong type", () => {
    const e = usageError(() => parseFlagValue(policies(), '{"PasswordPolicy": {"MinimumLength": "12"}}'));
    expect(e.message).toBe(
      `Error parsing parameter '--policies' at Policies.PasswordPolicy.MinimumLength: expected an integer, got the string "12".`,
    );
  });

  it("reports JSON syntax errors with line and column and the accepted syntax", () => {
    const e = usageError(() => parseFlagValue(policies(), '{"PasswordPolicy":\n  {"MinimumLength": 12,}}'));
    expect(e.message).toMatch(
      /^Error parsing parameter '--policies': Invalid JSON: .* at line 2, column 24\./,
    );
    expect(e.message).toContain("Expected shorthand like PasswordPolicy={MinimumLength=integer,");
  });

  it("lists in nested shorthand take brackets or commas", () => {
    const schema = flag("update-user-pool", "VerificationMessageTemplate");
    expect(
      parseFlagValue(schema, "DefaultEmailOption=CONFIRM_WITH_CODE,EmailSubject='Your code, again'"),
    ).toEqual({
      DefaultEmailOption: "CONFIRM_WITH_CODE",
      EmailSubject: "Your code, again",
    });
    const recovery = flag("update-user-pool", "AccountRecoverySetting");
    expect(
      parseFlagValue(
        recovery,
        "RecoveryMechanisms=[{Priority=1,Name=verified_email},{Priority=2,Name=admin_only}]",
      ),
    ).toEqual({
      RecoveryMechanisms: [
        { Priority: 1, Name: "verified_email" },
        { Priority: 2, Name: "admin_only" },
      ],
    });
  });
});

describe("lists of structures", () => {
  const attrs = () => flag("admin-create-user", "UserAttributes");

  it("takes several shorthand values", () => {
    expect(parseFlagValue(attrs(), ["Name=email,Value=a@b.c", 'Name=name,Value="Doe, Jane"'])).toEqual([
      { Name: "email", Value: "a@b.c" },
      { Name: "name", Value: "Doe, Jane" },
    ]);
  });

  it("takes one JSON array, or several JSON objects", () => {
    expect(parseFlagValue(attrs(), ['[{"Name":"email","Value":"a@b.c"}]'])).toEqual([
      { Name: "email", Value: "a@b.c" },
    ]);
    expect(parseFlagValue(attrs(), '[{"Name":"email","Value":"a@b.c"}]')).toEqual([
      { Name: "email", Value: "a@b.c" },
    ]);
    expect(parseFlagValue(attrs(), ['{"Name":"a","Value":"1"}', '{"Name":"b"}'])).toEqual([
      { Name: "a", Value: "1" },
      { Name: "b" },
    ]);
  });

  it("shows the shorthand error with a caret and the column", () => {
    const e = usageError(() => parseFlagValue(attrs(), ["Name=email,,"]));
    expect(e.message).toBe(
      [
        "Error parsing parameter '--user-attributes': Expected: a key, received: ',' for input:",
        "  Name=email,,",
        "             ^ (column 12)",
        'Expected shorthand like Name=string,Value=string Name=string,Value=string or JSON like [{"Name":"string","Value":"string"}].',
      ].join("\n"),
    );
  });

  it("checks required keys of each item", () => {
    const e = usageError(() => parseFlagValue(attrs(), ["Name=email,Value=x", "Value=y"]));
    expect(e.message).toBe(
      "Error parsing parameter '--user-attributes' at UserAttributes[1]: missing required key 'Name' (AttributeType requires Name).",
    );
  });

  it("explains a comma used instead of a space between items", () => {
    const e = usageError(() => parseFlagValue(attrs(), ["Name=a,Value=b,Name=c,Value=d"]));
    expect(e.message).toMatch(/Second instance of key "Name".*\n.*\n\s{17}\^ \(column 16\)/);
  });
});

describe("maps", () => {
  const params = () => flag("initiate-auth", "AuthParameters");

  it("takes shorthand and JSON", () => {
    expect(parseFlagValue(params(), "USERNAME=alice,PASSWORD=x")).toEqual({
      USERNAME: "alice",
      PASSWORD: "x",
    });
    expect(parseFlagValue(params(), '{"USERNAME": "alice", "SECRET_HASH": "abc="}')).toEqual({
      USERNAME: "alice",
      SECRET_HASH: "abc=",
    });
    expect(parseFlagValue(flag("admin-create-user", "ClientMetadata"), "a=1,b=x y")).toEqual({
      a: "1",
      b: "x y",
    });
  });

  it("needs quotes or \\, for a comma in a value", () => {
    expect(parseFlagValue(params(), "PASSWORD=p\\,w")).toEqual({ PASSWORD: "p,w" });
    expect(parseFlagValue(params(), "PASSWORD='p,w'")).toEqual({ PASSWORD: "p,w" });
    expect(usageError(() => parseFlagValue(params(), "PASSWORD=p,w")).message).toBe(
      "Error parsing parameter '--auth-parameters' at AuthParameters.PASSWORD: expected a string, got a list.",
    );
  });

  it("never echoes a secret value in an error", () => {
    const e = usageError(() => parseFlagValue(params(), "USERNAME=alice,PASSWORD=hunter2,,"));
    expect(e.message).toMatch(
      /^Error parsing parameter '--auth-parameters': Expected: a key, received: ',' at column 33/,
    );
    expect(e.message).not.toContain("hunter2");
    const j = usageError(() => parseFlagValue(params(), '{"PASSWORD": hunter2}'));
    expect(j.message).toMatch(/Invalid JSON: .* at line 1, column 14/);
    expect(j.message).not.toContain("hunter2");
    const t = usageError(() => parseFlagValue(params(), '{"PASSWORD": 12345678}'));
    expect(t.message).not.toContain("12345678");
  });
});

describe("documents, blobs and timestamps", () => {
  it("takes any JSON for a document member", () => {
    const settings = flag("create-managed-login-branding", "Settings");
    expect(parseFlagValue(settings, '{"components": {"form": [1, true]}}')).toEqual({
      components: { form: [1, true] },
    });
    expect(usageError(() => parseFlagValue(settings, "a=b")).message).toMatch(/Invalid JSON/);
  });

  it("reads a blob from fileb:// as bytes, or from base64 text", () => {
    const image = flag("set-ui-customization", "ImageFile");
    const path = join(tmp, "logo.bin");
    writeFileSync(path, Buffer.from([0, 1, 2, 250, 255]));
    expect(parseFlagValue(image, `fileb://${path}`)).toEqual(new Uint8Array([0, 1, 2, 250, 255]));
    expect(parseFlagValue(image, "AAEC+v8=")).toEqual(new Uint8Array([0, 1, 2, 250, 255]));
    expect(usageError(() => parseFlagValue(image, "not base64!")).message).toMatch(
      /'--image-file': expected base64 text\. .*fileb:\/\/path/,
    );
  });

  it("types timestamps from ISO 8601 (UTC when no zone) or epoch seconds", () => {
    const fake: Operation = {
      name: "FakeOp",
      cliName: "fake-op",
      summary: "",
      doc: "",
      group: "other",
      input: {
        type: "structure",
        name: "FakeOpRequest",
        members: { Since: { shape: { type: "timestamp" } } },
        required: [],
      },
      output: { type: "structure", name: "FakeOpResponse", members: {}, required: [] },
    };
    const since = flagsFor(fake)[0]!;
    expect(since.kind).toBe("timestamp");
    expect(parseFlagValue(since, "2024-01-31T12:00:00Z")).toEqual(new Date(Date.UTC(2024, 0, 31, 12)));
    expect(parseFlagValue(since, "2024-01-31T12:00:00")).toEqual(new Date(Date.UTC(2024, 0, 31, 12)));
    expect(parseFlagValue(since, "2024-01-31T14:00:00+02:00")).toEqual(new Date(Date.UTC(2024, 0, 31, 12)));
    expect(parseFlagValue(since, "1706702400")).toEqual(new Date(Date.UTC(2024, 0, 31, 12)));
    expect(usageError(() => parseFlagValue(since, "yesterday")).message).toMatch(
      /'--since': expected a timestamp \(ISO 8601/,
    );
  });
});

describe("file:// values", () => {
  it("replaces file:// with the file's text for any flag", () => {
    const json = join(tmp, "attrs.json");
    writeFileSync(json, '[{"Name": "email", "Value": "a@b.c"}]\n');
    expect(parseFlagValue(flag("admin-create-user", "UserAttributes"), [`file://${json}`])).toEqual([
      { Name: "email", Value: "a@b.c" },
    ]);
    const text = join(tmp, "message.txt");
    writeFileSync(text, "Your code is {####}\n");
    expect(parseFlagValue(flag("update-user-pool", "EmailVerificationMessage"), `file://${text}`)).toBe(
      "Your code is {####}\n",
    );
    const n = join(tmp, "n.txt");
    writeFileSync(n, "42\n");
    expect(parseFlagValue(flag("list-users", "Limit"), `file://${n}`)).toBe(42);
  });

  it("names the flag and the path when the file cannot be read", () => {
    const missing = join(tmp, "nope.json");
    const e = usageError(() => parseFlagValue(flag("update-user-pool", "Policies"), `file://${missing}`));
    expect(e.message).toBe(
      `Error parsing parameter '--policies': unable to load paramfile file://${missing}: no such file. Check the path (relative paths start from ${process.cwd()}).`,
    );
    expect(
      usageError(() => parseFlagValue(flag("update-user-pool", "Policies"), `fileb://${tmp}`)).message,
    ).toMatch(/it is a directory/);
  });
});

describe("buildInput", () => {
  const acu = () => op("admin-create-user");

  it("builds the SDK input from flags", () => {
    expect(
      buildInput(acu(), {
        UserPoolId: "p",
        Username: "alice",
        UserAttributes: ["Name=email,Value=a@b.c"],
        ForceAliasCreation: true,
        MessageAction: undefined,
      }),
    ).toEqual({
      UserPoolId: "p",
      Username: "alice",
      UserAttributes: [{ Name: "email", Value: "a@b.c" }],
      ForceAliasCreation: true,
    });
  });

  it("names every missing required flag", () => {
    const e = usageError(() => buildInput(acu(), { MessageAction: "SUPPRESS" }));
    expect(e.message).toBe(
      "the following arguments are required: --user-pool-id, --username (give them as flags or in --cli-input-json; see `cogctl admin-create-user help`).",
    );
    expect(usageError(() => buildInput(acu(), { UserPoolId: "p" })).message).toMatch(
      /required: --username \(give it/,
    );
  });

  it("merges --cli-input-json under the flags (flags win)", () => {
    const input = buildInput(
      acu(),
      { Username: "from-flag" },
      { json: '{"UserPoolId": "p1", "Username": "from-json", "DesiredDeliveryMediums": ["EMAIL"]}' },
    );
    expect(input).toEqual({ UserPoolId: "p1", Username: "from-flag", DesiredDeliveryMediums: ["EMAIL"] });
  });

  it("reads --cli-input-yaml from a file", () => {
    const path = join(tmp, "input.yaml");
    writeFileSync(
      path,
      "UserPoolId: p2\nUsername: bob\nUserAttributes:\n  - Name: email\n    Value: b@c.d\n",
    );
    expect(buildInput(acu(), { UserPoolId: "flag-pool" }, { yaml: `file://${path}` })).toEqual({
      UserPoolId: "flag-pool",
      Username: "bob",
      UserAttributes: [{ Name: "email", Value: "b@c.d" }],
    });
  });

  it("rejects unknown top-level keys in --cli-input-json / --cli-input-yaml", () => {
    const e = usageError(() => buildInput(acu(), {}, { json: '{"UserPoolId": "p", "Usrname": "x"}' }));
    expect(e.message).toMatch(
      /^Error parsing parameter '--cli-input-json': unknown parameter 'Usrname' for AdminCreateUser\. Did you mean 'Username'\? Valid parameters: UserPoolId, Username, /,
    );
    expect(usageError(() => buildInput(acu(), {}, { yaml: "Foo: 1" })).message).toMatch(
      /'--cli-input-yaml': unknown parameter 'Foo'/,
    );
  });

  it("types and checks --cli-input values like flag values", () => {
    const e = usageError(() =>
      buildInput(
        acu(),
        {},
        { json: '{"UserPoolId": "p", "Username": "u", "UserAttributes": [{"Value": "x"}]}' },
      ),
    );
    expect(e.message).toBe(
      "Error parsing parameter '--cli-input-json' at UserAttributes[0]: missing required key 'Name' (AttributeType requires Name).",
    );
    expect(
      usageError(() => buildInput(acu(), {}, { yaml: "UserPoolId: p\nUsername: u\nMessageAction: NOPE\n" }))
        .message,
    ).toMatch(/'--cli-input-yaml' at MessageAction: invalid value 'NOPE'/);
  });

  it("locates syntax errors in --cli-input-json and --cli-input-yaml", () => {
    expect(usageError(() => buildInput(acu(), {}, { json: '{\n  "UserPoolId": "p",\n}' })).message).toMatch(
      /^Error parsing parameter '--cli-input-json': Invalid JSON: .* at line 3, column 1\. Run `cogctl admin-create-user --generate-cli-skeleton`/,
    );
    expect(
      usageError(() => buildInput(acu(), {}, { yaml: "UserPoolId: p\nUsername: [a\n" })).message,
    ).toMatch(/^Error parsing parameter '--cli-input-yaml': Invalid YAML at line \d+, column \d+: /);
    expect(usageError(() => buildInput(acu(), {}, { json: "[1]" })).message).toMatch(/expected an object/);
    expect(usageError(() => buildInput(acu(), {}, { json: "{}", yaml: "{}" })).message).toMatch(/not both/);
  });
});
