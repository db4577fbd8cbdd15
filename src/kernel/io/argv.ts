// Node decodes the command line as UTF-8 and turns bytes that are not UTF-8 into U+FFFD without a
// word, so `--username $'\xff'` would create a user named "\uFFFD". Linux keeps the bytes as they
// were passed in /proc/self/cmdline: an argument is refused when its raw bytes are not UTF-8.
// Where those bytes cannot be had (another OS, or arguments that are not this process's own, as
// when tests call main() in process), an argument holding U+FFFD is refused instead: the
// replacement character is what a decoding loss looks like, and no Cognito value needs it.
import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";

function rawArguments(): Buffer[] | undefined {
  let cmdline: Buffer;
  try {
    cmdline = readFileSync("/proc/self/cmdline");
  } catch {
    return undefined;
  }
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < cmdline.length; i++) {
    if (cmdline[i] === 0) {
      parts.push(cmdline.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

/** The indexes in args of the arguments that were not UTF-8 text on the command line. */
export function argumentsNotUtf8(args: readonly string[]): number[] {
  const suspects = args.flatMap((arg, i) => (arg.includes("\uFFFD") ? [i] : []));
  if (suspects.length === 0) return [];
  const raw = rawArguments();
  // The process's argv ends with args (node and its options come first).
  const tail = raw && raw.length >= args.length ? raw.slice(raw.length - args.length) : undefined;
  if (tail?.every((bytes, i) => bytes.toString("utf8") === args[i])) {
    return suspects.filter((i) => !isUtf8(tail[i]!));
  }
  return suspects;
}
