// users template and users validate end to end: the real CLI (in process through main(), and bin/cogctl
// for stdin and exit codes) against the embedded endpoint over HTTP on port 0 and moto_server, with
// pools of each kind: MFA on and off, auto-verified email or phone, email as username, a required
// attribute and custom attributes with bounds. moto_server has no GetCSVHeader (it answers 500 "not
// implemented"), so there cogctl uses the header Cognito documents and says so.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient } from "./helpers/env.js";

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

const SCHEMA: CreateUserPoolCommandInput["Schema"] = [
  { Name: "family_name", Required: true, Mutable: true },
  {
    Name: "tier",
    AttributeDataType: "String",
    Mutable: true,
    StringAttributeConstraints: { MinLength: "2", MaxLength: "5" },
  },
  {
    Name: "age",
    AttributeDataType: "Number",
    Mutable: true,
    NumberAttributeConstraints: { MinValue: "18", MaxValue: "120" },
  },
];

describe.each(endpoints)("users template and users validate against the %s", (endpointName, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let dir: string;
  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], opts);
  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  /** The pool's header, as `users template` prints it. */
  const headerOf = async (pool: string) =>
    (await cog(["users", "template", "--pool", pool])).stdout.trim().split(",");
  /** A row in the pool's header order, from an example row with some values changed. */
  const rowsOf = async (pool: string, changes: Record<string, string>[]) => {
    const out = (await cog(["users", "template", "--pool", pool, "--example"])).stdout.trim().split("\n");
    const header = out[0].split(",");
    const example = out[1].split(/(?<!\\),/);
    return [out[0], ...changes.map((c) => header.map((h, i) => (h in c ? c[h] : example[i])).join(","))];
  };
  /** 1-based character column where a column's value starts on a line. */
  const col = (line: string, header: string[], name: string) => {
    const fields = line.split(/(?<!\\),/);
    return [...fields.slice(0, header.indexOf(name)).join(",")].length + (header.indexOf(name) > 0 ? 2 : 1);
  };

  beforeAll(async () => {
    restoreEnv = applyEnv(isolatedAwsEnv());
    dir = mkdtempSync(join(tmpdir(), "cogctl-validate-"));
    endpoint = await start();
    client = testClient(endpoint.url);
    const create = (input: Omit<CreateUserPoolCommandInput, "PoolName"> & { PoolName: string }) =>
      client.send(new CreateUserPoolCommand(input));
    await create({
      PoolName: "plain",
      AutoVerifiedAttributes: ["email"],
      MfaConfiguration: "OFF",
      Schema: SCHEMA,
    });
    await create({
      PoolName: "mfa-on",
      AutoVerifiedAttributes: ["phone_number"],
      MfaConfiguration: "ON",
      SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sns", ExternalId: "x" },
    });
    await create({ PoolName: "by-email", AutoVerifiedAttributes: ["email"], UsernameAttributes: ["email"] });
    await create({ PoolName: "no-verify" });
  });
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it("template prints the pool's header on one line (GetCSVHeader, or the documented one where it is missing)", async () => {
    const r = await cog(["users", "template", "--pool", "plain"]);
    expect(r.code).toBe(0);
    const header = r.stdout.trim().split(",");
    expect(r.stdout.split("\n")).toHaveLength(2);
    expect(header.slice(0, 3)).toEqual(["name", "given_name", "family_name"]);
    expect(header).toEqual(
      expect.arrayContaining(["custom:tier", "custom:age", "cognito:mfa_enabled", "cognito:username"]),
    );
    if (endpointName === "moto_server") expect(r.stderr).toMatch(/does not implement GetCSVHeader/);
    else {
      const got = JSON.parse(
        (await cog(["users", "template", "--pool", "plain", "--output", "json"])).stdout,
      );
      expect(got.CSVHeader).toEqual(header);
      expect(r.stderr).toBe("");
    }
  });

  it("template --example is a row each pool accepts, and --out refuses to replace a file without --force", async () => {
    for (const pool of ["plain", "mfa-on", "by-email"]) {
      const out = join(dir, `${pool}-template.csv`);
      expect((await cog(["users", "template", "--pool", pool, "--example", "--out", out])).code).toBe(0);
      const v = await cog(["users", "validate", out, "--pool", pool]);
      expect(v.stdout, pool).toBe("");
      expect(v.code, v.stderr).toBe(0);
      expect(v.stderr).toMatch(/1 row, all valid/);
    }
    const again = await cog([
      "users",
      "template",
      "--pool",
      "plain",
      "--out",
      join(dir, "plain-template.csv"),
    ]);
    expect(again.code).toBe(252);
    expect(again.stderr).toMatch(/already exists: pass --force/);
    expect(readFileSync(join(dir, "plain-template.csv"), "utf8").split("\n")).toHaveLength(3);
    const forced = await cog([
      "users",
      "template",
      "--pool",
      "plain",
      "--out",
      join(dir, "plain-template.csv"),
      "--force",
    ]);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "plain-template.csv"), "utf8").split("\n")).toHaveLength(2);
  });

  it("validate reports each bad row at file:line:column with its field and fix, and exits 1", async () => {
    const header = await headerOf("plain");
    const lines = await rowsOf("plain", [
      { "cognito:username": "ann", email: "ann@example.com" },
      { "cognito:username": "bob", email: "bob@" },
      { "cognito:username": "cat", email: "cat@example.com", family_name: "" },
      { "cognito:username": "dan", email: "dan@example.com", "custom:tier": "platinum" },
      { "cognito:username": "eve", email: "eve@example.com", "custom:age": "17" },
      { "cognito:username": "ann", email: "ann2@example.com" },
      { "cognito:username": "fay", email: "fay@example.com", name: '"Smith, Fay"' },
      { "cognito:username": "gus", email: "gus@example.com", email_verified: "false" },
      {
        "cognito:username": "hal",
        email: "hal@example.com",
        birthdate: "13/01/1990",
        "cognito:mfa_enabled": "yes",
      },
    ]);
    const path = file("plain-bad.csv", `${lines.join("\n")}\n`);
    const r = await cog(["users", "validate", path, "--pool", "plain"]);
    expect(r.code).toBe(1);
    const at = (n: number, name: string) => `${path}:${n}:${col(lines[n - 1], header, name)}: ${name}: `;
    expect(r.stdout.split("\n").filter(Boolean)).toEqual([
      `${at(3, "email")}"bob@" is not an email address (write a full address, such as bob@example.com)`,
      `${at(4, "family_name")}family_name is empty, but the pool requires it (give every user a family_name)`,
      `${at(5, "custom:tier")}custom:tier is 8 characters, more than 5 (shorten it to 5 characters or fewer)`,
      `${at(6, "custom:age")}17 is less than 18, the least custom:age may be (write a number from 18 to 120)`,
      `${at(7, "cognito:username")}the username "ann" is also on line 2 (import each user once: remove or rename one of the rows)`,
      `${at(8, "name")}"Smith, Fay" holds a comma inside quotes, but Cognito has no quoting: it reads 2 columns (write the comma as \\, without quotes, or run cogctl users validate --fix-escaping for a corrected copy)`,
      `${at(9, "email_verified")}no auto-verified attribute (email) is marked verified, so Cognito fails the row (fill in email and write true in email_verified)`,
      `${at(10, "birthdate")}"13/01/1990" is not a real date (write a day that exists, month first (mm/dd/yyyy), such as 04/23/1990)`,
      `${at(10, "cognito:mfa_enabled")}"yes" is not true or false (write true or false in cognito:mfa_enabled)`,
    ]);
    expect(r.stderr).toMatch(/9 rows, 1 valid, 8 invalid; 9 problems: /);

    const json = await cog(["users", "validate", path, "--pool", "plain", "--format", "json"]);
    expect(json.code).toBe(1);
    const objects = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(objects.filter((o) => o.type === "problem")).toHaveLength(9);
    expect(objects[1]).toMatchObject({
      type: "problem",
      file: path,
      line: 4,
      field: "family_name",
      kind: "required",
    });
    expect(objects.at(-1)).toEqual({
      type: "summary",
      file: path,
      status: "invalid",
      rows: 9,
      valid: 1,
      invalid: 8,
      problems: 9,
      byKind: expect.objectContaining({
        email: 1,
        required: 1,
        length: 1,
        range: 1,
        duplicate: 1,
        quoting: 1,
        "auto-verified": 1,
        date: 1,
        boolean: 1,
      }),
    });
  });

  it("validate follows the pool: MFA on with auto-verified phone, email as username", async () => {
    const mfa = await rowsOf("mfa-on", [
      {},
      { "cognito:username": "b", phone_number: "+12065550101", "cognito:mfa_enabled": "false" },
      { "cognito:username": "c", phone_number: "+12065550102", phone_number_verified: "false" },
    ]);
    const r = await cog([
      "users",
      "validate",
      file("mfa.csv", mfa.join("\n")),
      "--pool",
      "mfa-on",
      "--format",
      "json",
    ]);
    const kinds = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((o) => o.type === "problem")
      .map((o) => `${o.line}:${o.field}:${o.kind}`);
    expect(kinds).toEqual(["3:cognito:mfa_enabled:mfa", "4:phone_number_verified:auto-verified"]);

    const byEmail = await rowsOf("by-email", [
      { "cognito:username": "a1", email: "Sam@example.com" },
      { "cognito:username": "a2", email: "sam@EXAMPLE.com" },
    ]);
    const e = await cog([
      "users",
      "validate",
      file("by-email.csv", byEmail.join("\n")),
      "--pool",
      "by-email",
    ]);
    expect(e.code).toBe(1);
    expect(e.stdout).toMatch(
      /by-email\.csv:3:\d+: email: "sam@EXAMPLE.com" is also the email of line 2, and users sign in with it/,
    );
  });

  it("validate exits 252 for a file that cannot be used: a missing column, a BOM, a pool with no auto-verified attribute", async () => {
    const header = await headerOf("plain");
    const missing = await cog([
      "users",
      "validate",
      file("missing.csv", `${header.filter((h) => h !== "email").join(",")}\n`),
      "--pool",
      "plain",
    ]);
    expect(missing.code).toBe(252);
    expect(missing.stdout).toMatch(/missing\.csv:1: the header lacks a column of the pool: email \(add them/);
    expect(missing.stderr).toMatch(/cannot be imported: 1 problem with the file itself/);
    const bom = await cog([
      "users",
      "validate",
      file("bom.csv", `\uFEFF${header.join(",")}\n`),
      "--pool",
      "plain",
    ]);
    expect(bom.code).toBe(252);
    expect(bom.stdout).toMatch(/bom\.csv:1:1: the file starts with a byte order mark/);
    const none = await cog([
      "users",
      "validate",
      file("none.csv", `${(await headerOf("no-verify")).join(",")}\n`),
      "--pool",
      "no-verify",
    ]);
    expect(none.code).toBe(252);
    expect(none.stdout).toMatch(/no auto-verified attribute/);
    // AdminCreateUser (users import --via api) needs no auto-verified attribute.
    const api = await cog([
      "users",
      "validate",
      file("none-api.csv", `${(await rowsOf("no-verify", [{ email_verified: "false" }])).join("\n")}\n`),
      "--pool",
      "no-verify",
      "--via",
      "api",
    ]);
    expect(api.code, api.stdout).toBe(0);
    const absent = await cog(["users", "validate", join(dir, "absent.csv"), "--pool", "plain"]);
    expect(absent.code).toBe(252);
    expect(absent.stderr).toMatch(/Cannot read FILE .*absent\.csv: no such file/);
  });

  it("--fix-escaping writes a corrected copy beside the file (never over it) and checks the copy", async () => {
    const lines = await rowsOf("plain", [
      { "cognito:username": "a", name: '"Doe, Jane"' },
      { "cognito:username": "b", address: '"2 High St, Flat 3"' },
    ]);
    const path = file("quoted.csv", `${lines.join("\r\n")}\r\n`);
    const before = readFileSync(path);
    const r = await cog(["users", "validate", path, "--pool", "plain", "--fix-escaping"]);
    expect(r.stderr).toMatch(
      /Wrote .*quoted\.fixed\.csv: 2 quoted values unquoted in 2 lines\. Checking it\./,
    );
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(path)).toEqual(before);
    const fixed = readFileSync(join(dir, "quoted.fixed.csv"), "utf8").split("\r\n");
    expect(statSync(join(dir, "quoted.fixed.csv")).mode & 0o777).toBe(0o600);
    expect(fixed[1].startsWith("Doe\\, Jane,")).toBe(true);
    expect((await cog(["users", "validate", path, "--pool", "plain", "--fix-escaping"])).stderr).toMatch(
      /already exists: pass --force/,
    );
    const self = await cog([
      "users",
      "validate",
      path,
      "--pool",
      "plain",
      "--fix-escaping",
      "--out",
      path,
      "--force",
    ]);
    expect(self.code).toBe(252);
    expect(self.stderr).toMatch(/never overwrites its input/);
    expect((await cog(["users", "validate", path, "--pool", "plain", "--out", "x.csv"])).stderr).toMatch(
      /--out goes with --fix-escaping/,
    );
  });

  it("on a terminal shows the first 50 problems and says how many more; pipes get them all", async () => {
    const lines = await rowsOf(
      "plain",
      Array.from({ length: 60 }, (_, i) => ({ "cognito:username": `u${i}`, email: `bad${i}@` })),
    );
    const path = file("many.csv", lines.join("\n"));
    const tty = await cog(["users", "validate", path, "--pool", "plain"], { stdoutTTY: true });
    const shown = tty.stdout.trim().split("\n");
    expect(shown).toHaveLength(51);
    expect(shown[50]).toBe("... and 10 more problems (all of them: --format json, or pipe the output)");
    expect(
      (await cog(["users", "validate", path, "--pool", "plain"])).stdout.trim().split("\n"),
    ).toHaveLength(60);
    // Progress on a terminal's stderr, cleared before the summary (and before each problem line).
    const progress = await cog(["users", "validate", path, "--pool", "plain"], {
      stdoutTTY: true,
      stderrTTY: true,
    });
    const CLEAR = "\r\x1b[K";
    expect(progress.stderr).toMatch(new RegExp(`${escapeRegExp(CLEAR)}Checking \\S+many\\.csv: \\d+ done, `));
    expect(progress.stderr).toMatch(new RegExp(`${escapeRegExp(CLEAR)}\\n.*60 rows, 0 valid, 60 invalid`));
    const colour = await cog(["users", "validate", path, "--pool", "plain"], {
      stdoutTTY: true,
      color: true,
    });
    expect(colour.stdout).toContain("\x1b[");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes
    expect(colour.stdout.replace(/\x1b\[[0-9;]*m/g, "")).toBe(tty.stdout);
  });

  it("reads - (standard input) through bin/cogctl, with the exit codes a script sees", async () => {
    const lines = await rowsOf("plain", [
      {},
      { "cognito:username": "b", email: "b@example.com", updated_at: "yesterday" },
    ]);
    const r = await spawnCli(["--endpoint-url", endpoint.url, "users", "validate", "-", "--pool", "plain"], {
      input: `${lines.join("\n")}\n`,
      env: isolatedAwsEnv(),
      timeoutMs: 60_000,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^-:3:\d+: updated_at: "yesterday" is not a time in epoch seconds/);
    const ok = await spawnCli(["--endpoint-url", endpoint.url, "users", "validate", "-", "--pool", "plain"], {
      input: `${lines[0]}\n${lines[1]}\n`,
      env: isolatedAwsEnv(),
      timeoutMs: 60_000,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/-: 1 row, all valid/);
  });
});
