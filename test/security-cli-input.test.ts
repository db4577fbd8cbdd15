// Inputs that used to be read without end or decoded without a word: endless and huge files
// (file://, fileb://, --cli-input-json/yaml, the auth --*-file flags, --password-stdin) stop at a
// ceiling with exit 252 naming the flag and the file; a FIFO still waits for its writer; bytes
// that are not UTF-8, in a file:// value or on the command line, are refused naming where they were.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandParamFile } from "../src/cli/args/param-file.js";
import {
  InputTooLargeError,
  PARAM_FILE_LIMIT,
  readFileCapped,
  readFileCappedSync,
  readStreamCapped,
  SECRET_INPUT_LIMIT,
} from "../src/kernel/io/capped-read.js";
import { loginArgs } from "./helpers/auth-e2e.js";
import { BIN, type CliResult, runCli, spawnCli } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";

let dir: string;
let env: Record<string, string | undefined>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cogctl-sec-input-"));
  env = isolatedAwsEnv({ COGCTL_DATA_DIR: join(dir, "data"), COGCTL_CONFIG_DIR: join(dir, "cfg") });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MiB = 1024 * 1024;

/** bin/cogctl with its elapsed time. */
async function timed(argv: string[]): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  const r = await spawnCli(argv, { env, timeoutMs: 30_000 });
  return { ...r, ms: Date.now() - started };
}

/** bin/cogctl through bash, for what spawn cannot give: raw argv bytes, stdin from a device. */
function viaShell(args: string, stdin = "/dev/null"): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `exec "${process.execPath}" "${BIN}" ${args} < ${stdin}`], {
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`cogctl ${args} did not finish in 30 s`));
    }, 30_000);
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

describe("the capped reader", () => {
  it("reads up to the limit and refuses one byte more, from files, devices and streams", async () => {
    const file = join(dir, "exact");
    writeFileSync(file, "x".repeat(1000));
    expect(readFileCappedSync(file, 1000).length).toBe(1000);
    expect((await readFileCapped(file, 1000)).length).toBe(1000);
    expect(() => readFileCappedSync(file, 999)).toThrow(InputTooLargeError);
    await expect(readFileCapped(file, 999)).rejects.toThrow(InputTooLargeError);
    // A device reports size 0: only reading finds out, and reading stops at limit + 1.
    expect(() => readFileCappedSync("/dev/zero", 100_000)).toThrow(InputTooLargeError);
    await expect(readFileCapped("/dev/zero", 100_000)).rejects.toThrow(InputTooLargeError);
    const { createReadStream } = await import("node:fs");
    await expect(readStreamCapped(createReadStream("/dev/zero"), 100_000)).rejects.toThrow(
      InputTooLargeError,
    );
    expect((await readStreamCapped(createReadStream(file), 1000)).toString()).toBe("x".repeat(1000));
  });

  it("documents limits that hold every valid input", () => {
    // CreateManagedLoginBranding: 40 assets of 1,000,000 bytes, base64 in JSON.
    expect(PARAM_FILE_LIMIT).toBeGreaterThan((40 * 1_000_000 * 4) / 3);
    // A 256-character password, UTF-8 at 4 bytes a character at most.
    expect(SECRET_INPUT_LIMIT).toBeGreaterThan(256 * 4);
  });
});

