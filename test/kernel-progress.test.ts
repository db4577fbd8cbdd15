// The progress reporter: in-place redraws on a terminal's stderr at most ten times a second,
// cleared at the end; nothing at all in pipes.
import { describe, expect, it } from "vitest";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { createProgress, progressLine } from "../src/kernel/progress.js";

describe("progress", () => {
  it("formats done/total, rate and ETA", () => {
    expect(progressLine(120, 500, 5000)).toBe("120/500 done, 24/s, ETA 16s");
    expect(progressLine(3, undefined, 2000)).toBe("3 done, 1.5/s");
    expect(progressLine(0, 10, 0)).toBe("0/10 done, 0.0/s, ETA ?");
  });

  it("redraws in place at most every 100 ms and clears the line at the end", () => {
    let t = 0;
    const io = createTestIO({ stderrTTY: true });
    const p = createProgress(io, { total: 100, now: () => t });
    for (let i = 0; i < 100; i++) {
      t += 5; // 100 items over 500 ms
      p.tick();
    }
    p.done();
    const draws = io.err().split("\r\x1b[K").filter(Boolean);
    expect(draws.length).toBeGreaterThanOrEqual(5);
    expect(draws.length).toBeLessThanOrEqual(7); // ~every 100 ms, plus the final count
    expect(draws.at(-1)).toMatch(/^100\/100 done/);
    expect(io.err().endsWith("\r\x1b[K")).toBe(true);
    expect(io.out()).toBe("");
  });

  it("prints nothing when stderr is not a terminal", () => {
    const io = createTestIO({ stderrTTY: false });
    const p = createProgress(io, { total: 3 });
    p.tick();
    p.tick(2);
    p.done();
    expect(io.err()).toBe("");
  });
});
