// The users export loop: ListUsers pages through the kernel's one pagination mechanism, each page's
// users written as lines to a partial file next to the output, a checkpoint after the page (at most
// every CHECKPOINT_MS), the partial file put under the final name in one step at the end. To stdout
// the same loop writes straight through, without a checkpoint.
import { createReadStream } from "node:fs";
import { type FileHandle, link, open, rename, rm, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { loadOperation } from "../../cognito/catalog.js";
import { CompactKeySet, splitLine } from "../../cognito/csv/index.js";
import type { CognitoCall, ServiceOutput } from "../cognito-call.js";
import { ServiceError, UsageError } from "../errors.js";
import type { OutStream } from "../io/io.js";
import { encodeToken, operationPages, type PaginatorSpec } from "../paginate.js";
import { backoffMs, isTransient, withRetries } from "../retry.js";
import { type Condition, matches } from "../users.js";
import {
  type ExportCheckpoint,
  type ExportFiles,
  exportFiles,
  readCheckpoint,
  writeCheckpoint,
} from "./checkpoint.js";
import { csvLine, jsonLine, type LossyValue, type RowContext } from "./rows.js";

/** How often the checkpoint is rewritten (two fsyncs each): often enough that a resume redoes little. */
const CHECKPOINT_MS = 250;
const LOSSY_EXAMPLES = 5;
/** Times a page is asked again after a transient failure (waits: retry.ts's backoff). */
const PAGE_ATTEMPTS = 5;
const PAGE_BACKOFF = { baseMs: 500, capMs: 8000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** fn, tried again after a transient failure (the group map: it starts over, nothing is written). */
export function retryTransient<T>(fn: () => Promise<T>): Promise<T> {
  return withRetries(fn, PAGE_ATTEMPTS, PAGE_BACKOFF);
}

export interface ExportSpec {
  poolId: string;
  format: "csv" | "jsonl";
  /** csv: the header columns, in order. */
  header?: string[];
  rows: RowContext;
  /** ListUsers' Filter (the first --where condition it can apply). */
  filter?: string;
  /** The other conditions, checked on each user. */
  local: Condition[];
  attributesToGet?: string[];
  /** AdminGetUser per user for the MFA settings ListUsers does not return. */
  mfaDetails: boolean;
  /** What a resume must match. */
  fingerprint: Record<string, unknown>;
}

export type ExportTarget =
  | { kind: "stdout"; stream: OutStream }
  | { kind: "file"; path: string; force: boolean; resume: boolean };

export interface ExportEvents {
  /** n more users listed (progress). */
  listed(n: number): void;
  warn(message: string): void;
}

export interface ExportResult {
  rows: number;
  lossyCount: number;
  lossyExamples: LossyValue[];
  resumedAt?: number;
  relisted: boolean;
}

/** Checks before any call: the output is free (or --force), an interrupted export is resumed or named. */
export async function prepareTarget(target: ExportTarget): Promise<ExportCheckpoint | undefined> {
  if (target.kind === "stdout") return undefined;
  const files = exportFiles(target.path);
  const cp = await readCheckpoint(files.checkpoint);
  if (!target.force && (await exists(target.path)))
    throw new UsageError(
      `${target.path} already exists: pass --force to replace it, or name another file with --out.`,
    );
  if (target.resume && !cp)
    throw new UsageError(
      `--resume: there is no interrupted export of ${target.path} to continue (no ${files.checkpoint}). Run without --resume.`,
    );
  if (!target.resume && cp)
    throw new UsageError(
      `An interrupted export of ${target.path} is waiting (${cp.rows} users written): pass --resume to continue it, or delete ${files.checkpoint} and ${files.partial} to start again.`,
    );
  if (cp && !(await exists(files.partial)))
    throw new UsageError(
      `--resume: ${files.partial}, the interrupted export's partial file, is gone; delete ${files.checkpoint} and start again.`,
    );
  return cp;
}

export function fingerprintMismatch(
  cp: ExportCheckpoint,
  fingerprint: Record<string, unknown>,
): string | undefined {
  for (const key of new Set([...Object.keys(cp.fingerprint), ...Object.keys(fingerprint)])) {
    const was = JSON.stringify(cp.fingerprint[key] ?? null);
    const now = JSON.stringify(fingerprint[key] ?? null);
    if (was !== now) return `${key} was ${was}, now ${now}`;
  }
  return undefined;
}

export async function runExport(
  call: CognitoCall,
  spec: ExportSpec,
  target: ExportTarget,
  cp: ExportCheckpoint | undefined,
  events: ExportEvents,
): Promise<ExportResult> {
  const format = (user: ServiceOutput, lossy: LossyValue[]) =>
    spec.format === "csv"
      ? csvLine(spec.header as string[], user, spec.rows, lossy)
      : jsonLine(user, spec.rows);
  const headerLine = spec.format === "csv" ? `${(spec.header as string[]).join(",")}\n` : "";

  const state: ExportCheckpoint = cp
    ? { ...cp }
    : {
        version: 1,
        fingerprint: spec.fingerprint,
        token: "",
        relisted: false,
        rows: 0,
        listed: 0,
        bytes: 0,
        lossyCount: 0,
        lossyExamples: [],
      };
  const fresh = !cp;
  let startToken: string | undefined = cp?.token || undefined;
  let finished = cp !== undefined && cp.token === null;

  let sink: Sink;
  if (target.kind === "stdout") sink = stdoutSink(target.stream);
  else sink = await fileSink(exportFiles(target.path), state, fresh);
  if (fresh && headerLine) await sink.write(headerLine, state);
  if (cp) events.listed(cp.listed);

  let seen: { set: CompactKeySet; n: number } | undefined;
  if (state.relisted && target.kind === "file")
    seen = await usernamesIn(exportFiles(target.path).partial, state.bytes, spec);

  const spec_ = loadOperation("list-users")?.paginator as PaginatorSpec;
  let failures = 0;
  while (!finished) {
    // The service token after each page, in page order (one page is fetched ahead, see below).
    const nextTokens: (string | undefined)[] = [];
    let sentToken = false;
    // The service token of the next page, seen on the response before the iterator hides it.
    const send: CognitoCall = async (operation, input) => {
      sentToken = input.PaginationToken !== undefined;
      const r = await call(operation, input);
      nextTokens.push(r.PaginationToken as string | undefined);
      return r;
    };
    const input: Record<string, unknown> = { UserPoolId: spec.poolId };
    if (spec.filter) input.Filter = spec.filter;
    if (spec.attributesToGet) input.AttributesToGet = spec.attributesToGet;
    const pages = operationPages(send, "list-users", input, {
      pageSize: 60,
      ...(startToken ? { startingToken: encodeToken(spec_, startToken, 0) } : {}),
    });
    try {
      for await (const page of fetchingAhead(pages)) {
        const users = (page.Users as ServiceOutput[] | undefined) ?? [];
        let kept = users.filter((u) => spec.local.every((c) => matches(u, c)));
        if (seen) {
          const s = seen;
          kept = kept.filter((u) => s.set.addOrFind(u.Username as string, ++s.n) === undefined);
        }
        if (spec.mfaDetails) kept = await withMfaDetails(call, spec.poolId, kept);
        const lossy: LossyValue[] = [];
        const text = kept.map((u) => format(u, lossy)).join("");
        state.lossyCount += lossy.length;
        for (const l of lossy) if (state.lossyExamples.length < LOSSY_EXAMPLES) state.lossyExamples.push(l);
        state.rows += kept.length;
        state.listed += users.length;
        state.token = nextTokens.shift() ?? null;
        await sink.write(text, state);
        events.listed(users.length);
        failures = 0;
      }
      finished = true;
    } catch (err) {
      // A read that failed after the SDK's and the pacer's retries (throttled, a 5xx, a dropped
      // connection) is asked again from the last page's token, as --resume would: nothing is lost.
      if (isTransient(err) && failures + 1 < PAGE_ATTEMPTS) {
        await sleep(backoffMs(failures++, PAGE_BACKOFF));
        startToken = state.token || undefined;
        continue;
      }
      // ListUsers tokens do not live long on AWS: an old one is refused. The listing starts again and
      // skips every user the partial file already holds; the order can then differ from a run that
      // was never interrupted, and users deleted meanwhile stay in the file.
      if (
        !(
          sentToken &&
          err instanceof ServiceError &&
          err.code === "InvalidParameterException" &&
          target.kind === "file"
        )
      )
        throw err;
      await sink.checkpoint(state);
      events.warn(
        `The pagination token of the interrupted export was refused (${err.serviceMessage}); listing the pool again from the start, skipping the ${state.rows} users already written. Every user is written once, but the order differs from an uninterrupted export.`,
      );
      state.relisted = true;
      seen = await usernamesIn(exportFiles(target.path).partial, state.bytes, spec);
      startToken = undefined;
    }
  }
  await sink.finish(state, target.kind === "file" ? target : undefined);
  return {
    rows: state.rows,
    lossyCount: state.lossyCount,
    lossyExamples: state.lossyExamples,
    resumedAt: cp?.rows,
    relisted: state.relisted,
  };
}

/**
 * The next page is requested as soon as one is handed out, so writing a page overlaps the wait for
 * the next one (what a bare SDK loop cannot do either; it halves cogctl's own share of the time).
 * At most one page is held ahead.
 */
async function* fetchingAhead<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const result = await next;
    if (result.done) return;
    next = iterator.next();
    // A failure of the page ahead is seen when it is awaited, after this page is written.
    next.catch(() => {});
    yield result.value;
  }
}

