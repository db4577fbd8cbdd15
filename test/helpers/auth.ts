// Shared pieces of the auth tests: a scripted prompter (answers keyed by the question), a scripted
// CognitoCall for engine unit tests, and a fresh config directory per test.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CognitoCall, ServiceOutput } from "../../src/kernel/cognito-call.js";
import { ServiceError, UsageError } from "../../src/kernel/errors.js";
import type { Choice, Prompter } from "../../src/kernel/io/prompter.js";

export interface Asked {
  kind: "input" | "password" | "select" | "confirm";
  message: string;
  flag?: string;
  choices?: string[];
}

/**
 * A prompter that answers from a list of [pattern, answer] pairs, each used once, in order of
 * appearance. A question nobody scripted fails the test with the question in the message.
 */
export type ScriptedAnswer = string | boolean | (() => string);

export function scriptedPrompter(script: [RegExp, ScriptedAnswer][]): Prompter & { asked: Asked[] } {
  const remaining = [...script];
  const asked: Asked[] = [];
  const take = (message: string): string | boolean => {
    const i = remaining.findIndex(([re]) => re.test(message));
    if (i < 0) throw new Error(`unexpected prompt: ${message}`);
    const [, answer] = remaining.splice(i, 1)[0];
    return typeof answer === "function" ? answer() : answer;
  };
  return {
    asked,
    async input(message, opts) {
      asked.push({ kind: "input", message, flag: opts.flag });
      const v = String(take(message));
      const ok = opts.validate?.(v) ?? true;
      if (ok !== true) throw new Error(`scripted answer for '${message}' rejected: ${ok}`);
      return v;
    },
    async password(message, opts) {
      asked.push({ kind: "password", message, flag: opts.flag });
      const v = String(take(message));
      const ok = opts.validate?.(v) ?? true;
      if (ok !== true) throw new UsageError(`scripted password rejected: ${ok}`);
      return v;
    },
    async select<T>(message: string, choices: Choice<T>[], opts: { flag: string }): Promise<T> {
      asked.push({ kind: "select", message, flag: opts.flag, choices: choices.map((c) => String(c.value)) });
      const v = String(take(message));
      const hit = choices.find((c) => String(c.value) === v);
      if (!hit) throw new Error(`scripted choice ${v} not among ${choices.map((c) => c.value).join(",")}`);
      return hit.value;
    },
    async confirm(message, opts) {
      asked.push({ kind: "confirm", message, flag: opts.flag });
      if (opts.yes) return true;
      return Boolean(take(message));
    },
  };
}

export interface Recorded {
  op: string;
  input: Record<string, any>;
}

/** A CognitoCall answering from a handler per call, in order; records every call. */
export function scriptedCall(
  steps: ((op: string, input: Record<string, any>) => ServiceOutput | Promise<ServiceOutput>)[],
): CognitoCall & { calls: Recorded[] } {
  const calls: Recorded[] = [];
  const queue = [...steps];
  const fn = (async (op: string, input: Record<string, unknown>) => {
    calls.push({ op, input: structuredClone(input) as Record<string, any> });
    const next = queue.shift();
    if (!next) throw new Error(`unexpected call ${op}`);
    return next(op, input as Record<string, any>);
  }) as CognitoCall & { calls: Recorded[] };
  fn.calls = calls;
  return fn;
}

export function serviceError(code: string, operation: string, message: string): ServiceError {
  return new ServiceError(code, operation, message);
}

export function tempDir(prefix = "cogctl-auth-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
