// The shared reader of users import files (src/cognito/csv/): each rule of COGNITO-FACTS §8/§8b at
// its line and column, fatal problems as CsvFileError, chunking that cannot move a position.
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import {
  CompactKeySet,
  CsvFileError,
  type CsvProblem,
  exampleRow,
  ImportFileParser,
  type ImportPool,
  importPoolFrom,
  openImportFile,
} from "../src/cognito/csv/index.js";
import { MAX_USERNAME, RowRules } from "../src/cognito/csv/rules.js";
import { inputModel } from "../src/local/model/input-model.js";
import { csvHeader } from "../src/local/services/csv-header.js";
import { buildSchema } from "../src/local/services/schema.js";
import { splitRow } from "../src/local/services/user-import.js";

function poolOf(extra: Partial<UserPoolType> = {}, schema = buildSchema([])): ImportPool {
  const describe: UserPoolType = {
    Id: "us-east-1_test",
    MfaConfiguration: "OFF",
    AutoVerifiedAttributes: ["email"],
    SchemaAttributes: schema,
    ...extra,
  };
  return importPoolFrom(describe, csvHeader({ data: describe } as never));
}

const POOL = poolOf();
const HEADER = POOL.header;

/** One line in POOL's header order; unnamed columns empty; a valid user by default. */
function line(values: Record<string, string>, header = HEADER): string {
  const v: Record<string, string> = {
    "cognito:username": "alice",
    "cognito:mfa_enabled": "false",
    email: "alice@example.com",
    email_verified: "true",
    ...values,
  };
  return header.map((h) => v[h] ?? "").join(",");
}

/** The column at which a header column's value starts on a line (1-based characters). */
function columnOf(text: string, name: string, header = HEADER): number {
  const index = header.indexOf(name);
  let pos = 0;
  for (let i = 0; i < index; i++) {
    for (;;) {
      const c = text.indexOf(",", pos);
      pos = c + 1;
      if (text[c - 1] !== "\\") break;
    }
  }
  return [...text.slice(0, pos)].length + 1;
}

async function read(text: string | Buffer, pool = POOL, chunk = 0) {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const chunks =
    chunk > 0
      ? Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) =>
          bytes.subarray(i * chunk, (i + 1) * chunk),
        )
      : [bytes];
  const file = await openImportFile(Readable.from(chunks), pool);
  const rows = [];
  for await (const row of file.rows()) rows.push(row);
  return { file, rows, problems: rows.flatMap((r) => r.problems) };
}

async function fatal(text: string | Buffer, pool = POOL): Promise<CsvFileError> {
  const err = await read(text, pool).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CsvFileError);
  return err as CsvFileError;
}

const where = (p: CsvProblem) => `${p.line}:${p.column ?? ""}:${p.field ?? ""}:${p.kind}`;

