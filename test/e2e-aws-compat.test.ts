// The issue's acceptance check: a script of AWS CLI calls against moto gives the same JSON, text
// and YAML output and the same exit codes with `aws cognito-idp` replaced by `cogctl` (generated
// ids and dates aside). One deliberate difference is left out: cogctl rejects a value outside a
// member's enum before sending (exit 252), where the AWS CLI sends it. It runs the real AWS CLI v2 (.ci/run installs Debian's awscli) and the real
// bin/cogctl, each against a freshly reset moto_server.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";
import { type MotoServer, startMoto } from "./helpers/moto.js";
import { requireTool } from "./helpers/tools.js";

const AWS_V2 = "/usr/bin/aws";
let moto: MotoServer;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

interface Step {
  args: string[];
  /** Saves the trimmed stdout under this name for later steps ({{name}}). */
  save?: string;
  /** Compare only the exit code (error wording differs by design, e.g. argparse usage text). */
  exitOnly?: boolean;
}

const SCRIPT: Step[] = [
  {
    args: [
      "create-user-pool",
      "--pool-name",
      "compat",
      "--auto-verified-attributes",
      "email",
      "--query",
      "UserPool.Id",
      "--output",
      "text",
    ],
    save: "pool",
  },
  { args: ["describe-user-pool", "--user-pool-id", "{{pool}}", "--output", "yaml"] },
  {
    args: [
      "create-user-pool-client",
      "--user-pool-id",
      "{{pool}}",
      "--client-name",
      "app",
      "--explicit-auth-flows",
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    ],
  },
  ...["ann", "ben", "cat", "dan"].map((u) => ({
    args: [
      "admin-create-user",
      "--user-pool-id",
      "{{pool}}",
      "--username",
      u,
      "--user-attributes",
      `Name=email,Value=${u}@example.com`,
      "Name=email_verified,Value=true",
      "--message-action",
      "SUPPRESS",
    ],
  })),
  { args: ["admin-get-user", "--user-pool-id", "{{pool}}", "--username", "ann", "--output", "text"] },
  { args: ["list-users", "--user-pool-id", "{{pool}}", "--query", "Users[].Username", "--output", "text"] },
  { args: ["list-users", "--user-pool-id", "{{pool}}", "--max-items", "3", "--page-size", "2"] },
  {
    args: [
      "list-users",
      "--user-pool-id",
      "{{pool}}",
      "--max-items",
      "3",
      "--page-size",
      "2",
      "--output",
      "text",
    ],
  },
  {
    args: [
      "list-users",
      "--user-pool-id",
      "{{pool}}",
      "--filter",
      'email ^= "b"',
      "--query",
      "Users[0].Attributes",
      "--output",
      "yaml",
    ],
  },
  { args: ["create-group", "--user-pool-id", "{{pool}}", "--group-name", "admins", "--precedence", "3"] },
  {
    args: [
      "admin-add-user-to-group",
      "--user-pool-id",
      "{{pool}}",
      "--username",
      "ben",
      "--group-name",
      "admins",
    ],
  },
  {
    args: [
      "list-users-in-group",
      "--user-pool-id",
      "{{pool}}",
      "--group-name",
      "admins",
      "--query",
      "Users[].[Username,UserStatus]",
      "--output",
      "text",
    ],
  },
  {
    args: [
      "admin-list-groups-for-user",
      "--user-pool-id",
      "{{pool}}",
      "--username",
      "ben",
      "--output",
      "text",
    ],
  },
  { args: ["admin-disable-user", "--user-pool-id", "{{pool}}", "--username", "dan"] },
  { args: ["list-user-pools", "--max-results", "10", "--output", "text"] },
  { args: ["admin-get-user", "--user-pool-id", "{{pool}}", "--username", "nobody"] },
  { args: ["admin-get-user", "--user-pool-id", "{{pool}}"], exitOnly: true },
  {
    args: [
      "admin-create-user",
      "--user-pool-id",
      "{{pool}}",
      "--username",
      "x",
      "--user-attributes",
      '[{"Name": "email"',
    ],
    exitOnly: true,
  },
  { args: ["list-user-pools"], exitOnly: true },
  { args: ["admin-delete-user", "--user-pool-id", "{{pool}}", "--username", "cat"] },
  { args: ["list-users", "--user-pool-id", "{{pool}}", "--query", "length(Users)"] },
];

/** Masks what differs between two runs by nature: generated ids, subs, dates, client ids. */
function mask(text: string, saved: Record<string, string>): string {
  let out = text;
  for (const [name, value] of Object.entries(saved)) if (value) out = out.split(value).join(`<${name}>`);
  return out
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d)?/g, "<date>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/us-east-1_[0-9A-Za-z]+/g, "<pool-id>")
    .replace(/"ClientId": "[a-z0-9]+"/g, '"ClientId": "<client>"')
    .replace(/eyJ[A-Za-z0-9+/=]+/g, "<token>");
}

function runScript(command: string[]): { out: string; code: number }[] {
  const saved: Record<string, string> = {};
  const env = { ...process.env, ...isolatedAwsEnv({ AWS_DEFAULT_REGION: "us-east-1" }) } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return SCRIPT.map((step) => {
    const args = step.args.map((a) => a.replace(/\{\{(\w+)\}\}/g, (_, n) => saved[n]));
    const r = spawnSync(command[0], [...command.slice(1), "--endpoint-url", moto.url, ...args], {
      env,
      encoding: "utf8",
    });
    if (step.save) saved[step.save] = r.stdout.trim();
    const out = step.exitOnly
      ? ""
      : mask(`${r.stdout}${r.stderr.trim() ? `\nstderr: ${r.stderr.trim()}` : ""}`, saved);
    return { out, code: r.status ?? -1 };
  });
}

describe("a script written for `aws cognito-idp` ported by swapping the prefix", () => {
  it("has AWS CLI v2 available to compare with", () => {
    requireTool(AWS_V2);
  });

  it("prints the same output and exits with the same codes", async () => {
    await moto.reset();
    const aws = runScript([AWS_V2, "cognito-idp"]);
    await moto.reset();
    const cog = runScript([process.execPath, BIN]);
    for (let i = 0; i < SCRIPT.length; i++) {
      const label = `step ${i + 1}: ${SCRIPT[i].args.slice(0, 1).join(" ")}`;
      expect({ step: label, code: cog[i].code }).toEqual({ step: label, code: aws[i].code });
      expect({ step: label, out: cog[i].out }).toEqual({ step: label, out: aws[i].out });
    }
    // The script exercised all three failure families, so equality above is not vacuous.
    expect(new Set(aws.map((r) => r.code))).toEqual(new Set([0, 252, 254]));
  }, 600_000); // 48 process starts, the AWS CLI's slow ones included: generous for a loaded machine
});
