// Issue 8's benchmark: rendering 2,000 users (a ListUsers response with Attributes) as
// `--output table`, side by side with the AWS CLI v2's own table formatter
// (awscli.formatter.TableFormatter, Debian's /usr/bin/python3) rendering the same data. Each run is
// a fresh process, as an invocation is (cold code, first use of the libraries); only the rendering
// is timed (cogctl: normalize + format through the printer; the AWS CLI: its formatter), in three
// shapes: a pipe (no width: the natural layout), an 80- and a 160-column terminal. Runs alternate,
// medians are reported, with CPU time next to wall time (wall time suffers on a busy machine).
// Then the task commands' table printer (src/kernel/table-printer.ts, `cogctl users list`'s
// columns) on an 80-column terminal: in a fresh process and warm (the same process, second
// render), through its default path (cli-table3 up to CLI_TABLE3_MAX_ROWS rows, its direct layout
// past that), and the same table laid out by cli-table3 whatever its length, which is why the
// limit exists.
// Usage: node bench/table-render.mjs [runs] [users]   (needs `npm run build` first)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, ROOT } from "./lib.mjs";

const runs = Number(process.argv[2] ?? 7);
const userCount = Number(process.argv[3] ?? 2000);

// The child that renders: given mode (pipe | 80 | 160) and a data file, prints "wall cpu bytes" in ms.
const cogctlChild = `
import { readFileSync } from "node:fs";
import { createPrinter } from ${JSON.stringify(join(ROOT, "dist/src/kernel/output/printer.js"))};
import { createTestIO } from ${JSON.stringify(join(ROOT, "dist/src/kernel/io/test-io.js"))};
const [mode, file] = process.argv.slice(2);
const data = JSON.parse(readFileSync(file, "utf8"));
for (const user of data.Users) {
  user.UserCreateDate = new Date(user.UserCreateDate);
  user.UserLastModifiedDate = new Date(user.UserLastModifiedDate);
}
const io = mode === "pipe" ? createTestIO() : createTestIO({ stdoutTTY: true, columns: Number(mode) });
const cpu = process.cpuUsage();
const started = performance.now();
createPrinter(io, { output: "table", debug: false }).result(data, { title: "ListUsers" });
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
console.log(wall, (used.user + used.system) / 1000, io.out().length);
`;

// The AWS CLI v2's formatter on the same data; it has one layout, sized to the terminal (80 columns
// when stdout is not one), turning boxes vertical when they do not fit.
const awsChild = `
import io, json, resource, sys, time
from types import SimpleNamespace
from awscli.formatter import TableFormatter
data = json.load(open(sys.argv[1]))
out = io.StringIO()
formatter = TableFormatter(SimpleNamespace(color="off", query=None))
cpu = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
formatter("ListUsers", data, out)
wall = (time.perf_counter() - started) * 1000
used = resource.getrusage(resource.RUSAGE_SELF)
print(wall, (used.ru_utime - cpu.ru_utime + used.ru_stime - cpu.ru_stime) * 1000, len(out.getvalue()))
`;

// The task printer's child: renders `users list`'s columns for `count` rows at 80 columns, cold
// (first render in this process) then warm (median of 3 more), through the printer and through
// cli-table3 alone at the same widths; prints "coldMs warmMs cliTable3WarmMs", CPU time.
const printerChild = `
import { createTablePrinter, drawTable } from ${JSON.stringify(join(ROOT, "dist/src/kernel/table-printer.js"))};
import { createTestIO } from ${JSON.stringify(join(ROOT, "dist/src/kernel/io/test-io.js"))};
const count = Number(process.argv[2]);
const now = new Date(Date.UTC(2024, 2, 1));
const rows = Array.from({ length: count }, (_, i) => ({
  username: "user-" + String(i).padStart(5, "0"),
  email: "u" + String(i).padStart(5, "0") + "@example.com",
  status: i % 3 === 0 ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED",
  enabled: i % 7 !== 0,
  created: new Date(now.getTime() - (i + 1) * 3_600_000),
}));
const columns = [
  { header: "username", value: (u) => u.username },
  { header: "email/phone", value: (u) => u.email },
  { header: "status", value: (u) => u.status },
  { header: "enabled", value: (u) => (u.enabled ? "yes" : "no") },
  { header: "created", value: (u) => u.created, kind: "time" },
];
let text = "";
// CPU time of this thread's work (wall time on a machine shared by many tells little).
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const render = () => {
  const io = createTestIO({ stdoutTTY: true, columns: 80 });
  const cpu = process.cpuUsage();
  const t = createTablePrinter(io, columns, { now });
  for (const row of rows) t.add(row);
  t.render();
  const ms = cpuMs(cpu);
  text = io.out();
  return ms;
};
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = render();
const warm = median([render(), render(), render()]);
if (text.split("\\n").some((line) => line.length > 80) || !text.startsWith("USERNAME")) throw new Error("not a fitted table");
// The same lines again, laid out by cli-table3 whatever the row count.
const lines = text.trimEnd().split("\\n");
const starts = [...lines[0].matchAll(/\\S+/g)].map((m) => m.index);
const cells = lines.map((line) => starts.map((at, i) => line.slice(at, starts[i + 1]).trimEnd()));
const widths = starts.map((at, i) => (starts[i + 1] ?? 80) - at - 2);
drawTable(cells, widths, "cli-table3");
const cpu = process.cpuUsage();
const library = drawTable(cells, widths, "cli-table3");
const libraryMs = cpuMs(cpu);
if (library !== text) throw new Error("cli-table3 and the printer disagree");
console.log(cold, warm, libraryMs);
`;

