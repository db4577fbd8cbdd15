// Runs one API operation: turns parsed flags into the SDK input, calls the service (following
// pagination as the AWS CLI does) and prints the result through the one printer.

import { injectStoredAccessToken, membersSatisfiedBySession } from "../auth/session-injection.js";
import type { Operation } from "../cognito/catalog.js";
import { createCognitoCall } from "../kernel/cognito-call.js";
import type { Context } from "../kernel/context.js";
import { streamsPages } from "../kernel/output/printer.js";
import { mergePages, PageIterator } from "../kernel/paginate.js";
import type { FlagSpec } from "./args/index.js";
import { buildInput, generateSkeleton } from "./args/index.js";

export interface OperationRun {
  op: Operation;
  members: Map<string, FlagSpec>;
  /** commander's parsed options of the operation command. */
  opts: Record<string, unknown>;
}

export async function runOperation({ op, members, opts }: OperationRun, ctx: Context): Promise<number> {
  if (opts.generateCliSkeleton !== undefined) {
    const kind =
      opts.generateCliSkeleton === true
        ? "input"
        : (opts.generateCliSkeleton as "input" | "yaml-input" | "output");
    ctx.io.stdout.write(ensureNewline(generateSkeleton(op, kind)));
    return 0;
  }
  const raw: Record<string, unknown> = {};
  for (const [attr, spec] of members) if (opts[attr] !== undefined) raw[spec.member] = opts[attr];
  // An AccessToken member may come from the stored `cogctl auth login` session instead of a flag.
  const fromSession = membersSatisfiedBySession(op);
  const checked = fromSession.length
    ? { ...op, input: { ...op.input, required: op.input.required.filter((m) => !fromSession.includes(m)) } }
    : op;
  const input = buildInput(checked, raw, {
    json: opts.cliInputJson as string | undefined,
    yaml: opts.cliInputYaml as string | undefined,
  });
  if (fromSession.length) await injectStoredAccessToken(op, input, ctx);

  const call = await createCognitoCall(ctx);
  const send = (request: Record<string, unknown>) => call(op.name, request);

  const { globals, printer } = ctx;
  const pager = op.paginator;
  // As the AWS CLI: a user who passes the paging members by hand is paginating by hand.
  const manual =
    pager &&
    (raw[pager.inputToken] !== undefined ||
      (pager.limitKey !== undefined && raw[pager.limitKey] !== undefined));
  if (!pager || !globals.paginate || manual) {
    printer.result(await send(input), { title: op.name });
    return 0;
  }
  const pages = new PageIterator(send, input, pager, {
    pageSize: globals.pageSize,
    maxItems: globals.maxItems,
    startingToken: globals.startingToken,
  });
  if (streamsPages(globals.output)) {
    // The AWS CLI formats (and queries) each page on its own for these formats, as it arrives.
    for await (const page of pages) printer.page(page, { title: op.name });
    if (pages.resumeToken) printer.page({ NextToken: { NextToken: pages.resumeToken } }, { title: op.name });
  } else {
    printer.result(await mergePages(pages, pager), { title: op.name });
  }
  return 0;
}

function ensureNewline(s: string): string {
  return s.endsWith("\n") ? s : `${s}\n`;
}
