import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { UsageError } from "../src/kernel/errors.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { createPrinter, streamsPages } from "../src/kernel/output/printer.js";
import {
  adminGetUserResponse,
  hasAnsi,
  listUsersResponse,
  metadata,
  stripAnsi,
  withTimeZone,
} from "./fixtures/output.js";

describe("printer.result", () => {
  test("json: normalizes the SDK response and writes it to stdout only", () => {
    const io = createTestIO();
    withTimeZone("UTC", () =>
      createPrinter(io, { output: "json", debug: false }).result(adminGetUserResponse()),
    );
    const printed = JSON.parse(io.out());
    expect(printed).not.toHaveProperty("$metadata");
    expect(printed.UserCreateDate).toBe("2024-01-05T12:00:00.123000+00:00");
    expect(io.out().startsWith('{\n    "Username": "alice"')).toBe(true);
    expect(io.err()).toBe("");
  });

  test("an operation without output prints nothing", () => {
    const io = createTestIO();
    createPrinter(io, { output: "json", debug: false }).result({ $metadata: metadata });
    expect(io.out()).toBe("");
  });

  test("--query is applied before formatting; a null result prints null", () => {
    const io = createTestIO();
    const printer = createPrinter(io, { output: "json", query: "Users[].Username", debug: false });
    printer.result(listUsersResponse());
    expect(io.out()).toBe('[\n    "alice",\n    "bob"\n]\n');
    const nullIo = createTestIO();
    createPrinter(nullIo, { output: "json", query: "PaginationToken", debug: false }).result(
      listUsersResponse(),
    );
    expect(nullIo.out()).toBe("null\n");
  });

  test("text with --query", () => {
    const io = createTestIO();
    createPrinter(io, { output: "text", query: "Users[].[Username,UserStatus]", debug: false }).result(
      listUsersResponse(),
    );
    expect(io.out()).toBe("alice\tCONFIRMED\nbob\tFORCE_CHANGE_PASSWORD\n");
  });

  test("a bad --query fails when the printer is made, before any request", () => {
    expect(() => createPrinter(createTestIO(), { output: "json", query: "Users[", debug: false })).toThrow(
      UsageError,
    );
  });

  test("table takes the title, the terminal width and the colour decision from IO", () => {
    const io = createTestIO({ columns: 60, color: true, stdoutTTY: true });
    withTimeZone("UTC", () =>
      createPrinter(io, { output: "table", debug: false }).result(adminGetUserResponse(), {
        title: "AdminGetUser",
      }),
    );
    const out = io.out();
    expect(hasAnsi(out)).toBe(true);
    expect(stripAnsi(out)).toContain("AdminGetUser");
    for (const line of stripAnsi(out).trimEnd().split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  test("json is coloured only when IO says so", () => {
    const plain = createTestIO({ color: false });
    createPrinter(plain, { output: "json", debug: false }).result({ a: 1 });
    expect(plain.out()).toBe('{\n    "a": 1\n}\n');
    const colored = createTestIO({ color: true, stdoutTTY: true });
    createPrinter(colored, { output: "json", debug: false }).result({ a: 1 });
    expect(hasAnsi(colored.out())).toBe(true);
  });
});

describe("printer.page (paginated output)", () => {
  const page1 = { Users: [{ Username: "alice" }], PaginationToken: "t1" };
  const page2 = { Users: [{ Username: "bob" }] };

  test("text applies --query to each page, as the AWS CLI", () => {
    const io = createTestIO();
    const printer = createPrinter(io, { output: "text", query: "Users[].Username", debug: false });
    printer.page(page1);
    printer.page(page2);
    expect(io.out()).toBe("alice\nbob\n");
  });

  test("yaml-stream writes one list item per page", () => {
    const io = createTestIO();
    const printer = createPrinter(io, { output: "yaml-stream", debug: false });
    printer.page(page1);
    printer.page(page2);
    expect(parse(io.out())).toEqual([page1, page2]);
  });

  test("only text and yaml-stream stream pages", () => {
    expect(streamsPages("text")).toBe(true);
    expect(streamsPages("yaml-stream")).toBe(true);
    expect(streamsPages("json")).toBe(false);
    expect(streamsPages("yaml")).toBe(false);
    expect(streamsPages("table")).toBe(false);
  });
});

describe("printer messages", () => {
  test("done and info go to stderr only on a terminal", () => {
    const tty = createTestIO({ stderrTTY: true });
    const printerTty = createPrinter(tty, { output: "json", debug: false });
    printerTty.done("Disabled alice");
    printerTty.info("Fetching page 2\n");
    expect(tty.err()).toBe("Disabled alice\nFetching page 2\n");
    expect(tty.out()).toBe("");

    const pipe = createTestIO({ stderrTTY: false });
    const printerPipe = createPrinter(pipe, { output: "json", debug: false });
    printerPipe.done("Disabled alice");
    printerPipe.info("Fetching page 2");
    expect(pipe.err()).toBe("");
  });

  test("warn always goes to stderr", () => {
    const io = createTestIO({ stderrTTY: false });
    createPrinter(io, { output: "text", debug: false }).warn("warning: --page-size ignored");
    expect(io.err()).toBe("warning: --page-size ignored\n");
    expect(io.out()).toBe("");
  });

  test("debug goes to stderr only with --debug", () => {
    const quiet = createTestIO();
    createPrinter(quiet, { output: "json", debug: false }).debug("request: AdminGetUser");
    expect(quiet.err()).toBe("");
    const loud = createTestIO();
    createPrinter(loud, { output: "json", debug: true }).debug("request: AdminGetUser");
    expect(loud.err()).toBe("request: AdminGetUser\n");
  });
});