function users(count) {
  const at = Date.UTC(2024, 0, 5, 12, 0, 0, 123);
  return {
    Users: Array.from({ length: count }, (_, i) => ({
      Username: `user-${String(i).padStart(5, "0")}@example.com`,
      Attributes: [
        { Name: "sub", Value: `8f0c1d2e-0000-4000-8000-${String(i).padStart(12, "0")}` },
        { Name: "email_verified", Value: "true" },
        { Name: "name", Value: `User Number ${i}` },
        { Name: "email", Value: `user-${String(i).padStart(5, "0")}@example.com` },
      ],
      UserCreateDate: new Date(at + i * 1000).toISOString(),
      UserLastModifiedDate: new Date(at + i * 2000).toISOString(),
      Enabled: i % 7 !== 0,
      UserStatus: i % 3 === 0 ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED",
    })),
    PaginationToken: undefined,
  };
}

if (!existsSync(join(ROOT, "dist/src/kernel/output/printer.js"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), "cogctl-bench-table-"));
try {
  const dataFile = join(dir, "users.json");
  writeFileSync(dataFile, JSON.stringify(users(userCount)));
  const cogctlScript = join(dir, "render.mjs");
  writeFileSync(cogctlScript, cogctlChild);
  const awsScript = join(dir, "render.py");
  writeFileSync(awsScript, awsChild);

  const contenders = ["pipe", "80", "160"].map((mode) => ({
    name: `cogctl, ${mode === "pipe" ? "pipe" : `${mode}-column terminal`}`,
    cmd: [process.execPath, cogctlScript, mode, dataFile],
  }));
  const python = "/usr/bin/python3";
  const hasAws = existsSync(python) && spawnSync(python, ["-c", "import awscli.formatter"]).status === 0;
  if (hasAws) contenders.push({ name: "aws cli v2 TableFormatter", cmd: [python, awsScript, dataFile] });

  const samples = new Map(contenders.map((c) => [c.name, { wall: [], cpu: [], bytes: 0 }]));
  for (let run = 0; run < runs; run++) {
    for (const c of contenders) {
      const r = spawnSync(c.cmd[0], c.cmd.slice(1), { encoding: "utf8", cwd: ROOT });
      if (r.status !== 0) throw new Error(`${c.name} failed:\n${r.stderr}`);
      const [wall, cpu, bytes] = r.stdout.trim().split(/\s+/).map(Number);
      const s = samples.get(c.name);
      s.wall.push(wall);
      s.cpu.push(cpu);
      s.bytes = bytes;
    }
  }
  console.log(`Rendering ${userCount} users as a table, median of ${runs} fresh processes each:`);
  for (const [name, s] of samples) {
    const wall = median(s.wall).toFixed(0).padStart(6);
    const cpu = median(s.cpu).toFixed(0).padStart(6);
    console.log(
      `  ${name.padEnd(30)} ${wall} ms wall ${cpu} ms CPU   (${(s.bytes / 1e6).toFixed(1)} MB of text)`,
    );
  }
  if (!hasAws) console.log("  (aws cli v2 not installed: no peer)");

  const printerScript = join(dir, "printer.mjs");
  writeFileSync(printerScript, printerChild);
  console.log(
    `\nTask printer (users list's columns), 80-column terminal, median of ${runs} fresh processes each:`,
  );
  // The longest table cli-table3 lays out (with its header, CLI_TABLE3_MAX_ROWS rows), and the listing.
  const { CLI_TABLE3_MAX_ROWS } = await import(join(ROOT, "dist/src/kernel/table-printer.js"));
  for (const count of [CLI_TABLE3_MAX_ROWS - 1, userCount]) {
    const figures = [];
    for (let run = 0; run < runs; run++) {
      const r = spawnSync(process.execPath, [printerScript, String(count)], { encoding: "utf8", cwd: ROOT });
      if (r.status !== 0) throw new Error(`printer child failed:\n${r.stderr}`);
      figures.push(r.stdout.trim().split(/\s+/).map(Number));
    }
    const [cold, warm, library] = [0, 1, 2].map((k) =>
      median(figures.map((f) => f[k]))
        .toFixed(0)
        .padStart(5),
    );
    console.log(
      `  ${String(count).padStart(5)} rows: printer ${cold} ms cold, ${warm} ms warm;  cli-table3 alone ${library} ms warm (CPU)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
