// The pager decision (terminal or not, PAGER empty / cat / a command, text that fits or not) and
// running a pager: a missing binary prints directly, a pager that quits early raises no EPIPE;
// and which output main hands to the pager (help only).
import { describe, expect, it } from "vitest";
import { main } from "../commands/main.js";
import { DEFAULT_PAGER, planPager, runPager, type Screen, screenLines } from "../src/kernel/io/pager.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { ensureCatalog } from "./helpers/catalog.js";

ensureCatalog();

const long = `${Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n")}\n`;
const short = "Usage: cogctl auth mfa prefer <method>\n\nOne screen only.\n";
const terminal = (env: Record<string, string | undefined> = {}): Screen => ({
  isTTY: true,
  rows: 24,
  columns: 80,
  env,
});

describe("planPager", () => {
  it("pages long text on a terminal through less -R, with LESS=FRX unless LESS is set", () => {
    const plan = planPager(long, terminal());
    expect(plan).toEqual({
      kind: "pager",
      command: DEFAULT_PAGER,
      argv: ["less", "-R"],
      shell: false,
      env: { LESS: "FRX", LV: "-c" },
    });
    const mine = planPager(long, terminal({ LESS: "-M" }));
    expect(mine.kind === "pager" && mine.env.LESS).toBe("-M");
  });

  it("never pages in a pipe or file, or when the height is unknown", () => {
    expect(planPager(long, { ...terminal(), isTTY: false })).toEqual({ kind: "direct" });
    expect(planPager(long, { ...terminal(), rows: undefined })).toEqual({ kind: "direct" });
  });

  it("prints text that fits the screen directly", () => {
    expect(planPager(short, terminal())).toEqual({ kind: "direct" });
    const rows23 = `${Array.from({ length: 23 }, () => "x").join("\n")}\n`;
    expect(planPager(rows23, terminal()).kind).toBe("direct");
    expect(planPager(`${rows23}x\n`, terminal()).kind).toBe("pager");
  });

  it("counts lines that wrap in the terminal and ignores colour codes", () => {
    expect(screenLines(`${"a".repeat(81)}\nb\n`, 80)).toBe(3);
    expect(screenLines(`\u001b[1m${"a".repeat(80)}\u001b[22m\n`, 80)).toBe(1);
    const wide = `${Array.from({ length: 12 }, () => "w".repeat(200)).join("\n")}\n`;
    expect(planPager(wide, terminal()).kind).toBe("pager");
  });

  it("PAGER= (empty) and PAGER=cat mean no pager; another PAGER is used as given", () => {
    expect(planPager(long, terminal({ PAGER: "" }))).toEqual({ kind: "direct" });
    expect(planPager(long, terminal({ PAGER: "  " }))).toEqual({ kind: "direct" });
    expect(planPager(long, terminal({ PAGER: "cat" }))).toEqual({ kind: "direct" });
    expect(planPager(long, terminal({ PAGER: "more" }))).toMatchObject({ argv: ["more"], shell: false });
    expect(planPager(long, terminal({ PAGER: "less -S -R" }))).toMatchObject({ argv: ["less", "-S", "-R"] });
    expect(planPager(long, terminal({ PAGER: "tr a-z A-Z | less" }))).toMatchObject({
      argv: ["/bin/sh", "-c", "tr a-z A-Z | less"],
      shell: true,
    });
    expect(planPager(long, terminal({ PAGER: "LESS=-S less" }))).toMatchObject({ shell: true });
    expect(planPager(long, terminal({ PAGER: "~/bin/pager" }))).toMatchObject({ shell: true });
  });
});

describe("runPager", () => {
  const capture = () => {
    const chunks: string[] = [];
    return { chunks, write: (t: string) => void chunks.push(t) };
  };

  it("prints directly when there is no pager", async () => {
    const out = capture();
    await runPager(short, { kind: "direct" }, out.write);
    expect(out.chunks).toEqual([short]);
  });

  it("falls back to printing directly when the pager binary is missing", async () => {
    const out = capture();
    const plan = planPager(long, terminal({ PAGER: "/nonexistent/cogctl-pager -R" }));
    expect(plan.kind).toBe("pager");
    await runPager(long, plan, out.write);
    expect(out.chunks).toEqual([long]);
  });

  it("falls back too when a shell PAGER names a missing command", async () => {
    const out = capture();
    // Quotes make it a shell command; sh reports the missing command on stderr and exits 127.
    const plan = planPager(long, terminal({ PAGER: "cogctl-no-such-pager-9f3 --prompt='page'" }));
    expect(plan).toMatchObject({ shell: true });
    await runPager(long, plan, out.write);
    expect(out.chunks).toEqual([long]);
  });

  it("a pager that quits before reading everything ends quietly (no EPIPE), without printing", async () => {
    const out = capture();
    const huge = "x".repeat(4 * 1024 * 1024);
    const listeners = process.listenerCount("SIGINT");
    const plan = planPager(huge, terminal({ PAGER: "true" }));
    expect(plan).toMatchObject({ argv: ["true"] });
    await expect(runPager(huge, plan, out.write)).resolves.toBeUndefined();
    expect(out.chunks).toEqual([]);
    // Ctrl-C is ignored only while the pager runs.
    expect(process.listenerCount("SIGINT")).toBe(listeners);
  });
});

describe("which output goes through the pager", () => {
  const run = async (argv: string[]) => {
    const io = createTestIO({ stdoutTTY: true, columns: 80 });
    const code = await main(argv, { io });
    return { code, io };
  };

  it("every help screen: top level, operation, task command, a noun's commands", async () => {
    for (const argv of [
      ["--help"],
      ["create-user-pool", "help"],
      ["auth", "login", "--help"],
      ["auth", "--help"],
    ]) {
      const { code, io } = await run(argv);
      expect(code, argv.join(" ")).toBe(0);
      expect(io.paged(), argv.join(" ")).toEqual([io.out()]);
    }
  });

  it("not with --no-cli-pager, and never a command's result or an error", async () => {
    const flag = await run(["create-user-pool", "help", "--no-cli-pager"]);
    expect(flag.io.out()).toMatch(/^NAME\n/);
    expect(flag.io.paged()).toEqual([]);
    const missing = await run(["auth"]);
    expect(missing.code).toBe(252);
    expect(missing.io.paged()).toEqual([]);
    const result = await run(["completion", "bash"]);
    expect(result.code).toBe(0);
    expect(result.io.out().length).toBeGreaterThan(100);
    expect(result.io.paged()).toEqual([]);
  });
});
