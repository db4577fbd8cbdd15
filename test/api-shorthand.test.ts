import { describe, expect, it } from "vitest";
import { parseShorthand, ShorthandSyntaxError } from "../src/cli/args/shorthand.js";

function syntaxError(input: string): ShorthandSyntaxError {
  try {
    parseShorthand(input);
  } catch (e) {
    if (e instanceof ShorthandSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${input}`);
}

describe("shorthand parser", () => {
  it("parses key=value pairs", () => {
    expect(parseShorthand("Name=email,Value=a@b.c")).toEqual({ Name: "email", Value: "a@b.c" });
  });

  it("keeps = inside a first value (base64 padding, URLs)", () => {
    expect(parseShorthand("Value=YWJj==,Url=https://x.io/?a=b")).toEqual({
      Value: "YWJj==",
      Url: "https://x.io/?a=b",
    });
  });

  it("reads a,b after a key as a list, and backtracks at the next key", () => {
    expect(parseShorthand("A=x,y,z,B=w")).toEqual({ A: ["x", "y", "z"], B: "w" });
  });

  it("parses explicit lists, nested hashes and empty values", () => {
    expect(parseShorthand("A=[x,y],B={C=1,D={E=2}},F=[],G={},H=")).toEqual({
      A: ["x", "y"],
      B: { C: "1", D: { E: "2" } },
      F: [],
      G: {},
      H: "",
    });
    expect(parseShorthand("A=[{B=1},{B=2}]")).toEqual({ A: [{ B: "1" }, { B: "2" }] });
  });

  it("supports double and single quotes with escapes, and escaped commas", () => {
    expect(parseShorthand(`A="x, y",B='it\\'s',C="say \\"hi\\"",D=a\\,b`)).toEqual({
      A: "x, y",
      B: "it's",
      C: 'say "hi"',
      D: "a,b",
    });
    expect(parseShorthand(`A=["p,q",'r]']`)).toEqual({ A: ["p,q", "r]"] });
  });

  it("ignores blanks around separators", () => {
    expect(parseShorthand(" A = x , B = { C = 1 } ")).toEqual({ A: "x", B: { C: "1" } });
  });

  it("accepts keys with colons, dots and slashes (map keys)", () => {
    expect(parseShorthand("custom:dept=eng,userAttributes.email=a@b.c")).toEqual({
      "custom:dept": "eng",
      "userAttributes.email": "a@b.c",
    });
  });

  it("reports where a key is missing", () => {
    const e = syntaxError("Name=email,,");
    expect(e.index).toBe(11);
    expect(e.detail).toBe("Expected: a key, received: ','");
  });

  it("reports a missing =", () => {
    const e = syntaxError("Name");
    expect(e.index).toBe(4);
    expect(e.detail).toBe("Expected: '=', received: end of input");
  });

  it("reports unclosed brackets and braces, and unterminated quotes", () => {
    expect(syntaxError("A=[x,y").detail).toBe("Expected: ']', received: end of input");
    expect(syntaxError("A={B=1").index).toBe(6);
    const q = syntaxError('A="abc');
    expect(q.index).toBe(2);
    expect(q.detail).toMatch(/Unterminated double-quoted/);
  });

  it("rejects a repeated key with a hint about list separators", () => {
    const e = syntaxError("Name=a,Value=b,Name=c,Value=d");
    expect(e.index).toBe(15);
    expect(e.detail).toMatch(/Second instance of key "Name".*space/);
  });
});

// Cases run through the AWS CLI's own parser (awscli.shorthand.ShorthandParser) when this fixture
// was made: cogctl must give the same value wherever the AWS CLI accepts the input, and reject what
// it rejects, except where cogctl is deliberately more lenient or stricter (listed with the reason).
import oracle from "./fixtures/shorthand-awscli.json" with { type: "json" };

const DELIBERATE: Record<string, string> = {
  " A = x , B = { C = 1 } ": "cogctl allows blanks around keys and '='",
  "=b": "cogctl rejects an empty key instead of sending one",
};

describe("shorthand parser vs the AWS CLI's", () => {
  const cases = oracle.cases as { input: string; value?: unknown; error?: { index: number } }[];
  it.each(cases.filter((c) => !(c.input in DELIBERATE)).map((c) => [c.input, c] as const))(
    "%s",
    (_input, c) => {
      if (c.error) {
        expect(() => parseShorthand(c.input)).toThrow(ShorthandSyntaxError);
      } else {
        expect(parseShorthand(c.input)).toEqual(c.value);
      }
    },
  );

  it("differs only where meant to", () => {
    expect(parseShorthand(" A = x , B = { C = 1 } ")).toEqual({ A: "x", B: { C: "1" } });
    expect(() => parseShorthand("=b")).toThrow(ShorthandSyntaxError);
    expect(cases.filter((c) => c.input in DELIBERATE)).toHaveLength(Object.keys(DELIBERATE).length);
  });
});
