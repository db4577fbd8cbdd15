// users copy's sides: what each side names replaces the command's settings, and naming where a side
// is (a profile, an endpoint, --X-local) drops the command's other "where".
import { describe, expect, it } from "vitest";
import { endpointUrlProblem } from "../src/cli/global-options.js";
import type { GlobalOptions } from "../src/kernel/context.js";
import { sideGlobals } from "../src/kernel/copy/sides.js";

const base: GlobalOptions = {
  profile: "main",
  region: "eu-west-1",
  endpointUrl: "http://127.0.0.1:5000",
  output: "json",
  outputExplicit: false,
  paginate: true,
  debug: false,
  color: "auto",
  local: false,
};

describe("sideGlobals", () => {
  it("takes the command's settings when a side names nothing", () => {
    expect(sideGlobals(base, {}, "from", endpointUrlProblem)).toEqual(base);
  });
  it("--to-local is the embedded endpoint only: no endpoint URL, the command's profile kept for nothing else", () => {
    const to = sideGlobals(base, { toLocal: true }, "to", endpointUrlProblem);
    expect(to).toMatchObject({ local: true, endpointUrl: undefined, region: "eu-west-1" });
    expect(sideGlobals(base, { toLocal: true }, "from", endpointUrlProblem)).toEqual(base);
  });
  it("a side's profile means AWS through that profile, not the command's endpoint or --local", () => {
    const from = sideGlobals({ ...base, local: true }, { fromProfile: "prod" }, "from", endpointUrlProblem);
    expect(from).toMatchObject({ profile: "prod", endpointUrl: undefined, local: false });
  });
  it("a side's region alone keeps the rest", () => {
    expect(sideGlobals(base, { toRegion: "us-west-2" }, "to", endpointUrlProblem)).toEqual({
      ...base,
      region: "us-west-2",
    });
  });
  it("refuses a malformed endpoint URL and a side that is both local and an endpoint, naming the flags", () => {
    expect(() => sideGlobals(base, { toEndpointUrl: "localhost:9" }, "to", endpointUrlProblem)).toThrow(
      /--to-endpoint-url "localhost:9": scheme is missing/,
    );
    expect(() =>
      sideGlobals(base, { fromLocal: true, fromEndpointUrl: "http://x" }, "from", endpointUrlProblem),
    ).toThrow(/--from-local with --from-endpoint-url/);
  });
});
