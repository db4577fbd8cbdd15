// Auto-pagination with the AWS CLI's semantics (botocore's PageIterator): follow the service's
// token, --page-size sets the page limit, --max-items truncates and yields a NextToken that
// --starting-token resumes from. Tokens use botocore's encoding (base64 of a JSON object holding
// the service token and `boto_truncate_amount`), so tokens from `aws` and cogctl are interchangeable.
import { loadOperation } from "../cognito/catalog.js";
import { UsageError } from "./errors.js";

export interface PaginatorSpec {
  inputToken: string;
  outputToken: string;
  limitKey?: string;
  resultKeys: string[];
}

export interface PageOptions {
  pageSize?: number;
  maxItems?: number;
  startingToken?: string;
}

export type Page = Record<string, unknown>;
type Send = (input: Record<string, unknown>) => Promise<Page>;

interface DecodedToken {
  serviceToken?: string;
  truncate: number;
}

/** Python's json.dumps spacing, so encoded tokens are byte-identical to the AWS CLI's. */
function pythonJson(obj: Record<string, unknown>): string {
  return `{${Object.entries(obj)
    .map(([k, v]) => `${JSON.stringify(k)}: ${v === undefined ? "null" : JSON.stringify(v)}`)
    .join(", ")}}`;
}

export function encodeToken(spec: PaginatorSpec, serviceToken: string | undefined, truncate: number): string {
  const obj: Record<string, unknown> = { [spec.inputToken]: serviceToken ?? null };
  if (truncate > 0) obj.boto_truncate_amount = truncate;
  return Buffer.from(pythonJson(obj), "utf8").toString("base64");
}

export function decodeToken(spec: PaginatorSpec, token: string): DecodedToken {
  try {
    const text = Buffer.from(token, "base64").toString("utf8");
    const obj = JSON.parse(text) as Record<string, unknown>;
    if (obj && typeof obj === "object" && (spec.inputToken in obj || "boto_truncate_amount" in obj)) {
      const serviceToken = obj[spec.inputToken];
      const truncate = Number(obj.boto_truncate_amount ?? 0);
      if (
        (serviceToken === null || typeof serviceToken === "string") &&
        Number.isInteger(truncate) &&
        truncate >= 0
      ) {
        return { serviceToken: serviceToken ?? undefined, truncate };
      }
    }
  } catch {
    // Not one of our encoded tokens: treat it as the service's own token below.
  }
  if (token.trim() === "")
    throw new UsageError("--starting-token is empty: pass the NextToken printed by an earlier run.");
  return { serviceToken: token, truncate: 0 };
}

function resultList(page: Page, key: string): unknown[] {
  const v = page[key];
  return Array.isArray(v) ? v : [];
}

/**
 * The pages of one paginated call, fetched as they are consumed (`for await`): no page is kept once
 * the consumer has it, so a listing of any size streams in constant memory. Each page comes in the
 * shape the AWS CLI's streaming formatters see: the result keys, plus the first page's other keys
 * (botocore's non-aggregate keys) on the first page only; the service token is removed. After the
 * loop, `resumeToken` is set when --max-items stopped before the end.
 */
export class PageIterator implements AsyncIterable<Page> {
  /** Set when --max-items stopped before the end: the NextToken that --starting-token resumes from. */
  resumeToken?: string;
  /** Keys other than results and tokens, from the first page (as botocore keeps them). */
  readonly nonAggregate: Page = {};
  /** The result keys that any page actually had (botocore merges only those). */
  readonly presentResultKeys = new Set<string>();

  constructor(
    private readonly send: Send,
    private readonly input: Record<string, unknown>,
    private readonly spec: PaginatorSpec,
    private readonly opts: PageOptions,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Page> {
    const { spec, opts } = this;
    const primary = spec.resultKeys[0];
    const start = opts.startingToken
      ? decodeToken(spec, opts.startingToken)
      : { serviceToken: undefined, truncate: 0 };
    let token = start.serviceToken;
    let skip = start.truncate;
    let total = 0;
    let first = true;
    const seenTokens = new Set<string>();

    for (;;) {
      const request = { ...this.input };
      if (token !== undefined) request[spec.inputToken] = token;
      if (opts.pageSize !== undefined && spec.limitKey) request[spec.limitKey] = opts.pageSize;
      const response = await this.send(request);
      const next = response[spec.outputToken] as string | undefined;
      const lists = new Map(spec.resultKeys.map((key) => [key, resultList(response, key)]));
      for (const key of spec.resultKeys) if (Object.hasOwn(response, key)) this.presentResultKeys.add(key);

      if (first) {
        for (const [k, v] of Object.entries(response)) {
          if (!spec.resultKeys.includes(k) && k !== spec.outputToken && k !== "$metadata")
            this.nonAggregate[k] = v;
        }
        if (skip > 0) for (const [key, list] of lists) lists.set(key, list.slice(skip));
      }
      const items = primary ? (lists.get(primary) ?? []) : [];
      const over = opts.maxItems !== undefined ? total + items.length - opts.maxItems : 0;
      const keep = items.length - over;
      if (over > 0) for (const [key, list] of lists) lists.set(key, list.slice(0, keep));

      const page: Page = first ? { ...this.nonAggregate } : {};
      for (const [key, list] of lists) page[key] = list;
      const wasFirst = first;
      first = false;
      yield page;

      if (over > 0) {
        // Resume on this same page, skipping what was already returned from it.
        this.resumeToken = encodeToken(spec, token, keep + (wasFirst ? skip : 0));
        return;
      }
      total += items.length;
      if (next === undefined || next === null || next === "") return;
      if (opts.maxItems !== undefined && total === opts.maxItems) {
        this.resumeToken = encodeToken(spec, next, 0);
        return;
      }
      // A service that hands back the same token forever would loop; botocore stops with an error too.
      if (seenTokens.has(next))
        throw new Error(
          `The service returned the same pagination token twice (${spec.outputToken}); stopping.`,
        );
      seenTokens.add(next);
      token = next;
      skip = 0;
    }
  }
}

/**
 * The single result the AWS CLI prints for json/yaml/table (botocore's build_full_result): the
 * result keys that any page had, merged, then the first page's other keys, then NextToken if
 * truncated. Only the items are kept while the pages stream by, never the pages themselves.
 */
export async function mergePages(pages: PageIterator, spec: PaginatorSpec): Promise<Page> {
  const items = new Map<string, unknown[]>(spec.resultKeys.map((key) => [key, []]));
  for await (const page of pages)
    for (const key of spec.resultKeys) items.get(key)!.push(...resultList(page, key));
  const merged: Page = {};
  for (const key of spec.resultKeys) if (pages.presentResultKeys.has(key)) merged[key] = items.get(key);
  for (const [k, v] of Object.entries(pages.nonAggregate)) if (!(k in merged)) merged[k] = v;
  if (pages.resumeToken) merged.NextToken = pages.resumeToken;
  return merged;
}

/**
 * The pages of an operation the catalog knows a paginator for (task commands: `list-users`,
 * `list-groups` ...), through the same PageIterator as the generated commands, so there is one
 * pagination mechanism. `pageSize` sets the model's limit member (Cognito's maxima are 60).
 */
export function operationPages(
  call: (operation: string, input: Record<string, unknown>) => Promise<Page>,
  cliName: string,
  input: Record<string, unknown>,
  opts: PageOptions = {},
): PageIterator {
  const op = loadOperation(cliName);
  if (!op?.paginator) throw new Error(`the catalog has no paginator for ${cliName}`);
  const { name, paginator } = op;
  return new PageIterator((request) => call(name, request), input, paginator, opts);
}
