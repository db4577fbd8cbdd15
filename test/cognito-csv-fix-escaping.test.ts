// --fix-escaping's rewrite (src/cognito/csv/fix-escaping.ts): RFC 4180 quoting into Cognito's `\,`,
// everything else byte for byte, whatever the chunking.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fixEscaping, fixLine } from "../src/cognito/csv/fix-escaping.js";

const fixed = (s: string) => fixLine(Buffer.from(s)).line.toString("utf8");

async function fixAll(bytes: Buffer, chunk = 0) {
  const chunks =
    chunk > 0
      ? Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) =>
          bytes.subarray(i * chunk, (i + 1) * chunk),
        )
      : [bytes];
  const stats = { lines: 0, changedLines: 0, values: 0, bomRemoved: false };
  const out: Buffer[] = [];
  for await (const b of fixEscaping(Readable.from(chunks), stats)) out.push(b);
  return { text: Buffer.concat(out), stats };
}

describe("--fix-escaping", () => {
  it("unquotes values, escapes their commas and undoubles their quotes", () => {
    expect(fixed('a,"Smith, John",c')).toBe("a,Smith\\, John,c");
    expect(fixed('"x",  "y, z" ,w')).toBe("x,y\\, z ,w");
    expect(fixed('a,"say ""hi"", bob",c')).toBe('a,say "hi"\\, bob,c');
    expect(fixed('"a\\,b, c"')).toBe("a\\,b\\, c");
    expect(fixed('"",b')).toBe(",b");
    expect(fixed('a,b,"c, d"')).toBe("a,b,c\\, d");
  });

  it("copies lines without a closed quote as they are (a quote inside a value, a dangling one)", () => {
    for (const s of ['5" tall,b', 'a,"open, never closed', "a\\,b,c", "plain,line,", ',"x"']) {
      const expected = s === ',"x"' ? ",x" : s;
      expect(fixed(s)).toBe(expected);
    }
  });

  it("streams a file: BOM dropped, CRLF kept, invalid bytes kept, same output for any chunk size", async () => {
    const input = Buffer.concat([
      Buffer.from('\uFEFFname,email\r\n"Doe, Jane",jane@example.com\r\nbob,bob@example.com\n', "utf8"),
      Buffer.from([0xff, 0x2c, 0x22, 0x61, 0x2c, 0x62, 0x22]),
    ]);
    const whole = await fixAll(input);
    expect(whole.text).toEqual(
      Buffer.concat([
        Buffer.from("name,email\r\nDoe\\, Jane,jane@example.com\r\nbob,bob@example.com\n"),
        Buffer.from([0xff, 0x2c, 0x61, 0x5c, 0x2c, 0x62]),
      ]),
    );
    expect(whole.stats).toEqual({ lines: 4, changedLines: 2, values: 2, bomRemoved: true });
    for (const chunk of [1, 2, 5]) expect((await fixAll(input, chunk)).text).toEqual(whole.text);
  });
});
