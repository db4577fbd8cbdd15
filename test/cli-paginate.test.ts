// Pagination against a scripted service: botocore's semantics for --page-size, --max-items,
// truncation in the middle of a page, and its token encoding (interchangeable with the AWS CLI's).
import { describe, expect, it } from "vitest";
import {
  decodeToken,
  encodeToken,
  mergePages,
  PageIterator,
  type PaginatorSpec,
} from "../src/kernel/paginate.js";

const spec: PaginatorSpec = {
  inputToken: "PaginationToken",
  outputToken: "PaginationToken",
  limitKey: "Limit",
  resultKeys: ["Users"],
};
const USERS = Array.from({ length: 7 }, (_, i) => ({ Username: `u${i}` }));

/** A fake ListUsers: pages of `Limit` (default 3), token = index of the next item. */
function service() {
  const calls: Record<string, unknown>[] = [];
  const send = async (input: Record<string, unknown>) => {
    calls.push(input);
    const start = Number(input.PaginationToken ?? 0);
    const size = Number(input.Limit ?? 3);
    const page = USERS.slice(start, start + size);
    const next = start + size < USERS.length ? String(start + size) : undefined;
    return { Users: page, ...(next ? { PaginationToken: next } : {}), Extra: "kept" };
  };
  return { send, calls };
}

type Send = ConstructorParameters<typeof PageIterator>[0];
const paginate = (
  send: Send,
  input: Record<string, unknown>,
  opts: ConstructorParameters<typeof PageIterator>[3],
) => new PageIterator(send, input, spec, opts);
const collect = async (pages: PageIterator) => {
  const out: Record<string, unknown>[] = [];
  for await (const page of pages) out.push(page);
  return out;
};

const names = (r: Record<string, unknown>) => (r.Users as { Username: string }[]).map((u) => u.Username);

describe("paginate", () => {
  it("follows every page and merges results, dropping the service token", async () => {
    const { send, calls } = service();
    const merged = await mergePages(paginate(send, { UserPoolId: "p" }, {}), spec);
    expect(names(merged)).toEqual(USERS.map((u) => u.Username));
    expect(merged.PaginationToken).toBeUndefined();
    expect(merged.NextToken).toBeUndefined();
    expect(merged.Extra).toBe("kept");
    expect(Object.keys(merged)).toEqual(["Users", "Extra"]); // result keys first, as botocore builds it
    expect(calls).toHaveLength(3);
  });

  it("asks for --page-size items a call", async () => {
    const { send, calls } = service();
    await collect(paginate(send, {}, { pageSize: 2 }));
    expect(calls.map((c) => c.Limit)).toEqual([2, 2, 2, 2]);
  });

  it("truncates mid-page and resumes exactly where it stopped", async () => {
    const { send } = service();
    const merged = await mergePages(paginate(send, {}, { maxItems: 4 }), spec);
    expect(names(merged)).toEqual(["u0", "u1", "u2", "u3"]);
    // The token points at the page holding u3, with one item of it already returned.
    expect(decodeToken(spec, merged.NextToken as string)).toEqual({ serviceToken: "3", truncate: 1 });
    const second = await mergePages(
      paginate(send, {}, { maxItems: 2, startingToken: merged.NextToken as string }),
      spec,
    );
    expect(names(second)).toEqual(["u4", "u5"]);
    const rest = await mergePages(paginate(send, {}, { startingToken: second.NextToken as string }), spec);
    expect(names(rest)).toEqual(["u6"]);
    expect(rest.NextToken).toBeUndefined();
  });

  it("on a page boundary, resumes from the service's own next token", async () => {
    const { send } = service();
    const result = paginate(send, {}, { maxItems: 3 });
    await collect(result);
    expect(decodeToken(spec, result.resumeToken as string)).toEqual({ serviceToken: "3", truncate: 0 });
  });

  it("gives text/yaml-stream pages with the other keys on the first page only", async () => {
    const { send } = service();
    const pages = await collect(paginate(send, {}, {}));
    expect(pages).toHaveLength(3);
    expect(pages[0].Extra).toBe("kept");
    expect(pages[1]).toEqual({ Users: [{ Username: "u3" }, { Username: "u4" }, { Username: "u5" }] });
  });

  it("fetches a page only when the consumer asks for it (nothing is read ahead or kept)", async () => {
    const { send, calls } = service();
    const iterator = paginate(send, {}, {})[Symbol.asyncIterator]();
    expect(calls).toHaveLength(0);
    const first = await iterator.next();
    expect(names(first.value as Record<string, unknown>)).toEqual(["u0", "u1", "u2"]);
    expect(calls).toHaveLength(1);
    await iterator.next();
    expect(calls).toHaveLength(2);
    await iterator.return?.(undefined);
    expect(calls).toHaveLength(2);
  });

  it("stops instead of looping when the service repeats a token", async () => {
    const send = async () => ({ Users: [{ Username: "x" }], PaginationToken: "same" });
    await expect(collect(paginate(send, {}, {}))).rejects.toThrow(/same pagination token twice/);
  });
});

describe("tokens", () => {
  it("encodes as botocore does: base64 of Python-spaced JSON", () => {
    const token = encodeToken(spec, "abc", 2);
    expect(Buffer.from(token, "base64").toString()).toBe(
      '{"PaginationToken": "abc", "boto_truncate_amount": 2}',
    );
    expect(Buffer.from(encodeToken(spec, undefined, 1), "base64").toString()).toBe(
      '{"PaginationToken": null, "boto_truncate_amount": 1}',
    );
  });

  it("accepts the service's raw token too, and refuses an empty one", () => {
    expect(decodeToken(spec, "raw-service-token")).toEqual({
      serviceToken: "raw-service-token",
      truncate: 0,
    });
    expect(() => decodeToken(spec, " ")).toThrow(/--starting-token is empty/);
  });
});
