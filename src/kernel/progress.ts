// Progress of a long run on stderr, for the person watching: "120/500 done, 24/s, ETA 16s", redrawn
// in place at most ten times a second and cleared at the end. Nothing at all when stderr is not
// a terminal, so pipes and logs stay clean.
import type { IO } from "./io/io.js";

export interface Progress {
  /** Counts n more items as done (successes and failures alike). */
  tick(n?: number): void;
  /** Clears the line. */
  done(): void;
}

const REDRAW_MS = 100;
const CLEAR = "\r\x1b[K";

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export function progressLine(done: number, total: number | undefined, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const rateText = rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
  if (total === undefined) return `${done} done, ${rateText}/s`;
  const eta = rate > 0 ? duration((total - done) / rate) : "?";
  return `${done}/${total} done, ${rateText}/s, ETA ${eta}`;
}

export function createProgress(
  io: IO,
  opts: { total?: number; label?: string; now?: () => number } = {},
): Progress {
  if (!io.stderr.isTTY) return { tick() {}, done() {} };
  const now = opts.now ?? (() => performance.now());
  const start = now();
  let done = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  const prefix = opts.label ? `${opts.label}: ` : "";
  return {
    tick(n = 1) {
      done += n;
      const t = now();
      if (t - lastDraw < REDRAW_MS && done !== opts.total) return;
      lastDraw = t;
      drawn = true;
      io.stderr.write(`${CLEAR}${prefix}${progressLine(done, opts.total, t - start)}`);
    },
    done() {
      if (drawn) io.stderr.write(CLEAR);
      drawn = false;
    },
  };
}

/** Counters of a run whose items end three ways (an import job's users). */
export interface OutcomeCounts {
  imported: number;
  skipped: number;
  failed: number;
}

/**
 * "1,200/5,000 users: 1,150 imported, 30 skipped, 20 failed, 240/s, ETA 16s". The rate counts what
 * moved since watching began (`base`), so a resumed run's ETA is not inflated by earlier work.
 */
export function outcomeLine(
  counts: OutcomeCounts,
  total: number | undefined,
  elapsedMs: number,
  base = 0,
): string {
  const done = counts.imported + counts.skipped + counts.failed;
  const n = (v: number) => v.toLocaleString("en-US");
  const rate = elapsedMs > 0 ? (done - base) / (elapsedMs / 1000) : 0;
  const rateText = rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
  const head = total === undefined ? `${n(done)} users` : `${n(done)}/${n(total)} users`;
  const eta = total !== undefined && rate > 0 ? `, ETA ${duration((total - done) / rate)}` : "";
  return `${head}: ${n(counts.imported)} imported, ${n(counts.skipped)} skipped, ${n(counts.failed)} failed, ${rateText}/s${eta}`;
}

export interface OutcomeProgress {
  /** The counters as they stand now (an import job's, from DescribeUserImportJob); `status` while not yet running. */
  update(counts: OutcomeCounts, status?: string): void;
  /** Clears the line. */
  done(): void;
}

export function createOutcomeProgress(
  io: IO,
  opts: { total?: number; label?: string; now?: () => number } = {},
): OutcomeProgress {
  if (!io.stderr.isTTY) return { update() {}, done() {} };
  const now = opts.now ?? (() => performance.now());
  let start: number | undefined;
  let base = 0;
  let drawn = false;
  const prefix = opts.label ? `${opts.label}: ` : "";
  return {
    update(counts, status) {
      const t = now();
      if (start === undefined) {
        start = t;
        base = counts.imported + counts.skipped + counts.failed;
      }
      drawn = true;
      const note = status ? ` (${status})` : "";
      io.stderr.write(`${CLEAR}${prefix}${outcomeLine(counts, opts.total, t - start, base)}${note}`);
    },
    done() {
      if (drawn) io.stderr.write(CLEAR);
      drawn = false;
    },
  };
}