describe("endless and huge parameter files", () => {
  it.each([
    ["--pool-name", "file:///dev/zero", ["create-user-pool"]],
    ["--cli-input-json", "file:///dev/zero", ["list-user-pools"]],
    ["--cli-input-yaml", "file:///dev/zero", ["list-user-pools"]],
    ["--image-file", "fileb:///dev/zero", ["set-ui-customization", "--user-pool-id", "us-east-1_x"]],
  ])("%s %s exits 252 at once, naming the flag and the file", async (flag, value, command) => {
    const r = await timed(["--local", ...command, flag, value]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(`Error parsing parameter '${flag}': unable to load paramfile ${value}`);
    expect(r.stderr).toContain("larger than 64 MiB");
    // Before the ceiling, this read 5.6 GB in 14 s and then died. Start-up included, on a busy machine.
    expect(r.ms).toBeLessThan(15_000);
  });

  it("refuses a regular file past the ceiling from its size, without reading it", async () => {
    const huge = join(dir, "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, PARAM_FILE_LIMIT + 1); // sparse: no disk used
    const r = await timed(["--local", "list-user-pools", "--cli-input-json", `file://${huge}`]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(`unable to load paramfile file://${huge}: it is larger than 64 MiB`);
  });

  it("still reads a file under the ceiling", () => {
    const big = join(dir, "big.txt");
    writeFileSync(big, "a".repeat(2 * MiB));
    expect((expandParamFile(`file://${big}`, "--x") as string).length).toBe(2 * MiB);
  });

  it.each([
    ["--password-file", "/dev/zero"],
    ["--client-secret-file", "/dev/zero"],
  ])("auth login %s %s exits 252 naming the flag", async (flag, path) => {
    const r = await timed(["--local", ...loginArgs("us-east-1_x", "abc", "u"), flag, path]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(`${flag}: cannot read ${path}: it is larger than 64 KiB`);
  });

  it("auth login --password-stdin from an endless stdin exits 252", async () => {
    const r = await viaShell(
      "--local auth login --user-pool-id us-east-1_x --client-id abc --username u --password-stdin",
      "/dev/zero",
    );
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("--password-stdin: cannot read standard input: it is larger than 64 KiB");
  });
});

describe("a FIFO as a parameter file", () => {
  let fifo: string;
  beforeAll(() => {
    fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
  });

  it("waits for its writer, then reads what it wrote", async () => {
    let settled = false;
    const run = spawnCli(["--local", "list-user-pools", "--cli-input-json", `file://${fifo}`], {
      env,
    }).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1500));
    // No writer yet: the one accepted wait.
    expect(settled).toBe(false);
    // Opening for writing returns once cogctl has it open for reading.
    writeFileSync(fifo, '{"MaxResults": 5}');
    const r = await run;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("UserPools");
  });

  it("stops an endless writer at the ceiling", async () => {
    const writer = spawn("sh", ["-c", `cat /dev/zero > "${fifo}"`], { stdio: "ignore" });
    try {
      const r = await timed(["--local", "create-user-pool", "--pool-name", `file://${fifo}`]);
      expect(r.code).toBe(252);
      expect(r.stderr).toContain(
        `'--pool-name': unable to load paramfile file://${fifo}: it is larger than 64 MiB`,
      );
    } finally {
      writer.kill("SIGKILL");
    }
  });
});

describe("bytes that are not UTF-8", () => {
  let bad: string;
  beforeAll(() => {
    bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      Buffer.from([
        0x7b, 0x22, 0x4d, 0x61, 0x78, 0x52, 0x65, 0x73, 0x75, 0x6c, 0x74, 0x73, 0x22, 0x3a, 0xff, 0x7d,
      ]),
    );
  });

  it.each([
    ["--pool-name", ["create-user-pool"]],
    ["--cli-input-json", ["list-user-pools"]],
  ])("in a file:// value for %s: exit 252 naming the file", async (flag, command) => {
    const r = await timed(["--local", ...command, flag, `file://${bad}`]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(
      `Error parsing parameter '${flag}': unable to load paramfile file://${bad}: it is not UTF-8 text`,
    );
  });

  it("in a fileb:// value for a blob: the bytes as they are", () => {
    const bytes = expandParamFile(`fileb://${bad}`, "--image-file");
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect((bytes as Uint8Array)[14]).toBe(0xff);
  });

  it("in a secret file: exit 252 naming the flag", async () => {
    const r = await timed(["--local", ...loginArgs("us-east-1_x", "abc", "u"), "--password-file", bad]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(`--password-file: cannot read ${bad}: it is not UTF-8 text`);
  });

  it.each([
    ["--username $'\\xff'", "--username"],
    ["--username=$'a\\xffb'", "--username"],
    ["--username ok --desired-delivery-mediums EMAIL $'\\xfe'", "--desired-delivery-mediums"],
  ])("on the command line (%s): exit 252 naming the flag, value not echoed", async (args, flag) => {
    const r = await viaShell(`--local admin-create-user --user-pool-id us-east-1_x ${args}`);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(`The value of ${flag} is not valid UTF-8 text`);
    expect(r.stderr).not.toContain("\uFFFD");
  });

  it("a real U+FFFD typed as UTF-8 is not mistaken for a decoding loss", async () => {
    const r = await viaShell(
      "--local admin-get-user --user-pool-id us-east-1_x --username $'\\xef\\xbf\\xbd'",
    );
    expect(r.stderr).not.toContain("not valid UTF-8");
    expect(r.code).toBe(254); // the pool does not exist: the request was sent
  });

  it("in process, where the raw bytes are not known, U+FFFD is refused", async () => {
    const r = await runCli(
      ["--local", "admin-create-user", "--user-pool-id", "us-east-1_x", "--username", "a\uFFFD"],
      {
        env,
      },
    );
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("The value of --username is not valid UTF-8 text");
  });
});