interface Sink {
  write(text: string, state: ExportCheckpoint): Promise<void>;
  checkpoint(state: ExportCheckpoint): Promise<void>;
  finish(state: ExportCheckpoint, target?: { path: string; force: boolean }): Promise<void>;
}

function stdoutSink(stream: OutStream): Sink {
  return {
    async write(text) {
      if (text) stream.write(text);
      await stream.drained?.();
    },
    async checkpoint() {},
    async finish() {},
  };
}

async function fileSink(files: ExportFiles, state: ExportCheckpoint, fresh: boolean): Promise<Sink> {
  let handle: FileHandle;
  if (fresh) {
    // A partial file without a checkpoint is a run killed before its first checkpoint: nothing to keep.
    await rm(files.partial, { force: true });
    handle = await open(files.partial, "wx", 0o600);
  } else {
    handle = await open(files.partial, "r+");
    // Rows written after the last checkpoint are written again from its token.
    await handle.truncate(state.bytes);
  }
  let last = 0;
  const checkpoint = async (s: ExportCheckpoint) => {
    await handle.sync();
    await writeCheckpoint(files.checkpoint, s);
    last = performance.now();
  };
  return {
    async write(text, s) {
      if (text) {
        const data = Buffer.from(text);
        await handle.write(data, 0, data.length, s.bytes);
        s.bytes += data.length;
      }
      if (performance.now() - last >= CHECKPOINT_MS) await checkpoint(s);
    },
    checkpoint,
    async finish(s, target) {
      await checkpoint(s);
      await handle.close();
      if (!target) return;
      if (target.force) await rename(files.partial, target.path);
      else {
        try {
          await link(files.partial, target.path);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "EEXIST")
            throw new UsageError(
              `${target.path} appeared while exporting: the export is kept in ${files.partial}; pass --resume --force to put it in place.`,
            );
          throw err;
        }
        await rm(files.partial, { force: true });
      }
      await rm(files.checkpoint, { force: true });
    },
  };
}

