// Auto-pagination with the AWS CLI's semantics (botocore's PageIterator): follow the service's
// token, --page-size sets the page limit, --max-items truncates and yields a NextToken that
// --starting-token resumes from. Tokens use botocore's encoding (base64 of a JSON object holding
// the service token and `boto_truncate_amount`), so tokens from `aws` and cogctl are interchangeable.
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

export interface PaginationResult {
  /** The pages as the service returned them, the first and last possibly truncated. */
  pages: Page[];
  /** Keys other than results and tokens, from the first page (as botocore keeps them). */
  nonAggregate: Page;
  /** Set when --max-items stopped before the end. */
  resumeToken?: string;
}

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

export async function paginate(
  send: Send,
  input: Record<string, unknown>,
  spec: PaginatorSpec,
  opts: PageOptions,
): Promise<PaginationResult> {
  const primary = spec.resultKeys[0];
  const start = opts.startingToken
    ? decodeToken(spec, opts.startingToken)
    : { serviceToken: undefined, truncate: 0 };
  let token = start.serviceToken;
  let skip = start.truncate;
  const pages: Page[] = [];
  const nonAggregate: Page = {};
  let total = 0;
  let resumeToken: string | undefined;
  const seenTokens = new Set<string>();

  for (;;) {
    const request = { ...input };
    if (token !== undefined) request[spec.inputToken] = token;
    if (opts.pageSize !== undefined && spec.limitKey) request[spec.limitKey] = opts.pageSize;
    const page = { ...(await send(request)) };
    const next = page[spec.outputToken] as string | undefined;

    if (pages.length === 0) {
      for (const [k, v] of Object.entries(page)) {
        if (!spec.resultKeys.includes(k) && k !== spec.outputToken && k !== "$metadata") nonAggregate[k] = v;
      }
      if (skip > 0) for (const key of spec.resultKeys) page[key] = resultList(page, key).slice(skip);
    }
    const items = primary ? resultList(page, primary) : [];
    const over = opts.maxItems !== undefined ? total + items.length - opts.maxItems : 0;
    if (over > 0) {
      const keep = items.length - over;
      for (const key of spec.resultKeys) page[key] = resultList(page, key).slice(0, keep);
      pages.push(page);
      // Resume on this same page, skipping what was already returned from it.
      resumeToken = encodeToken(spec, token, keep + (pages.length === 1 ? skip : 0));
      break;
    }
    pages.push(page);
    total += items.length;
    if (next === undefined || next === null || next === "") break;
    if (opts.maxItems !== undefined && total === opts.maxItems) {
      resumeToken = encodeToken(spec, next, 0);
      break;
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
  for (const page of pages) delete page[spec.outputToken];
  return { pages, nonAggregate, resumeToken };
}

/**
 * The single result the AWS CLI prints for json/yaml/table (botocore's build_full_result): the
 * result keys that any page had, merged, then the first page's other keys, then NextToken if truncated.
 */
export function mergePages(result: PaginationResult, spec: PaginatorSpec): Page {
  const merged: Page = {};
  for (const key of spec.resultKeys) {
    if (result.pages.some((p) => key in p)) merged[key] = result.pages.flatMap((p) => resultList(p, key));
  }
  for (const [k, v] of Object.entries(result.nonAggregate)) if (!(k in merged)) merged[k] = v;
  if (result.resumeToken) merged.NextToken = result.resumeToken;
  return merged;
}

/** Pages as the AWS CLI's text and yaml-stream formatters see them: non-aggregate keys on the first only. */
export function pagesForStreaming(result: PaginationResult, spec: PaginatorSpec): Page[] {
  const out = result.pages.map((page, i) => {
    const current: Page = i === 0 ? { ...result.nonAggregate } : {};
    for (const key of spec.resultKeys) current[key] = resultList(page, key);
    return current;
  });
  return out;
}
