// When colour is on: --color wins, then NO_COLOR, FORCE_COLOR and TERM=dumb, then whether the
// stream is a terminal.
import { describe, expect, it } from "vitest";
import { decideColor } from "../src/kernel/io/io.js";

describe("decideColor", () => {
  it("follows --color on/off whatever the environment says", () => {
    expect(decideColor("on", false, { NO_COLOR: "1" })).toBe(true);
    expect(decideColor("off", true, { FORCE_COLOR: "1" })).toBe(false);
  });

  it("in auto mode honours NO_COLOR, FORCE_COLOR and TERM=dumb, else the terminal", () => {
    expect(decideColor("auto", true, {})).toBe(true);
    expect(decideColor("auto", false, {})).toBe(false);
    expect(decideColor("auto", true, { NO_COLOR: "1" })).toBe(false);
    expect(decideColor("auto", true, { NO_COLOR: "" })).toBe(true); // an empty NO_COLOR does not count
    expect(decideColor("auto", false, { FORCE_COLOR: "1" })).toBe(true);
    expect(decideColor("auto", false, { FORCE_COLOR: "0" })).toBe(false);
    expect(decideColor("auto", true, { TERM: "dumb" })).toBe(false);
  });
});
