// Unit tests of the API import path's pieces: a row as AdminCreateUser input and post-steps, the
// journal (modes, claims, counts), and how a row whose answer was lost is judged (fake call).
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CsvRow } from "../src/cognito/csv/types.js";
import { CliError, ExitCode, ServiceError } from "../src/kernel/errors.js";
import { Journal, type RunMeta } from "../src/kernel/import/journal.js";
import {
  apiColumnProblems,
  birthdateForApi,
  postSteps,
  userAttributes,
} from "../src/kernel/import/row-request.js";
import { CREATED_BY_RUN_TOLERANCE_MS, importViaApi } from "../src/kernel/import/via-api.js";
import { Pacer } from "../src/kernel/pacer.js";

const row = (index: number, values: Record<string, string>): CsvRow => ({
  line: index + 2,
  index,
  raw: Object.values(values).join(","),
  values,
  problems: [],
});

const meta: RunMeta = {
  poolId: "us-east-1_test",
  endpoint: "endpoint:http://127.0.0.1:1",
  file: "/x/users.csv",
  fileSha256: "ab".repeat(32),
  fileBytes: 10,
  via: "api",
  options: {
    sendInvitations: false,
    createGroups: false,
    skipInvalid: false,
    temporaryPassword: { from: "cognito" },
  },
  rows: 1,
  invalid: 0,
};

describe("a row as the API path sends it", () => {
  it("converts birthdate and *_verified, leaves out empty values, cognito:/cogctl: columns and the password column", () => {
    expect(birthdateForApi("02/29/2000")).toBe("2000-02-29");
    const r = row(0, {
      name: "A\\, B",
      email: "a@example.com",
      email_verified: "TRUE",
      phone_number_verified: "False",
      birthdate: "12/31/1990",
      nickname: "",
      "cognito:username": "a",
      "cognito:mfa_enabled": "false",
      "cognito:groups": "x",
      "cogctl:password": "secret",
    });
    expect(userAttributes(r, "cogctl:password")).toEqual([
      { Name: "name", Value: "A\\, B" },
      { Name: "email", Value: "a@example.com" },
      { Name: "email_verified", Value: "true" },
      { Name: "phone_number_verified", Value: "false" },
      { Name: "birthdate", Value: "1990-12-31" },
    ]);
  });

  it("post-steps: each group once, SMS MFA when cognito:mfa_enabled is true, disable last", () => {
    const r = row(0, {
      "cognito:groups": "a; b;a;",
      "cognito:enabled": "FALSE",
      "cognito:mfa_enabled": "true",
    });
    expect(postSteps(r, "p", "u").map((s) => [s.name, s.operation])).toEqual([
      ["group:a", "AdminAddUserToGroup"],
      ["group:b", "AdminAddUserToGroup"],
      ["mfa:sms", "AdminSetUserMFAPreference"],
      ["disable", "AdminDisableUser"],
    ]);
    expect(postSteps(row(1, { "cognito:enabled": "true" }), "p", "u")).toEqual([]);
  });

  it("reports a group name Cognito refuses and an empty password column, never the password", () => {
    const header = ["cognito:username", "cognito:groups", "cogctl:password"];
    const problems = apiColumnProblems(
      {
        line: 7,
        index: 5,
        raw: "u,bad group,",
        values: { "cognito:username": "u", "cognito:groups": "bad group", "cogctl:password": "" },
        problems: [],
      },
      header,
      "cogctl:password",
    );
    expect(problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [7, 3, "cognito:groups"],
      [7, 13, "cogctl:password"],
    ]);
  });
});

describe("the journal", () => {
  it("is a 0700 directory of 0600 files, and counts rows by outcome", async () => {
    const state = mkdtempSync(join(tmpdir(), "journal-"));
    const journal = await Journal.open(state);
    const run = journal.createRun(meta, new Date("2026-12-01T19:45:12Z"));
    expect(run.id).toMatch(/^20261201-194512-[0-9a-f]{4}$/);
    journal.intent(run.id, 0, 2, "a");
    journal.created(run.id, 0, true, "sub-a");
    journal.outcome(run.id, 0, "imported");
    journal.intent(run.id, 1, 3, "b");
    expect(journal.counts(run.id)).toMatchObject({ imported: 1, pending: 1, created: 1 });
    expect(journal.unfinished(meta.fileSha256, meta.poolId, meta.endpoint, "api")?.id).toBe(run.id);
    journal.setState(run.id, "finished");
    expect(journal.unfinished(meta.fileSha256, meta.poolId, meta.endpoint, "api")).toBeUndefined();
    journal.close();
    expect(statSync(join(state, "import-runs")).mode & 0o777).toBe(0o700);
    expect(statSync(join(state, "import-runs", "journal.sqlite")).mode & 0o777).toBe(0o600);
  });

  it("refuses a run another live process holds, and takes over a dead one's", async () => {
    const journal = await Journal.open(mkdtempSync(join(tmpdir(), "journal-")));
    const run = journal.createRun(meta, new Date());
    const db = (journal as unknown as { db: { prepare(s: string): { run(...a: unknown[]): void } } }).db;
    // The parent (vitest's main process) is alive.
    db.prepare("UPDATE runs SET owner_pid = ? WHERE id = ?").run(process.ppid, run.id);
    expect(() => journal.claim(run.id)).toThrow(/being worked on by process/);
    // A pid far above any kernel's pid_max is never alive.
    db.prepare("UPDATE runs SET owner_pid = ? WHERE id = ?").run(2 ** 30, run.id);
    expect(() => journal.claim(run.id)).not.toThrow();
    journal.close();
  });
});

