// The shape of one emulated operation (one file per operation in this folder, listed in index.ts).
// The router has already checked the input against the service model (types, required members,
// lengths, patterns, enums, ranges), so a target does only the semantic checks and the work.
import type { ImportRunner } from "../services/import-runner.js";
import type { LocalServices } from "../services/index.js";

export interface TargetContext {
  readonly services: LocalServices;
  /** Base URL clients reach this endpoint at (for presigned URLs, issuers). */
  readonly baseUrl: string;
  /** Request headers, lower-cased names. */
  readonly headers: Record<string, string>;
  /** Runs import jobs in the background of this endpoint's process. */
  readonly imports: ImportRunner;
}

export type Target<I = any> = (input: I, ctx: TargetContext) => unknown | Promise<unknown>;

/** Identity helper so a target file reads `export default defineTarget<XRequest>((input, ctx) => ...)`. */
export function defineTarget<I>(fn: (input: I, ctx: TargetContext) => unknown | Promise<unknown>): Target<I> {
  return fn;
}
