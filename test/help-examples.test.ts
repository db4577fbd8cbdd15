// The EXAMPLES of help can never drift from the flags: every example is parsed here by the real
// argument parser (commander with the generated operation command or the task command's own
// declaration, the global options, then buildInput's shorthand / JSON / enum / required checks and
// the --query syntax check), and shown in the help of its command.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { commands as handWrittenCommands } from "../commands/index.js";
import { buildInput } from "../src/cli/args/index.js";
import {
  addGlobalOptions,
  allowCommandOutputs,
  resolveGlobals,
  scanCommandWords,
} from "../src/cli/global-options.js";
import { renderHelp } from "../src/cli/help.js";
import type { UsageExample } from "../src/cli/help-layout.js";
import { buildOperationCommand } from "../src/cli/operation-command.js";
import { OPERATION_EXAMPLES } from "../src/cli/usage-examples.js";
import { loadOperation } from "../src/cognito/catalog.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { validateQuery } from "../src/kernel/output/query.js";
import { ensureCatalog } from "./helpers/catalog.js";

ensureCatalog();

const MOST_USED = [
  "list-users",
  "admin-create-user",
  "admin-get-user",
  "create-user-pool",
  "create-user-pool-client",
  "admin-set-user-password",
  "admin-add-user-to-group",
  "list-user-pools",
  "initiate-auth",
  "describe-user-pool",
  "admin-delete-user",
  "list-groups",
  "get-csv-header",
];

/** As src/cli/main.ts sets up its commands: errors thrown, nothing printed. */
function strict(cmd: Command): Command {
  return cmd
    .exitOverride()
    .helpOption(false)
    .allowExcessArguments(false)
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
}

function checkGlobals(cmd: Command, commandFormats: readonly string[] = []): void {
  const globals = resolveGlobals(cmd.optsWithGlobals(), {}, {}, commandFormats);
  if (globals.query !== undefined) validateQuery(globals.query);
}

/** Parses an operation example; returns the SDK input it would send. */
async function parseOperationExample(args: readonly string[]): Promise<Record<string, unknown>> {
  const [name] = scanCommandWords([...args]);
  const op = loadOperation(name!);
  if (!op) throw new Error(`'${name}' is not an operation`);
  const program = strict(new Command("cogctl"));
  addGlobalOptions(program);
  const built = buildOperationCommand(op);
  let input: Record<string, unknown> | undefined;
  strict(built.command).action((_opts: unknown, cmd: Command) => {
    const opts = cmd.opts();
    const raw: Record<string, unknown> = {};
    for (const [attr, spec] of built.members) if (opts[attr] !== undefined) raw[spec.member] = opts[attr];
    input = buildInput(op, raw, { json: opts.cliInputJson, yaml: opts.cliInputYaml });
    checkGlobals(cmd);
  });
  program.addCommand(built.command);
  await program.parseAsync([...args], { from: "user" });
  return input!;
}

/** Parses a task command example with the command's own declaration; returns its options. */
async function parseTaskExample(key: string, args: readonly string[]): Promise<Record<string, unknown>> {
  const words = key.split(" ");
  expect(scanCommandWords([...args]).slice(0, words.length), args.join(" ")).toEqual(words);
  const def = (await handWrittenCommands[key]!.load()).default;
  const program = strict(new Command("cogctl"));
  addGlobalOptions(program);
  if (def.outputFormats) allowCommandOutputs(program, def.outputFormats);
  let parent = program;
  for (const word of words.slice(0, -1)) {
    const group = strict(new Command(word));
    parent.addCommand(group);
    parent = group;
  }
  const leaf = strict(new Command(words[words.length - 1]!));
  def.configure(leaf);
  let parsed: Record<string, unknown> | undefined;
  leaf.action((...a: unknown[]) => {
    const cmd = a[a.length - 1] as Command;
    parsed = cmd.opts();
    checkGlobals(cmd, def.outputFormats);
  });
  parent.addCommand(leaf);
  await program.parseAsync([...args], { from: "user" });
  return parsed!;
}

describe("operation examples", () => {
  it("cover the most used operations, and name only operations", () => {
    for (const name of MOST_USED) expect(OPERATION_EXAMPLES[name]?.length, name).toBeGreaterThan(0);
    for (const name of Object.keys(OPERATION_EXAMPLES)) expect(loadOperation(name), name).toBeDefined();
  });

  const all = Object.entries(OPERATION_EXAMPLES).flatMap(([name, list]) =>
    list.map((e) => [name, e] as const),
  );
  it.each(all)("%s: %o parses with the real argument parser", async (name, example: UsageExample) => {
    expect(scanCommandWords([...example.args])[0]).toBe(name);
    const input = await parseOperationExample(example.args);
    expect(Object.keys(input).length).toBeGreaterThan(0);
  });

  it("parse into the values they show (shorthand and lists included)", async () => {
    const [create] = OPERATION_EXAMPLES["admin-create-user"]!;
    expect(await parseOperationExample(create!.args)).toEqual({
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "alice",
      UserAttributes: [
        { Name: "email", Value: "alice@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    });
  });

  it("a drifted example fails the check", async () => {
    await expect(parseOperationExample(["list-users", "--user-pool"])).rejects.toThrow();
    await expect(parseOperationExample(["admin-get-user", "--user-pool-id", "p"])).rejects.toThrow(
      /--username/,
    );
    await expect(
      parseOperationExample([
        "admin-create-user",
        "--user-pool-id",
        "p",
        "--username",
        "u",
        "--message-action",
        "NO",
      ]),
    ).rejects.toThrow(/RESEND/);
    await expect(
      parseOperationExample(["list-groups", "--user-pool-id", "p", "--query", "Groups[."]),
    ).rejects.toThrow(/--query/);
    await expect(parseTaskExample("local serve", ["local", "serve", "--prot", "1"])).rejects.toThrow(
      /--prot/,
    );
  });

  it.each(MOST_USED)("%s help shows its examples as command lines", async (name) => {
    const text = await renderHelp(name, createTestIO({ columns: 200 }), handWrittenCommands);
    const section = text.slice(text.indexOf("\nEXAMPLES\n"), text.indexOf("\nOUTPUT\n"));
    expect(section.length).toBeGreaterThan(10);
    for (const e of OPERATION_EXAMPLES[name]!) {
      expect(section).toContain(`${e.summary}:`);
      expect(section).toContain(`cogctl ${e.args[0]}`);
    }
  });
});

describe("task command examples", () => {
  const keys = Object.keys(handWrittenCommands);

  it.each(keys)("%s declares examples that parse with its own options and show in its help", async (key) => {
    const def = (await handWrittenCommands[key]!.load()).default;
    expect(def.name).toBe(key);
    expect(def.examples.length).toBeGreaterThan(0);
    for (const e of def.examples) await parseTaskExample(key, e.args);
    const text = await renderHelp(key.split(" "), createTestIO({ columns: 200 }), handWrittenCommands);
    const section = text.slice(text.indexOf("\nExamples:\n"), text.indexOf("\nGlobal options:\n"));
    for (const e of def.examples) expect(section).toContain(`${e.summary}:\n    cogctl `);
  });
});