/** AdminGetUser for each user (paced by the caller's call): the MFA settings ListUsers leaves out. */
export async function withMfaDetails(
  call: CognitoCall,
  poolId: string,
  users: ServiceOutput[],
): Promise<ServiceOutput[]> {
  return Promise.all(
    users.map(async (u) => {
      const r = await call("AdminGetUser", { UserPoolId: poolId, Username: u.Username });
      return {
        ...u,
        ...(r.UserMFASettingList !== undefined ? { UserMFASettingList: r.UserMFASettingList } : {}),
        ...(r.PreferredMfaSetting !== undefined ? { PreferredMfaSetting: r.PreferredMfaSetting } : {}),
      };
    }),
  );
}

/** The usernames of the first `bytes` of a partial file, compactly (for the relisting after an expired token). */
async function usernamesIn(
  path: string,
  bytes: number,
  spec: ExportSpec,
): Promise<{ set: CompactKeySet; n: number }> {
  const set = new CompactKeySet();
  let n = 0;
  if (bytes === 0) return { set, n };
  const lines = createInterface({
    input: createReadStream(path, { start: 0, end: bytes - 1 }),
    crlfDelay: Infinity,
  });
  const column = spec.format === "csv" ? (spec.header as string[]).indexOf("cognito:username") : -1;
  let first = spec.format === "csv";
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (line === "") continue;
    const username =
      spec.format === "csv"
        ? splitLine(line).fields[column].trim().replaceAll("\\,", ",")
        : (JSON.parse(line).Username as string);
    set.addOrFind(username, ++n);
  }
  return { set, n };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