describe("a row sent before without an answer", () => {
  /** A pool of one user, created at `createdAt`; AdminCreateUser always answers "exists". */
  async function judge(createdAt: number, intentAt: number, earlierIntent: boolean) {
    const journal = await Journal.open(mkdtempSync(join(tmpdir(), "journal-")), () => intentAt);
    const run = journal.createRun(meta, new Date(intentAt));
    if (earlierIntent) journal.intent(run.id, 0, 2, "u");
    const calls: string[] = [];
    const call = async (operation: string) => {
      calls.push(operation);
      if (operation === "AdminCreateUser")
        throw new ServiceError("UsernameExistsException", operation, "User account already exists");
      return {
        Username: "u",
        UserCreateDate: new Date(createdAt),
        UserAttributes: [{ Name: "sub", Value: "s" }],
      };
    };
    const rows = (async function* () {
      yield row(0, { "cognito:username": "u", email: "u@example.com" });
    })();
    await importViaApi({
      run,
      journal,
      call,
      pacer: new Pacer({ unmetered: true }),
      rows,
      concurrency: 1,
      sendInvitations: false,
    });
    const state = journal.rowStates(run.id).get(0);
    journal.close();
    return { outcome: state?.outcome, created: state?.created, calls };
  }

  it("is imported when the user's creation date is not before its intent (less the tolerance)", async () => {
    const t = Date.parse("2026-12-01T20:00:00Z");
    expect(await judge(t + 300, t, true)).toEqual({
      outcome: "imported",
      created: true,
      calls: ["AdminGetUser"],
    });
    expect((await judge(t - CREATED_BY_RUN_TOLERANCE_MS + 500, t, true)).outcome).toBe("imported");
  });

  it("is skipped when the user is older than its intent: it existed before the run", async () => {
    const t = Date.parse("2026-12-01T20:00:00Z");
    expect(await judge(t - 3_600_000, t, true)).toEqual({
      outcome: "skipped",
      created: false,
      calls: ["AdminGetUser"],
    });
  });

  it("a fresh row refused as existing on its only send is skipped without a date check", async () => {
    const t = Date.parse("2026-12-01T20:00:00Z");
    expect(await judge(t + 300, t, false)).toEqual({
      outcome: "skipped",
      created: false,
      calls: ["AdminCreateUser"],
    });
  });

  /**
   * The first AdminCreateUser creates the user but answers `firstError`; later sends hear "exists".
   * The row's outcome, whether the journal counts it created, and the calls made.
   */
  async function firstSendFails(firstError: Error) {
    const t = Date.now();
    const journal = await Journal.open(mkdtempSync(join(tmpdir(), "journal-")), () => t);
    const run = journal.createRun(meta, new Date(t));
    const calls: string[] = [];
    let created: number | undefined;
    const call = async (operation: string) => {
      calls.push(operation);
      if (operation === "AdminCreateUser") {
        if (created === undefined) {
          created = Date.now();
          throw firstError;
        }
        throw new ServiceError("UsernameExistsException", operation, "User account already exists");
      }
      return {
        Username: "u",
        UserCreateDate: new Date(created ?? 0),
        UserAttributes: [{ Name: "sub", Value: "s" }],
      };
    };
    const rows = (async function* () {
      yield row(0, { "cognito:username": "u", email: "u@example.com" });
    })();
    await importViaApi({
      run,
      journal,
      call,
      pacer: new Pacer({ unmetered: true, sleep: async () => {} }),
      rows,
      concurrency: 1,
      sendInvitations: false,
      backoffMs: () => 0,
    });
    const state = journal.rowStates(run.id).get(0);
    journal.close();
    return { outcome: state?.outcome, created: state?.created, calls };
  }

  it("a send that landed unanswered, then throttled, is judged by the date when a later send hears 'exists'", async () => {
    // The bench under --faults found it: the SDK's attempts end throttled after a dropped first send
    // (which created the user), the pacer sends again, and that send alone hears UsernameExists.
    const throttled = new ServiceError("TooManyRequestsException", "AdminCreateUser", "Rate exceeded", 2);
    expect(await firstSendFails(throttled)).toEqual({
      outcome: "imported",
      created: true,
      calls: ["AdminCreateUser", "AdminCreateUser", "AdminGetUser"],
    });
  });

  it("a send that failed on our side of the wire (no service answer) is checked, not counted as failed", async () => {
    // Not a NetworkError, so not transient: still no outcome, since the user may have been created.
    // The next attempt looks the user up (the row has an intent) instead of sending again.
    const unanswered = new CliError("The stream ended before the answer did", ExitCode.OTHER);
    expect(await firstSendFails(unanswered)).toEqual({
      outcome: "imported",
      created: true,
      calls: ["AdminCreateUser", "AdminGetUser"],
    });
  });
});
