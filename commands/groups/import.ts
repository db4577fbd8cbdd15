// cogctl groups import FILE: creates a file's groups in a pool (groups export's JSON, or ListGroups
// output); a group that exists already is updated to the file's description, precedence and role,
// or left alone with --keep-existing. Running it twice changes nothing the second time.

import { defineCommand } from "../../src/cli/command.js";
import { loadOperation } from "../../src/cognito/catalog.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { ServiceError, UsageError } from "../../src/kernel/errors.js";
import type { GroupInfo } from "../../src/kernel/export/group-map.js";
import { checkConstraints } from "../../src/kernel/input/constraints.js";
import { readFileCapped } from "../../src/kernel/io/capped-read.js";
import { describeFileError } from "../../src/kernel/io/file-errors.js";
import { describePool } from "../../src/kernel/resolve.js";
import { addPoolOption, withTask } from "../../src/kernel/task.js";

interface Opts {
  pool?: string;
  keepExisting?: boolean;
  dryRun?: boolean;
}

/** Far above any pool's groups (10,000 at most, each well under 3 KB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export default defineCommand<Opts>({
  name: "groups import",
  summary: "Create a file's groups in a pool (groups export's JSON); existing ones are updated to match",
  description: [
    'Read FILE ({"Groups": [...]} as `groups export` or `aws cognito-idp list-groups` write it, or a bare',
    "array) and create each group with its description, precedence and role ARN. A group that already",
    "exists is updated to the file's values when they differ (UpdateGroup: what the file leaves out is",
    "cleared), and left unchanged when they agree; --keep-existing leaves every existing group alone.",
    "Nothing is deleted, so no confirmation is asked; --dry-run prints the plan only. Members are not",
    "part of it: import users with their cognito:groups column after the groups.",
  ].join(" "),
  examples: [
    {
      summary: "Set a new pool up with another pool's groups",
      args: ["groups", "import", "groups.json", "--pool", "test"],
    },
    {
      summary: "Only create the missing groups",
      args: ["groups", "import", "groups.json", "--pool", "test", "--keep-existing"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<file>", "the groups JSON")
      .option("--keep-existing", "leave groups that exist as they are")
      .option("--dry-run", "print what would be created or updated and change nothing");
  },
  async run(opts, args, ctx) {
    const [file] = args;
    const groups = await readGroups(file);
    const outcome = {
      created: [] as string[],
      updated: [] as string[],
      unchanged: [] as string[],
      kept: [] as string[],
    };
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      for (const group of groups) {
        const existing = await call("GetGroup", { UserPoolId: pool.id, GroupName: group.GroupName }).then(
          (r) => r.Group as ServiceOutput,
          (err: unknown) => {
            if (err instanceof ServiceError && err.code === "ResourceNotFoundException") return undefined;
            throw err;
          },
        );
        const input = { UserPoolId: pool.id, ...group };
        if (!existing) {
          if (!opts.dryRun) await call("CreateGroup", input);
          outcome.created.push(group.GroupName);
        } else if (same(existing, group)) outcome.unchanged.push(group.GroupName);
        else if (opts.keepExisting) outcome.kept.push(group.GroupName);
        else {
          if (!opts.dryRun) await call("UpdateGroup", input);
          outcome.updated.push(group.GroupName);
        }
      }
      const would = opts.dryRun ? "Would have " : "";
      const list = (names: string[]) => (names.length ? `: ${names.join(", ")}` : "");
      const lines = [
        `${would}${opts.dryRun ? "created" : "Created"} ${outcome.created.length}${list(outcome.created)}`,
        `${would}${opts.dryRun ? "updated" : "Updated"} ${outcome.updated.length}${list(outcome.updated)}`,
        `Unchanged ${outcome.unchanged.length}`,
        ...(outcome.kept.length
          ? [
              `Left as they are (--keep-existing, they differ from the file) ${outcome.kept.length}${list(outcome.kept)}`,
            ]
          : []),
      ];
      ctx.io.stderr.write(`Groups of ${file} in ${describePool(pool)}:\n  ${lines.join("\n  ")}\n`);
      if (ctx.globals.outputExplicit) ctx.printer.result(outcome);
    });
  },
});

function same(existing: ServiceOutput, group: GroupInfo): boolean {
  return (
    (existing.Description ?? undefined) === group.Description &&
    (existing.Precedence ?? undefined) === group.Precedence &&
    (existing.RoleArn ?? undefined) === group.RoleArn
  );
}

async function readGroups(file: string): Promise<GroupInfo[]> {
  let text: string;
  try {
    text = (await readFileCapped(file, MAX_FILE_BYTES)).toString("utf8");
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${describeFileError(err)}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `${file} is not JSON (${(err as Error).message}). Give the file groups export wrote.`,
    );
  }
  const list = Array.isArray(data) ? data : (data as { Groups?: unknown })?.Groups;
  if (!Array.isArray(list))
    throw new UsageError(
      `${file}: expected {"Groups": [...]} (as groups export writes) or an array of groups.`,
    );
  const shape = loadOperation("create-group")?.input;
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const at = `${file}: Groups[${i}]`;
    const g = raw as Record<string, unknown>;
    if (!g || typeof g !== "object" || typeof g.GroupName !== "string" || g.GroupName === "")
      throw new UsageError(`${at} has no GroupName: every group needs its name.`);
    if (seen.has(g.GroupName)) throw new UsageError(`${at}: the group ${g.GroupName} is in the file twice.`);
    seen.add(g.GroupName);
    if (g.Description !== undefined && typeof g.Description !== "string")
      throw new UsageError(`${at} (${g.GroupName}): Description must be a string.`);
    if (g.Precedence !== undefined && !(Number.isInteger(g.Precedence) && (g.Precedence as number) >= 0))
      throw new UsageError(`${at} (${g.GroupName}): Precedence must be a whole number, 0 or more.`);
    if (g.RoleArn !== undefined && typeof g.RoleArn !== "string")
      throw new UsageError(`${at} (${g.GroupName}): RoleArn must be a string (an IAM role's ARN).`);
    const group: GroupInfo = {
      GroupName: g.GroupName,
      ...(g.Description !== undefined ? { Description: g.Description as string } : {}),
      ...(g.Precedence !== undefined ? { Precedence: g.Precedence as number } : {}),
      ...(g.RoleArn !== undefined ? { RoleArn: g.RoleArn as string } : {}),
    };
    try {
      if (shape) checkConstraints({ UserPoolId: "us-east-1_x", ...group }, shape);
    } catch (err) {
      throw new UsageError(`${at} (${g.GroupName}): ${(err as Error).message}`);
    }
    return group;
  });
}
