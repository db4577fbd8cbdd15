// The part files of `users import --via job`: exactly GetCSVHeader's columns in its order (extras
// such as cognito:groups and cogctl:reason left out), values re-escaped (`\,`), one row per line,
// 0600; cut before the row that would pass the row or byte limit, that row carried to the next
// part; a part skipped on resume counts the same boundaries without writing; the progress line of
// a job's three counters, and the waiter that draws it (job-wait.ts, shared with import-jobs upload).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CsvRow } from "../src/cognito/csv/types.js";
import { ExitCode } from "../src/kernel/errors.js";
import {
  fillPart,
  JOB_LIMITS,
  lineOfPartRow,
  partLine,
  partRowOfLine,
  partsDirectory,
} from "../src/kernel/import/job-parts.js";
import { jobOutcomeError, waitForImportJob } from "../src/kernel/import/job-wait.js";
import { firstLine } from "../src/kernel/import/source.js";
import { jobBaseName } from "../src/kernel/import/via-job.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { createOutcomeProgress, outcomeLine } from "../src/kernel/progress.js";

const header = ["name", "email", "cognito:mfa_enabled", "cognito:username"];
const row = (index: number, values: Record<string, string>): CsvRow => ({
  line: index + 2,
  index,
  raw: "(raw)",
  values,
  problems: [],
});
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    row(i * 2, {
      name: `Person, ${i}`,
      email: `p${i}@example.com`,
      "cognito:mfa_enabled": "false",
      "cognito:username": `p${i}`,
      "cognito:groups": "staff",
      "cogctl:reason": "old",
    }),
  );
async function* from(list: CsvRow[]) {
  yield* list;
}

describe("part files", () => {
  it("holds GetCSVHeader's columns only, escaped, one row per line, 0600", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogctl-parts-"));
    const path = join(dir, "p1.csv");
    const part = await fillPart(
      from(rows(2))[Symbol.asyncIterator](),
      {},
      header,
      { maxRows: 10, maxBytes: 1e6 },
      path,
    );
    expect(part?.rows).toBe(2);
    expect([...(part?.indexes ?? [])]).toEqual([0, 2]);
    expect(readFileSync(path, "utf8")).toBe(
      "name,email,cognito:mfa_enabled,cognito:username\n" +
        "Person\\, 0,p0@example.com,false,p0\n" +
        "Person\\, 1,p1@example.com,false,p1\n",
    );
    expect(part?.bytes).toBe(statSync(path).size);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(lineOfPartRow(0)).toBe(2);
    expect(partRowOfLine(3)).toBe(1);
    expect(partRowOfLine(1)).toBe(-1);
  });

  it("cuts at the row limit and at the byte limit, carrying the next row over; counts without writing", async () => {
    const source = from(rows(7))[Symbol.asyncIterator]();
    const carry: { row?: CsvRow } = {};
    const sizes: number[] = [];
    for (;;) {
      const part = await fillPart(source, carry, header, { maxRows: 3, maxBytes: 1e6 }, undefined);
      if (!part) break;
      sizes.push(part.rows);
    }
    expect(sizes).toEqual([3, 3, 1]);

    // Header (49 bytes with its newline) + rows of 35 bytes: 120 bytes hold two rows.
    const line = `${partLine(header, rows(1)[0])}\n`;
    expect(Buffer.byteLength(line)).toBe(35);
    const bySize = from(rows(5))[Symbol.asyncIterator]();
    const carried: { row?: CsvRow } = {};
    const parts: number[][] = [];
    for (;;) {
      const part = await fillPart(bySize, carried, header, { maxRows: 100, maxBytes: 120 }, undefined);
      if (!part) break;
      parts.push([...part.indexes]);
    }
    expect(parts).toEqual([[0, 2], [4, 6], [8]]);
  });

  it("writes many rows a batch at a time, byte for byte the rows' lines; empty and missing cells stay empty", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "cogctl-parts-")), "big.csv");
    const many = Array.from({ length: 8_000 }, (_, i) =>
      row(
        i,
        i % 3 ? { name: `N, ${i}`, "cognito:username": `u${i}` } : { email: "", "cognito:username": `ü${i}` },
      ),
    );
    const part = await fillPart(from(many)[Symbol.asyncIterator](), {}, header, JOB_LIMITS, path);
    const text = readFileSync(path, "utf8");
    expect(text).toBe(`${header.join(",")}\n${many.map((r) => `${partLine(header, r)}\n`).join("")}`);
    expect(text.split("\n")[1]).toBe(",,,ü0");
    expect(text.split("\n")[2]).toBe("N\\, 1,,,u1");
    expect(part?.bytes).toBe(statSync(path).size);
    expect(part?.bytes).toBeGreaterThan(64 * 1024);
  });

  it("reads a file's first line without its line ending, whatever the chunk it ends in", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogctl-parts-"));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(await firstLine(write("crlf.csv", "a,b\r\nc,d\r\n"))).toBe("a,b");
    expect(await firstLine(write("one.csv", "only"))).toBe("only");
    // A 2-byte character across the 64 KiB boundary, and the line ending in the next chunk.
    const long = `${"x".repeat(64 * 1024 - 1)}é${"y".repeat(10)}`;
    expect(await firstLine(write("long.csv", `${long}\nrest\n`))).toBe(long);
  });

  it("refuses a value with a line break, naming its line and column", () => {
    expect(() => partLine(header, row(4, { name: "a\rb" }))).toThrow(
      "Line 6: the name value holds a line break",
    );
    expect(() => partLine(header, row(4, { name: "two\nlines" }))).toThrow(
      "Line 6: the name value holds a line break, which an import file cannot carry.",
    );
  });

  it("names jobs after the file within JobName's pattern", () => {
    expect(jobBaseName("/data/users 2026.csv")).toBe("users 2026");
    expect(jobBaseName("people/ünïcode&more!.csv")).toBe("-n-code-more-");
    expect(jobBaseName(".csv")).toBe(".csv");
    expect(jobBaseName("/tmp/~~~.csv")).toBe("---");
  });
});

