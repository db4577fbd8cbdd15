// Keeps `users export`'s resident memory flat in the pool's size. What the export holds does not grow
// with the pool (the rows stream; the group map is ~30 bytes a membership), but V8 sizes its heap by
// how long a process has run, not by what it holds: over 50,000 users (sampled with
// v8.getHeapSpaceStatistics) the young generation doubles from 2 x 8 MB to its 2 x 16 MB maximum
// (V8 grows it once the bytes surviving scavenges since the last growth pass its size, which any
// long run reaches), and the old generation fills with promoted garbage up to its next mark-compact
// limit (11 -> 27 MB used, ~15 MB of it dead), which together are the 84 -> 108-120 MB peak RSS
// between 5,000 and 50,000 users. Neither is bounded by cutting allocations: parsing ListUsers pages
// with JSON.parse instead of the SDK's schema walk (half of all allocation) only moved the young
// generation's second doubling from ~35,000 to ~45,000 users.
//
// `--max-semi-space-size` would bound the first, but only on node's command line, for every command,
// and at 2-4 MB it slows the export (more scavenges). So, for the export only, at runtime:
// - the young generation may grow to YOUNG_MB (what a run of a few thousand users reaches anyway, so
//   short runs are unchanged) and no further: V8 reads --semi-space-growth-factor each time it grows
//   the new space, so 1 stops it where it is (the maximum itself is fixed when the heap is set up);
// - when the old generation's used bytes pass what they were after the last collection by a tenth
//   (at least 1 MB), one full collection (gc() from --expose-gc, set at runtime, as jest does for
//   --logHeapUsage). Promotion is slow (~0.2 KB a user): a jsonl export of 50,000 users with groups
//   makes 26 collections (0.43 s of 15 s, against 5 and 0.07 s unbounded); a slack in proportion to
//   the live heap keeps that share the same with a large group map. (4 MB of slack left 1.12x
//   between 5,000 and 50,000 users, 1 MB 1.06-1.09x.)
// Measured side by side (bench/users-export-scale.mjs, 50,000 users): csv 80 -> 85 MB and 1.05x a
// bare SDK loop's time, where V8's own sizing gives 81 -> 108 MB; node --max-semi-space-size=2, 4 or
// 8 gave 1.14-1.16x (the old generation still grows) and 1.25-1.37x with groups, and the export in
// a worker_thread with resourceLimits.maxYoungGenerationSizeMb 12, 1.12x and 1.35x.
// release() puts V8's own growth factor back when the export ends.
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const MB = 2 ** 20;
/** The young generation's bound (both semi-spaces, as new_space's space_size counts them). */
export const YOUNG_MB = 16;
/** Old-generation growth since the last collection that triggers one: this share of what was left... */
export const OLD_SLACK_SHARE = 0.1;
/** ...and at least this. */
export const OLD_SLACK_MIN_MB = 1;
/** V8's default --semi-space-growth-factor. */
const V8_GROWTH_FACTOR = 2;

/** What the bound reads and does, apart so a test can drive it. */
export interface HeapProbe {
  /** Bytes the young generation has committed (new_space's space_size). */
  youngSize(): number;
  /** Bytes used in the old generation, live or not yet collected. */
  oldUsed(): number;
  setGrowthFactor(factor: number): void;
  /** One full, synchronous collection. */
  collect(): void;
}

export function v8Probe(): HeapProbe {
  let gc: (() => void) | undefined;
  const space = (name: string) => getHeapSpaceStatistics().find((s) => s.space_name === name);
  return {
    youngSize: () => space("new_space")?.space_size ?? 0,
    oldUsed: () => space("old_space")?.space_used_size ?? 0,
    setGrowthFactor: (factor) => setFlagsFromString(`--semi-space-growth-factor=${factor}`),
    collect() {
      if (!gc) {
        // The flag only adds gc() to contexts made after it is set: a new one, used for that alone.
        setFlagsFromString("--expose-gc");
        gc = runInNewContext("gc") as () => void;
      }
      gc();
    },
  };
}

export class HeapBound {
  private frozen = false;
  private floor: number | undefined;
  /** Full collections this bound triggered. */
  collections = 0;

  constructor(
    private readonly probe: HeapProbe = v8Probe(),
    private readonly youngBytes = YOUNG_MB * MB,
    private readonly minSlackBytes = OLD_SLACK_MIN_MB * MB,
  ) {}

  private slack(): number {
    return Math.max(this.minSlackBytes, (this.floor ?? 0) * OLD_SLACK_SHARE);
  }

  /** After each page (listing or group map): cheap, two reads of the heap's statistics. */
  check(): void {
    const young = this.probe.youngSize();
    if (!this.frozen && young >= this.youngBytes) {
      this.probe.setGrowthFactor(1);
      this.frozen = true;
    } else if (this.frozen && young < this.youngBytes) {
      // V8 shrank it (memory pressure): let it grow back to the bound.
      this.probe.setGrowthFactor(V8_GROWTH_FACTOR);
      this.frozen = false;
    }
    const old = this.probe.oldUsed();
    if (this.floor === undefined) this.floor = old;
    else if (old > this.floor + this.slack()) {
      this.probe.collect();
      this.collections++;
      this.floor = this.probe.oldUsed();
    }
  }

  release(): void {
    if (this.frozen) this.probe.setGrowthFactor(V8_GROWTH_FACTOR);
    this.frozen = false;
  }
}

/** The bound, or nothing with COGCTL_EXPORT_HEAP_BOUND=0 (V8's own sizing, for comparison). */
export function heapBoundFor(env: Record<string, string | undefined>): HeapBound | undefined {
  return env.COGCTL_EXPORT_HEAP_BOUND === "0" ? undefined : new HeapBound();
}