describe("users import file reader", () => {
  it("yields every row in order with its line, values trimmed and \\, restored", async () => {
    const text = `${HEADER.join(",")}\n${line({ "cognito:username": " bob ", address: "1 Main St\\, Apt 2" })}\r\n\n${line({ "cognito:username": "carol", email: "carol@example.com" })}`;
    const { rows, file } = await read(text);
    expect(rows.map((r) => [r.line, r.index, r.values["cognito:username"]])).toEqual([
      [2, 0, "bob"],
      [4, 1, "carol"],
    ]);
    expect(rows[0].values.address).toBe("1 Main St, Apt 2");
    expect(rows[0].raw).toBe(line({ "cognito:username": " bob ", address: "1 Main St\\, Apt 2" }));
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
    expect(file.stats).toMatchObject({ lines: 4, rows: 2, invalidRows: 0 });
  });

  it("puts each value problem at its line, column (characters, not bytes) and field, with a fix", async () => {
    const cases: Array<[Record<string, string>, string, CsvProblem["kind"], RegExp]> = [
      [{ email: "bob@" }, "email", "email", /^"bob@" is not an email address$/],
      [{ phone_number: "+1 206 555 0100" }, "phone_number", "phone", /not an E\.164 phone number/],
      [{ email_verified: "yes" }, "email_verified", "boolean", /"yes" is not true or false/],
      [{ birthdate: "1990-04-23" }, "birthdate", "date", /not a date in mm\/dd\/yyyy/],
      [{ birthdate: "02/30/1990" }, "birthdate", "date", /not a real date/],
      [{ updated_at: "2024-01-01" }, "updated_at", "number", /epoch seconds/],
      [{ "cognito:mfa_enabled": "" }, "cognito:mfa_enabled", "mfa", /empty/],
      [{ "cognito:mfa_enabled": "TRUE" }, "cognito:mfa_enabled", "mfa", /pool has MFA off/],
      [{ "cognito:username": "" }, "cognito:username", "username", /empty/],
      [{ "cognito:username": "bob smith" }, "cognito:username", "username", /whitespace/],
      [{ "cognito:username": "bob\u0000" }, "cognito:username", "username", /control/],
      [
        { "cognito:username": "x".repeat(MAX_USERNAME + 1) },
        "cognito:username",
        "username",
        /129 characters/,
      ],
      [
        { email_verified: "false" },
        "email_verified",
        "auto-verified",
        /no auto-verified attribute \(email\)/,
      ],
      [
        { email: "", email_verified: "true" },
        "email_verified",
        "verified",
        /email_verified is true, but email is empty/,
      ],
      [{ name: "é".repeat(2049) }, "name", "length", /2049 characters, more than 2048/],
    ];
    for (const [values, field, kind, message] of cases) {
      const row = line({ given_name: "Zoë 😀", ...values });
      const { problems } = await read(`${HEADER.join(",")}\n${row}\n`);
      const p = problems.find((x) => x.kind === kind);
      expect(p, `${JSON.stringify(values)} → ${JSON.stringify(problems)}`).toBeDefined();
      expect(where(p as CsvProblem)).toBe(`2:${columnOf(row, field)}:${field}:${kind}`);
      expect(p?.message).toMatch(message);
      expect(p?.fix.length).toBeGreaterThan(10);
    }
  });

  it("accepts booleans in any case, real dates, epoch seconds and full rows", async () => {
    const row = line({
      email_verified: "TRUE",
      phone_number: "+12065550100",
      phone_number_verified: "False",
      birthdate: "02/29/2000",
      updated_at: "1700000000",
    });
    expect((await read(`${HEADER.join(",")}\n${row}\n`)).problems).toEqual([]);
  });

  it("follows the pool: MFA on, auto-verified phone, required attributes, custom attribute types and bounds", async () => {
    const schema = buildSchema([
      { Name: "email", Required: true },
      {
        Name: "tier",
        AttributeDataType: "String",
        StringAttributeConstraints: { MinLength: "2", MaxLength: "5" },
      },
      {
        Name: "age",
        AttributeDataType: "Number",
        NumberAttributeConstraints: { MinValue: "18", MaxValue: "120" },
      },
      { Name: "vip", AttributeDataType: "Boolean" },
    ]);
    const pool = poolOf({ MfaConfiguration: "ON", AutoVerifiedAttributes: ["phone_number"] }, schema);
    const ok = {
      "cognito:mfa_enabled": "true",
      phone_number: "+12065550100",
      phone_number_verified: "true",
      email_verified: "false",
    };
    const text = [
      pool.header.join(","),
      line({ ...ok, "custom:tier": "gold", "custom:age": "40", "custom:vip": "true" }, pool.header),
      line(
        { ...ok, "cognito:username": "b", "cognito:mfa_enabled": "false", phone_number: "+12065550101" },
        pool.header,
      ),
      line(
        { ...ok, "cognito:username": "c", phone_number_verified: "false", phone_number: "+12065550102" },
        pool.header,
      ),
      line({ ...ok, "cognito:username": "d", email: "", phone_number: "+12065550103" }, pool.header),
      line(
        { ...ok, "cognito:username": "e", "custom:tier": "platinum", phone_number: "+12065550104" },
        pool.header,
      ),
      line({ ...ok, "cognito:username": "f", "custom:age": "17", phone_number: "+12065550105" }, pool.header),
      line(
        { ...ok, "cognito:username": "g", "custom:age": "forty", phone_number: "+12065550106" },
        pool.header,
      ),
      line({ ...ok, "cognito:username": "h", "custom:vip": "1", phone_number: "+12065550107" }, pool.header),
    ].join("\n");
    const { rows } = await read(text, pool);
    const got = rows.map((r) => r.problems.map((p) => `${p.field}:${p.kind}`).join(" "));
    expect(got).toEqual([
      "",
      "cognito:mfa_enabled:mfa",
      "phone_number_verified:auto-verified",
      "email:required",
      "custom:tier:length",
      "custom:age:range",
      "custom:age:number",
      "custom:vip:boolean",
    ]);
    expect(rows[1].problems[0].message).toMatch(/the pool requires MFA/);
  });

  it("finds repeated usernames (ignoring case when the pool does) and sign-in emails and phone numbers", async () => {
    const rowsOf = (pool: ImportPool, lines: Record<string, string>[]) =>
      read([pool.header.join(","), ...lines.map((v) => line(v, pool.header))].join("\n"), pool).then((r) =>
        r.rows.map((x) => x.problems.map(where).join(" ")),
      );
    const insensitive = poolOf({ UsernameConfiguration: { CaseSensitive: false } });
    const users = [
      { "cognito:username": "Bob", email: "b1@example.com" },
      { "cognito:username": "bob", email: "b2@example.com" },
    ];
    const col = columnOf(line(users[1]), "cognito:username");
    expect(await rowsOf(insensitive, users)).toEqual(["", `3:${col}:cognito:username:duplicate`]);
    expect(await rowsOf(POOL, users)).toEqual(["", ""]);

    const byEmail = poolOf({ UsernameAttributes: ["email"] });
    const same = [
      { "cognito:username": "a", email: "Sam@example.com" },
      { "cognito:username": "b", email: "sam@EXAMPLE.com" },
    ];
    expect((await rowsOf(byEmail, same))[1]).toBe(`3:${columnOf(line(same[1]), "email")}:email:duplicate`);
    expect(await rowsOf(POOL, same)).toEqual(["", ""]); // email neither alias nor username: may repeat

    const alias = poolOf({ AliasAttributes: ["phone_number"], AutoVerifiedAttributes: ["email"] });
    const phones = [
      {
        "cognito:username": "a",
        email: "a@x.io",
        phone_number: "+12065550100",
        phone_number_verified: "true",
      },
      {
        "cognito:username": "b",
        email: "b@x.io",
        phone_number: "+12065550100",
        phone_number_verified: "false",
      },
      {
        "cognito:username": "c",
        email: "c@x.io",
        phone_number: "+12065550100",
        phone_number_verified: "true",
      },
    ];
    const r = await rowsOf(alias, phones);
    expect(r[1]).toBe(""); // an unverified alias may repeat
    expect(r[2]).toMatch(/^4:\d+:phone_number:duplicate$/);
  });

  it("splits an import job's row on commas that are not \\, (the endpoint's reader), trimmed", () => {
    expect(splitRow(" a , b,c ")).toEqual(["a", "b", "c"]);
    expect(splitRow("Smith\\, Jr.,x")).toEqual(["Smith, Jr.", "x"]);
    expect(splitRow("back\\slash,y")).toEqual(["back\\slash", "y"]);
    expect(splitRow("")).toEqual([""]);
    expect(splitRow(",,")).toEqual(["", "", ""]);
  });

  it("checks no uniqueness when told (the endpoint's job, where the store decides repeats)", () => {
    const pool = poolOf({ AliasAttributes: ["email"] });
    const values = (name: string) =>
      pool.header.map((c) =>
        c === "cognito:username"
          ? name
          : c === "cognito:mfa_enabled"
            ? "false"
            : c === "email"
              ? "same@example.com"
              : c === "email_verified"
                ? "true"
                : "",
      );
    const kinds = (rules: RowRules) =>
      [values("alice"), values("alice")].map((v, i) => rules.check(v, i + 2).map((p) => p.kind));
    expect(kinds(new RowRules(pool, pool.header))).toEqual([[], ["duplicate", "duplicate"]]);
    expect(kinds(new RowRules(pool, pool.header, { uniqueness: false }))).toEqual([[], []]);
  });

  it("explains quoted values, and columns that do not line up, without checking misplaced values", async () => {
    const quoted = line({ name: '"Smith, John"' });
    const { rows } = await read(
      `${HEADER.join(",")}\n${quoted}\n${line({ name: '"Smith"' })}\n${line({})},extra\n${line({}).slice(0, 30)}\n`,
    );
    expect(rows[0].problems.map(where)).toEqual([`2:${columnOf(quoted, "name")}:name:quoting`]);
    expect(rows[0].problems[0].message).toMatch(
      /holds a comma inside quotes, but Cognito has no quoting: it reads 2 columns/,
    );
    expect(rows[0].problems[0].fix).toMatch(/--fix-escaping/);
    expect(rows[1].problems.map((p) => p.kind)).toEqual(["quoting"]);
    expect(rows[2].problems.map(where)).toEqual([`4:${line({}).length + 2}::columns`]);
    expect(rows[2].problems[0].message).toBe(
      `the row has ${HEADER.length + 1} columns, the header ${HEADER.length}`,
    );
    expect(rows[3].problems.map(where)).toEqual(["5:31::columns"]);
  });

  it("reports bytes that are not UTF-8 at their line and character column, and rows over 16,000 characters", async () => {
    const before = Buffer.from(`${HEADER.join(",")}\n${line({})}\nZoë,`, "utf8");
    const bad = Buffer.concat([
      before,
      Buffer.from([0xff]),
      Buffer.from(`${line({ "cognito:username": "b" }).slice(1)}\n`),
    ]);
    const { rows } = await read(bad);
    expect(rows[1].problems.map(where)).toEqual(["3:5::encoding"]);
    const long = line({ address: "x".repeat(16_001) });
    const r = await read(`${HEADER.join(",")}\n${long}\n`);
    expect(r.problems.map((p) => `${p.kind}@${p.column}`)).toEqual([
      "row-length@16001",
      `length@${columnOf(long, "address")}`,
    ]);
  });

  it("refuses unusable files with a CsvFileError: empty, BOM, bad header, CR-only lines, no auto-verified attribute", async () => {
    expect((await fatal("")).problems[0].message).toMatch(/empty/);
    expect((await fatal(`\uFEFF${HEADER.join(",")}\n`)).problems[0].message).toMatch(/byte order mark/);
    const header = [
      ...HEADER.filter((h) => h !== "email"),
      "Email",
      "nickname",
      "color",
      "cogctl:reason",
      "cognito:groups",
    ];
    const err = await fatal(`${header.join(",")}\n`);
    const col = (i: number) => (i === 0 ? 1 : header.slice(0, i).join(",").length + 2);
    expect(err.problems.map((p) => `${p.column}:${p.message}`)).toEqual([
      `${col(header.indexOf("Email"))}:the pool has no column "Email"`,
      `${col(header.lastIndexOf("nickname"))}:the column nickname is in the header twice (also column ${col(header.indexOf("nickname"))})`,
      `${col(header.indexOf("color"))}:the pool has no column "color"`,
      "undefined:the header lacks a column of the pool: email",
    ]);
    expect(err.problems[0].fix).toBe("write it as email");
    expect((await fatal(`${HEADER.join(",")}\r${line({})}\r`.repeat(20_000))).problems[0].message).toMatch(
      /without a line break/,
    );
    expect(
      (await fatal(`${HEADER.join(",")}\n`, poolOf({ AutoVerifiedAttributes: [] }))).problems[0].message,
    ).toMatch(/no auto-verified/);
  });

  it("says once that a first line holding a user's row is no header, and once for empty column names", async () => {
    const noHeader = await fatal(`${line({ "cognito:username": "ann", email: "ann@example.com" })}\n`);
    expect(noHeader.problems).toHaveLength(1);
    expect(noHeader.problems[0].message).toBe(
      `the first line is not a header: none of its ${HEADER.length} values is a column of the pool (it reads like a user's row)`,
    );
    const trailing = await fatal(`${HEADER.join(",")},,,\n`);
    expect(trailing.problems.map((p) => p.message)).toEqual(["the header has an empty column name"]);
    expect(trailing.problems[0].column).toBe(HEADER.join(",").length + 2);
  });

  it("drops the import job's auto-verified rules for the API path (via: api)", async () => {
    const pool = poolOf({ AutoVerifiedAttributes: [] });
    const parser = new ImportFileParser(pool, { via: "api" });
    const rows = parser.push(Buffer.from(`${HEADER.join(",")}\n${line({ email_verified: "false" })}\n`));
    expect(rows.map((r) => r.problems)).toEqual([[]]);
    const job = new ImportFileParser(POOL);
    expect(
      job.push(Buffer.from(`${HEADER.join(",")}\n${line({ email_verified: "false" })}\n`))[0].problems[0]
        .kind,
    ).toBe("auto-verified");
  });

  it("accepts the cognito: extras and cogctl: columns as optional, checking cognito:enabled", async () => {
    const header = [...HEADER, "cognito:groups", "cognito:enabled", "cognito:sub", "cogctl:reason"];
    const text = `${header.join(",")}\n${line({ "cognito:groups": "a;b", "cognito:enabled": "FALSE", "cogctl:reason": "x\\, y" }, header)}\n${line({ "cognito:username": "b", "cognito:enabled": "no" }, header)}\n`;
    const { rows } = await read(text);
    expect(rows[0].problems).toEqual([]);
    expect(rows[0].values["cogctl:reason"]).toBe("x, y");
    expect(rows[1].problems.map((p) => `${p.field}:${p.kind}`)).toEqual(["cognito:enabled:boolean"]);
  });

  it("gives the same rows and positions whatever the chunk size", async () => {
    const text = `${HEADER.join(",")}\r\n${line({ given_name: "Zoë 😀", email: "bob@" })}\r\n${line({ "cognito:username": "b", name: '"a, b"' })}`;
    const whole = await read(text);
    for (const chunk of [1, 2, 3, 7, 64]) {
      const parts = await read(text, POOL, chunk);
      expect(parts.rows).toEqual(whole.rows);
    }
    expect(whole.problems.map((p) => p.kind)).toEqual(["email", "quoting"]);
  });

  it("gives the same rows a chunk at a time (batches), and closes the source when a reader stops early", async () => {
    const text = `${HEADER.join(",")}\n${Array.from({ length: 30 }, (_, i) => line({ "cognito:username": `u${i}` })).join("\n")}\n`;
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 500) }, (_, i) =>
      bytes.subarray(i * 500, (i + 1) * 500),
    );
    const file = await openImportFile(Readable.from(chunks), POOL);
    const batches = [];
    for await (const batch of file.batches()) batches.push(batch);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat().map((r) => r.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    let closed = false;
    async function* source() {
      try {
        for (const c of chunks) yield c;
      } finally {
        closed = true;
      }
    }
    const early = await openImportFile(source(), POOL);
    for await (const row of early.rows()) if (row.index === 3) break;
    expect(closed).toBe(true);
    await expect(early.rows().next()).rejects.toThrow(/read once/);
  });

  it("stops past the row and byte limits (lowered here) unless the caller splits files itself", () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `${line({ "cognito:username": `u${i}` })}\n`).join("");
    const parser = new ImportFileParser(POOL, { limits: { maxUsers: 5 } });
    parser.push(Buffer.from(`${HEADER.join(",")}\n`));
    expect(parser.push(Buffer.from(rows(5)))).toHaveLength(5);
    let thrown: unknown;
    try {
      parser.push(Buffer.from(rows(1)));
    } catch (err) {
      thrown = err;
    }
    expect((thrown as CsvFileError).problems[0]).toMatchObject({ line: 7, fatal: true, kind: "file" });
    expect((thrown as CsvFileError).problems[0].message).toBe(
      "the file has more than 5 users, the most Cognito imports at once",
    );
    const unlimited = new ImportFileParser(POOL, {
      fileLimits: false,
      limits: { maxUsers: 5, maxFileBytes: 100 },
    });
    unlimited.push(Buffer.from(`${HEADER.join(",")}\n${rows(9)}`));
    expect(unlimited.stats.rows).toBe(9);
    // The byte past the limit is on line 4 (header, two rows fit): found whatever the chunking.
    const text = Buffer.from(`${HEADER.join(",")}\n${rows(20)}`);
    const limit = Buffer.byteLength(`${HEADER.join(",")}\n${rows(2)}`) + 10;
    for (const size of [text.length, 100, 7]) {
      const big = new ImportFileParser(POOL, { limits: { maxFileBytes: limit } });
      let err: unknown;
      try {
        for (let i = 0; i < text.length; i += size) big.push(text.subarray(i, i + size));
      } catch (e) {
        err = e;
      }
      expect((err as CsvFileError).problems[0]).toMatchObject({ line: 4, kind: "file" });
      expect((err as CsvFileError).problems[0].message).toBe(
        `the file is over ${limit.toLocaleString("en-US")} bytes, the most Cognito imports at once; this line goes past it`,
      );
    }
  });

  it("reads a file from disk (the corpus) like a stream", async () => {
    const pool = poolOf();
    const text = readFileSync(new URL("./fixtures/csv/mixed-problems.csv", import.meta.url), "utf8");
    const { rows } = await read(text, pool, 5);
    expect(rows.map((r) => r.problems.map((p) => `${p.line}:${p.column}:${p.kind}`).join(" "))).toEqual([
      "",
      "3:15:email",
      "4:7:quoting",
      "5:1:duplicate",
    ]);
  });

  it("writes an example row every kind of pool accepts (users template --example)", async () => {
    const schema = buildSchema([
      { Name: "phone_number", Required: true },
      {
        Name: "code",
        AttributeDataType: "String",
        StringAttributeConstraints: { MinLength: "10", MaxLength: "12" },
      },
      {
        Name: "level",
        AttributeDataType: "Number",
        NumberAttributeConstraints: { MinValue: "5", MaxValue: "9" },
      },
      { Name: "vip", AttributeDataType: "Boolean" },
    ]);
    const pools = [
      POOL,
      poolOf({ MfaConfiguration: "ON", AutoVerifiedAttributes: ["phone_number"] }, schema),
      poolOf({
        MfaConfiguration: "OPTIONAL",
        AutoVerifiedAttributes: ["email", "phone_number"],
        UsernameAttributes: ["email"],
      }),
    ];
    for (const pool of pools) {
      const row = exampleRow(pool);
      const { rows } = await read(`${pool.header.join(",")}\n${row}\n`, pool);
      expect(rows[0].problems, row).toEqual([]);
      expect(rows[0].values.address).toBe("1 Main St, Springfield");
    }
  });

  it("keeps the model's username pattern and length (UsernameType)", () => {
    const shape = (inputModel as unknown as { shapes: Record<string, { p?: string; max?: number }> }).shapes
      .UsernameType;
    expect(shape.max).toBe(MAX_USERNAME);
    expect(shape.p).toBe("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
  });

  it("tells repeated keys from new ones, compactly, across growth", () => {
    const set = new CompactKeySet();
    let repeats = 0;
    for (let i = 1; i <= 50_000; i++) if (set.addOrFind(`user${i}@example.com`, i) !== undefined) repeats++;
    expect(repeats).toBe(0);
    expect(set.addOrFind("user777@example.com", 60_000)).toBe(777);
    expect(set.addOrFind("user50001@example.com", 60_001)).toBeUndefined();
  });
});
