// The AWS CLI's shorthand syntax (awscli/shorthand.py), so `--user-attributes Name=email,Value=a@b.c`
// works as it does with `aws`. Hand-written: no maintained npm package implements this grammar.
//
//   parameter    = keyval *("," keyval)
//   keyval       = key "=" [values]
//   values       = explicit-list / hash-literal / csv-value
//   csv-value    = first-value *("," second-value)        a=b,c → {a: ["b", "c"]} (not inside {})
//   explicit-list= "[" [value *("," value)] "]"           a=[b,c]
//   hash-literal = "{" keyval *("," keyval) "}"           a={b=1,c=2}
//
// Values are strings (the caller types them against the model). Quoted values ('…' or "…") may hold
// any character, with \" \' \\ escapes; unquoted values may hold "\," for a comma. A first value may
// contain "=" (base64 padding, URLs); a following csv value may not, because "x=" starts a new key.

export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };

export class ShorthandSyntaxError extends Error {
  constructor(
    readonly input: string,
    readonly index: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const KEY = /[A-Za-z0-9_\-.#/:@$+*]+/y;
const WS = /\s*/y;

type Ctx = "top" | "hash" | "list";

export class ShorthandParser {
  private s = "";
  private i = 0;

  parse(input: string): { [key: string]: ShorthandValue } {
    this.s = input;
    this.i = 0;
    const out = this.keyvals("top");
    if (this.i < this.s.length) this.fail("','");
    return out;
  }

  private keyvals(ctx: Ctx): { [key: string]: ShorthandValue } {
    // A Map, not `params[key] = value`: a key the user typed (`__proto__=x`) must stay a key.
    const params = new Map<string, ShorthandValue>();
    for (;;) {
      this.ws();
      const keyAt = this.i;
      const key = this.key();
      this.ws();
      this.expect("=");
      this.ws();
      const value = this.values(ctx);
      if (params.has(key)) {
        throw new ShorthandSyntaxError(
          this.s,
          keyAt,
          `Second instance of key "${key}"; this is often because there is a "," instead of a space between list items`,
        );
      }
      params.set(key, value);
      this.ws();
      if (this.peek() !== ",") return Object.fromEntries(params);
      this.i++;
    }
  }

  private key(): string {
    KEY.lastIndex = this.i;
    const m = KEY.exec(this.s);
    if (!m) this.fail("a key");
    this.i += m[0].length;
    return m[0];
  }

  private values(ctx: Ctx): ShorthandValue {
    const c = this.peek();
    if (c === undefined) return "";
    if (c === "[") return this.explicitList();
    if (c === "{") return this.hashLiteral();
    // Inside braces a value is a single scalar (A={B=x,y} is an error, as in the AWS CLI).
    return ctx === "hash" ? this.scalar(ctx, true) : this.csvValue(ctx);
  }

  private csvValue(ctx: Ctx): ShorthandValue {
    const first = this.scalar(ctx, true);
    const list = [first];
    for (;;) {
      const save = this.i;
      this.ws();
      if (this.peek() !== ",") {
        this.i = save;
        break;
      }
      this.i++;
      this.ws();
      const c = this.peek();
      // After a comma: another bare value, unless it is the next "key=" (then back up to the comma).
      if (c === undefined || c === "," || (ctx === "hash" && c === "}")) {
        this.i = save;
        break;
      }
      const valueAt = this.i;
      const value = this.scalar(ctx, false);
      const afterValue = this.i;
      this.ws();
      if (this.peek() === "=" || this.i === valueAt) {
        this.i = save;
        break;
      }
      this.i = afterValue;
      list.push(value);
    }
    return list.length === 1 ? first : list;
  }

  private explicitList(): ShorthandValue[] {
    this.expect("[");
    const out: ShorthandValue[] = [];
    this.ws();
    if (this.peek() === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === "[") out.push(this.explicitList());
      else if (c === "{") out.push(this.hashLiteral());
      else out.push(this.scalar("list", true));
      this.ws();
      if (this.peek() === ",") {
        this.i++;
        continue;
      }
      this.expect("]");
      return out;
    }
  }

  private hashLiteral(): { [key: string]: ShorthandValue } {
    this.expect("{");
    this.ws();
    if (this.peek() === "}") {
      this.i++;
      return {};
    }
    const out = this.keyvals("hash");
    this.ws();
    this.expect("}");
    return out;
  }

  /** A quoted or bare value. A bare first value may contain "="; stops at "," and the closer of ctx. */
  private scalar(ctx: Ctx, first: boolean): string {
    const c = this.peek();
    if (c === '"' || c === "'") return this.quoted(c);
    let out = "";
    const start = this.i;
    while (this.i < this.s.length) {
      const ch = this.s[this.i]!;
      if (ch === "\\" && this.s[this.i + 1] === ",") {
        out += ",";
        this.i += 2;
        continue;
      }
      if (ch === ",") break;
      if (ctx === "hash" && ch === "}") break;
      if (ctx === "list" && ch === "]") break;
      if (!first && ch === "=") break;
      if (ch === '"' || ch === "'") this.fail("a value without quotes in the middle (quote the whole value)");
      out += ch;
      this.i++;
    }
    if (this.i === start && ctx !== "top") this.fail("a value");
    // Trailing blanks belong to the separator, as in the AWS CLI.
    return out.trimEnd();
  }

  private quoted(q: string): string {
    const start = this.i;
    this.i++;
    let out = "";
    while (this.i < this.s.length) {
      const ch = this.s[this.i]!;
      if (ch === "\\" && (this.s[this.i + 1] === q || this.s[this.i + 1] === "\\")) {
        out += this.s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (ch === q) {
        this.i++;
        return out;
      }
      out += ch;
      this.i++;
    }
    throw new ShorthandSyntaxError(
      this.s,
      start,
      `Unterminated ${q === '"' ? "double" : "single"}-quoted value`,
    );
  }

  private peek(): string | undefined {
    return this.s[this.i];
  }

  private ws(): void {
    WS.lastIndex = this.i;
    WS.exec(this.s);
    this.i = WS.lastIndex;
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`'${ch}'`);
    this.i++;
  }

  private fail(expected: string): never {
    const actual = this.i < this.s.length ? `'${this.s[this.i]}'` : "end of input";
    throw new ShorthandSyntaxError(this.s, this.i, `Expected: ${expected}, received: ${actual}`);
  }
}

export function parseShorthand(input: string): { [key: string]: ShorthandValue } {
  return new ShorthandParser().parse(input);
}