describe("the job's progress line", () => {
  it("counts the three outcomes with a rate and ETA from what moved since watching began", () => {
    expect(outcomeLine({ imported: 900, skipped: 50, failed: 50 }, 5000, 10_000, 0)).toBe(
      "1,000/5,000 users: 900 imported, 50 skipped, 50 failed, 100/s, ETA 40s",
    );
    // Resumed at 4,000 done: 500 more in 5 s is 100/s, not 900/s.
    expect(outcomeLine({ imported: 4500, skipped: 0, failed: 0 }, 5000, 5000, 4000)).toBe(
      "4,500/5,000 users: 4,500 imported, 0 skipped, 0 failed, 100/s, ETA 5s",
    );
    expect(outcomeLine({ imported: 0, skipped: 0, failed: 0 }, undefined, 0)).toBe(
      "0 users: 0 imported, 0 skipped, 0 failed, 0.0/s",
    );
  });

  it("draws in place on a terminal, clears at the end, and is silent in a pipe", () => {
    let t = 0;
    const tty = createTestIO({ stderrTTY: true });
    const p = createOutcomeProgress(tty, { total: 10, label: "part 2", now: () => t });
    p.update({ imported: 0, skipped: 0, failed: 0 });
    t = 1000;
    p.update({ imported: 4, skipped: 1, failed: 0 });
    p.done();
    expect(tty.err()).toBe(
      "\r\x1b[Kpart 2: 0/10 users: 0 imported, 0 skipped, 0 failed, 0.0/s" +
        "\r\x1b[Kpart 2: 5/10 users: 4 imported, 1 skipped, 0 failed, 5.0/s, ETA 1s\r\x1b[K",
    );
    const pipe = createTestIO();
    const q = createOutcomeProgress(pipe, { total: 10 });
    q.update({ imported: 1, skipped: 0, failed: 0 });
    q.done();
    expect(pipe.err()).toBe("");
  });

  it("waitForImportJob polls quickly at first, shows Pending, moving counters, and returns the final job", async () => {
    const answers = [
      { Status: "Pending" },
      { Status: "InProgress", ImportedUsers: 3 },
      { Status: "InProgress", ImportedUsers: 7, FailedUsers: 1 },
      { Status: "Succeeded", ImportedUsers: 9, FailedUsers: 1, JobId: "import-1" },
    ];
    const calls: string[] = [];
    const sleeps: number[] = [];
    const io = createTestIO({ stderrTTY: true });
    const job = await waitForImportJob(
      async (operation, input) => {
        calls.push(`${operation} ${input.JobId}`);
        return { UserImportJob: answers.shift() };
      },
      "pool",
      "import-1",
      { io, total: 10, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(job).toMatchObject({ Status: "Succeeded", ImportedUsers: 9 });
    expect(calls).toEqual(Array(4).fill("DescribeUserImportJob import-1"));
    expect(sleeps).toEqual([100, 200, 400]);
    const draws = io.err().split("\r\x1b[K").filter(Boolean);
    expect(draws[0]).toMatch(/^import-1: 0\/10 users: 0 imported, 0 skipped, 0 failed, .* \(Pending\)$/);
    expect(draws[2]).toMatch(/^import-1: 8\/10 users: 7 imported, 0 skipped, 1 failed/);
    expect(draws.at(-1)).toMatch(/^import-1: 10\/10 users.*\(Succeeded\)$/);
    expect(io.err().endsWith("\r\x1b[K")).toBe(true);
    expect(jobOutcomeError(job)?.exitCode).toBe(ExitCode.ROWS_FAILED);
    expect(jobOutcomeError({ ...job, FailedUsers: 0 })).toBeUndefined();
    const failed = jobOutcomeError({
      JobId: "import-1",
      Status: "Failed",
      CompletionMessage: "The file is empty.",
    });
    expect(failed?.exitCode).toBe(ExitCode.SERVICE);
    expect(failed?.message).toBe(
      "Import job import-1 ended Failed: The file is empty. (0 imported, 0 skipped, 0 failed)",
    );
  });
});

describe("partsDirectory", () => {
  it("is private, under the state directory, and removes what killed runs left behind", () => {
    const state = mkdtempSync(join(tmpdir(), "parts-state-"));
    // A process id no process has (above Linux's pid_max), as a killed run would leave it.
    const stale = join(state, "import-parts", "run-4194399-abc123");
    mkdirSync(stale, { recursive: true });
    const mine = partsDirectory(state);
    expect(mine.startsWith(join(state, "import-parts", `run-${process.pid}-`))).toBe(true);
    expect(statSync(join(state, "import-parts")).mode & 0o777).toBe(0o700);
    expect(statSync(mine).mode & 0o777).toBe(0o700);
    expect(existsSync(stale)).toBe(false);
    // A live process's directory (this one's) stays.
    const second = partsDirectory(state);
    expect(readdirSync(join(state, "import-parts")).sort()).toEqual(
      [mine, second].map((d) => d.split("/").pop()).sort(),
    );
  });
});
