// Global options: found in argv without building every command, merged with env and profile as
// the AWS CLI merges them.
import { describe, expect, it } from "vitest";
import { resolveGlobals, scanCommandWords } from "../src/cli/global-options.js";

describe("scanCommandWords", () => {
  it("skips global options and their values, wherever they stand before the command", () => {
    expect(
      scanCommandWords(["--region", "eu-west-1", "--output", "text", "list-users", "--user-pool-id", "x"]),
    ).toEqual(["list-users"]);
    expect(scanCommandWords(["--debug", "local", "serve", "--port", "0"])).toEqual(["local", "serve"]);
    expect(scanCommandWords(["auth", "mfa", "setup", "totp"])).toEqual(["auth", "mfa", "setup", "totp"]);
    expect(scanCommandWords([])).toEqual([]);
  });
});

describe("resolveGlobals", () => {
  it("defaults to JSON, paginating, colour auto", () => {
    const g = resolveGlobals({}, {});
    expect(g).toMatchObject({
      output: "json",
      outputExplicit: false,
      paginate: true,
      debug: false,
      color: "auto",
      local: false,
    });
  });

  it("takes output from --output, then AWS_DEFAULT_OUTPUT, then the profile", () => {
    expect(
      resolveGlobals({ output: "yaml" }, { AWS_DEFAULT_OUTPUT: "text" }, { output: "table" }).output,
    ).toBe("yaml");
    expect(resolveGlobals({}, { AWS_DEFAULT_OUTPUT: "text" }, { output: "table" }).output).toBe("text");
    expect(resolveGlobals({}, {}, { output: "table" }).output).toBe("table");
    expect(() => resolveGlobals({}, { AWS_DEFAULT_OUTPUT: "xml" })).toThrow(
      /Unknown output format 'xml'.*json, yaml/,
    );
  });

  it("turns --local on from the flag, COGCTL_LOCAL or the profile's cogctl_local", () => {
    expect(resolveGlobals({ local: true }, {}).local).toBe(true);
    expect(resolveGlobals({}, { COGCTL_LOCAL: "1" }).local).toBe(true);
    expect(resolveGlobals({}, { COGCTL_LOCAL: "0" }).local).toBe(false);
    expect(resolveGlobals({}, {}, { cogctl_local: "true" }).local).toBe(true);
  });

  it("checks numbers with the flag in the message", () => {
    expect(resolveGlobals({ maxItems: "5", pageSize: "2" }, {})).toMatchObject({ maxItems: 5, pageSize: 2 });
    expect(() => resolveGlobals({ maxItems: "0" }, {})).toThrow(
      /--max-items expects a whole number greater than 0/,
    );
    expect(() => resolveGlobals({ pageSize: "x" }, {})).toThrow(/--page-size/);
    expect(() => resolveGlobals({ cliReadTimeout: "-1" }, {})).toThrow(/--cli-read-timeout/);
  });
});
