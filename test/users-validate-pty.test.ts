// `cogctl users validate` in a real pseudo-terminal (tmux): the first 50 problems, the "... and N
// more" line, the summary, the progress line gone from the screen, the exit code. Runs bin/cogctl
// (the built dist/) against the embedded endpoint over HTTP on port 0.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRow, importPoolFrom, STANDARD_CSV_COLUMNS } from "../src/cognito/csv/index.js";
import { ROOT } from "./helpers/cli.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { Terminal } from "./helpers/terminal.js";

let term: Terminal;
let local: LocalHarness;
let dir: string;
const header = [...STANDARD_CSV_COLUMNS, "cognito:mfa_enabled", "cognito:username"];
const example = exampleRow(importPoolFrom({ AutoVerifiedAttributes: ["email"] }, header)).split(/(?<!\\),/);
/** A row from the example, with a username and an email. */
const row = (username: string, email: string) =>
  header.map((h, i) => (h === "cognito:username" ? username : h === "email" ? email : example[i])).join(",");

beforeAll(async () => {
  term = new Terminal("cogctl-validate-pty");
  if (!existsSync(join(ROOT, "dist", "bundle")))
    throw new Error("dist/ is missing: build first with `npm run build`");
  dir = mkdtempSync(join(tmpdir(), "cogctl-validate-pty-"));
  local = await startLocal();
  await local.client.send(
    new CreateUserPoolCommand({ PoolName: "pty-import", AutoVerifiedAttributes: ["email"] }),
  );
});
afterAll(async () => {
  term?.close();
  await local?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("users validate on a terminal", () => {
  it("shows the first 50 problems, how many more, and the summary; exits 1", async () => {
    const path = join(dir, "bad.csv");
    const rows = Array.from({ length: 2000 }, (_, i) =>
      row(`u${i}`, i % 25 === 0 ? `bad${i}@` : `u${i}@example.com`),
    );
    writeFileSync(path, `${header.join(",")}\n${rows.join("\n")}\n`);
    term.startCli(
      "bad",
      ["--endpoint-url", local.server.url, "users", "validate", path, "--pool", "pty-import"],
      {
        columns: 200,
        rows: 70,
      },
    );
    const { code, lines } = await term.waitForExit("bad", { history: true, join: true });
    expect(code).toBe(1);
    const problems = lines.filter((l) =>
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d`).test(l),
    );
    expect(problems, lines.join("\n")).toHaveLength(50);
    const emailColumn =
      rows[0]
        .split(/(?<!\\),/)
        .slice(0, header.indexOf("email"))
        .join(",").length + 2;
    expect(problems[0]).toBe(
      `${path}:2:${emailColumn}: email: "bad0@" is not an email address (write a full address, such as bob@example.com)`,
    );
    expect(lines).toContain("... and 30 more problems (all of them: --format json, or pipe the output)");
    expect(
      lines.some((l) => /bad\.csv: 2,000 rows, 1,920 valid, 80 invalid; 80 problems: 80 email\./.test(l)),
    ).toBe(true);
    expect(lines.join("\n")).not.toMatch(/ done, [\d.]+\/s/); // the progress line was cleared
  });

  it("says a valid file is valid and exits 0", async () => {
    const path = join(dir, "good.csv");
    writeFileSync(path, `${header.join(",")}\n${row("ann", "ann@example.com")}\n`);
    term.startCli(
      "good",
      ["--endpoint-url", local.server.url, "users", "validate", path, "--pool", "pty-import"],
      {
        columns: 120,
        rows: 10,
      },
    );
    const { code, lines } = await term.waitForExit("good", { join: true });
    expect(code).toBe(0);
    expect(lines.filter(Boolean)).toEqual([`${path}: 1 row, all valid.`]);
  });
});
