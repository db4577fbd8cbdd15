// Builds the operation catalog (dist/catalog) from the pinned Cognito SDK client, so the CLI's 140
// generated commands are data, not code. Nothing here is typed per operation:
//   - shapes, required members and sensitive traits come from the SDK's static schemas, walked with
//     @smithy/core's NormalizedSchema (the same reader the SDK's serializers use);
//   - documentation and enum value lists come from the SDK's .d.ts files, parsed with the
//     TypeScript compiler API (the schemas carry neither);
//   - paginators come from dist-es/pagination/*Paginator.js (createPaginator's arguments);
//   - length and range constraints (which the SDK drops) come from the vendored service model,
//     vendor/cognito-idp-2016-04-18.service-2.json.gz (see vendor/README.md), walked beside the
//     SDK's shapes member by member.
// Output: dist/catalog/index.json (names, summaries, groups) and dist/catalog/ops/<cli-name>.json,
// one per operation, so the CLI parses only the one it runs; and, from the same shapes, the embedded
// endpoint's request model src/local/model/input-model.ts (scripts/gen-local-input-model.mjs), so
// the CLI's checks and the endpoint's validation read one model.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { InputModelBuilder } from "./gen-local-input-model.mjs";

const started = performance.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const ts = require("typescript");
const sdk = require("@aws-sdk/client-cognito-identity-provider");
const { NormalizedSchema } = require("@smithy/core/schema");

// The package's exports map hides package.json, so find its folder from the resolved entry point.
const sdkEntry = require.resolve("@aws-sdk/client-cognito-identity-provider");
const sdkDir = resolve(dirname(sdkEntry), "..");
const sdkVersion = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")).version;

const outDir = join(root, "dist", "catalog");
const modelFile = join(root, "vendor", "cognito-idp-2016-04-18.service-2.json.gz");

// ---------------------------------------------------------------------------------------------
// Names: botocore's xform_name (what the AWS CLI uses for operation and flag names).
// Kept in sync with src/cognito/names.ts (tests compare the two on every operation and member).

function xformName(name, sep = "-") {
  if (name.includes(sep)) return name;
  const special = /[A-Z]{2,}s$/;
  let out = name;
  const m = special.exec(out);
  if (m) out = `${out.slice(0, m.index)}${sep}${m[0].toLowerCase()}`;
  out = out.replace(/(.)([A-Z][a-z]+)/g, `$1${sep}$2`);
  out = out.replace(/([a-z0-9])([A-Z])/g, `$1${sep}$2`).toLowerCase();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Documentation: the SDK's JSDoc carries the service model's HTML. Turn it into plain text with
// paragraphs separated by blank lines and list items as "- " lines (indented two spaces per level),
// so the help renderer can wrap it. Hand-written because the markup is a tiny, fixed subset (p, code,
// a, b, i, ul/ol/li, dl/dt/dd, note, important) and an HTML library would be a build-time dependency
// for twenty lines of work.

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

export function htmlToText(html) {
  if (!html) return "";
  // JSDoc escapes braces and at-signs (\{####\}).
  html = html.replace(/\\([{}@])/g, "$1");
  const blocks = [];
  let cur = "";
  let depth = 0; // list nesting
  let bullet = false;
  let prefix = "";
  let ddIndent = 0;
  const flush = () => {
    // Collapse source line breaks; drop the space left before punctuation by removed inline tags.
    const text = decodeEntities(cur.replace(/\s+/g, " ").replace(/ ([,.;:)])/g, "$1")).trim();
    cur = "";
    if (!text) return; // an empty <li><p> keeps its pending bullet for the paragraph inside it
    blocks.push({
      indent: Math.max(0, depth - 1) + ddIndent,
      bullet,
      list: depth > 0 || ddIndent > 0,
      text: prefix + text,
    });
    prefix = "";
    bullet = false;
  };
  const re = /<\s*(\/?)\s*([a-zA-Z0-9]+)([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    cur += html.slice(last, m.index);
    last = re.lastIndex;
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    switch (tag) {
      case "p":
      case "div":
      case "br":
        flush();
        break;
      case "ul":
      case "ol":
        flush();
        depth += closing ? -1 : 1;
        if (depth < 0) depth = 0;
        break;
      case "li":
        flush();
        if (!closing) bullet = true;
        break;
      case "dt":
        flush();
        break;
      case "dd":
        flush();
        ddIndent += closing ? -1 : 1;
        if (ddIndent < 0) ddIndent = 0;
        break;
      case "note":
      case "important":
        flush();
        if (!closing) prefix = tag === "note" ? "Note: " : "Important: ";
        break;
      default:
        // Inline markup (code, a, b, i, em, strong): keep the text, drop the tag.
        break;
    }
  }
  cur += html.slice(last);
  flush();
  let out = "";
  let prev;
  for (const b of blocks) {
    const line = `${"  ".repeat(b.indent)}${b.bullet ? "- " : ""}${b.text}`;
    if (prev) out += prev.list && b.list ? "\n" : "\n\n";
    out += line;
    prev = b;
  }
  return out;
}

export function firstSentence(text) {
  const para = text.split("\n")[0] ?? "";
  // A sentence ends at ". " before a capital/quote, or at the end of the paragraph. "e.g." and
  // "i.e." do not end one.
  const re = /[.!?](?=\s+[A-Z"'(]|$)/g;
  for (let m = re.exec(para); m; m = re.exec(para)) {
    const before = para.slice(Math.max(0, m.index - 4), m.index + 1);
    if (/\b(e\.g|i\.e|etc|vs)\.$/i.test(before)) continue;
    return para.slice(0, m.index + 1);
  }
  return para;
}

// ---------------------------------------------------------------------------------------------
// .d.ts: interface property docs and enum references.

function jsDocHtml(node) {
  const docs = node.jsDoc;
  if (!docs || docs.length === 0) return "";
  const doc = docs[docs.length - 1];
  return ts.getTextOfJSDocComment(doc.comment) ?? "";
}

function parseFile(path) {
  return ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
}

/** const enum objects in models/enums.d.ts: name → values. */
function readEnums(file) {
  const enums = new Map();
  for (const st of file.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!d.type || !ts.isTypeLiteralNode(d.type)) continue;
      const values = [];
      for (const m of d.type.members) {
        if (m.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal))
          values.push(m.type.literal.text);
      }
      enums.set(d.name.getText(file), values);
    }
  }
  return enums;
}

/**
 * Interfaces of models/*.d.ts: name → member → { doc, optional, enumRef }. enumRef says where an enum
 * sits in the member's type: { self }, { element } for arrays, { key, value } for Record<K, V>.
 */
function readInterfaces(files, enums) {
  const out = new Map();
  const enumName = (t) => {
    if (!t) return undefined;
    if (ts.isUnionTypeNode(t)) {
      const parts = t.types.filter((x) => x.kind !== ts.SyntaxKind.UndefinedKeyword);
      return parts.length === 1 ? enumName(parts[0]) : undefined;
    }
    if (ts.isTypeReferenceNode(t) && !t.typeArguments) {
      const n = t.typeName.getText();
      return enums.has(n) ? n : undefined;
    }
    return undefined;
  };
  const strip = (t) => {
    if (t && ts.isUnionTypeNode(t)) {
      const parts = t.types.filter((x) => x.kind !== ts.SyntaxKind.UndefinedKeyword);
      if (parts.length === 1) return parts[0];
    }
    return t;
  };
  for (const file of files) {
    for (const st of file.statements) {
      if (!ts.isInterfaceDeclaration(st)) continue;
      const members = new Map();
      for (const m of st.members) {
        if (!ts.isPropertySignature(m) || !m.name) continue;
        const t = strip(m.type);
        const ref = {};
        if (t) {
          ref.self = enumName(t);
          if (ts.isArrayTypeNode(t)) ref.element = enumName(t.elementType);
          if (ts.isTypeReferenceNode(t) && t.typeArguments) {
            // Record<K, V> or Partial<Record<K, V>>
            let r = t;
            if (r.typeName.getText() === "Partial" && r.typeArguments.length === 1) r = r.typeArguments[0];
            if (
              ts.isTypeReferenceNode(r) &&
              r.typeName.getText() === "Record" &&
              r.typeArguments?.length === 2
            ) {
              ref.key = enumName(r.typeArguments[0]);
              ref.value = enumName(r.typeArguments[1]);
            }
          }
        }
        members.set(m.name.getText(file), {
          doc: htmlToText(jsDocHtml(m)),
          optional: Boolean(m.questionToken),
          enumRef: ref,
        });
      }
      out.set(st.name.text, members);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shapes from the static schemas.

const warnings = [];

function withEnum(shape, enumRefName, enums) {
  if (shape.type === "string" && enumRefName) shape.enum = [...enums.get(enumRefName)];
  return shape;
}

function toShape(ns, ctx, stack, enumRef = {}) {
  const sensitive = Boolean(ns.getMergedTraits().sensitive);
  let shape;
  if (ns.isStructSchema() || ns.isUnionSchema()) {
    const raw = ns.getSchema();
    const name = raw[2];
    if (stack.includes(name)) {
      // A recursive shape: stop here (the Cognito model has none today; this keeps us finite if it ever does).
      shape = { type: "structure", name, members: {}, required: [] };
    } else {
      const iface = ctx.interfaces.get(name);
      if (!iface) warnings.push(`no .d.ts interface for structure ${name}`);
      const memberNames = raw[4];
      const required = ns.isUnionSchema() ? [] : memberNames.slice(0, raw[6] ?? 0);
      const members = {};
      for (const [memberName, memberNs] of ns.structIterator()) {
        const info = iface?.get(memberName);
        const member = { shape: toShape(memberNs, ctx, [...stack, name], info?.enumRef) };
        if (info?.doc) member.doc = info.doc;
        members[memberName] = member;
        if (info && info.optional === required.includes(memberName)) {
          warnings.push(`${name}.${memberName}: schema and .d.ts disagree on required`);
        }
      }
      shape = { type: "structure", name, members, required };
    }
  } else if (ns.isListSchema()) {
    shape = {
      type: "list",
      member: withEnum(toShape(ns.getValueSchema(), ctx, stack), enumRef.element, ctx.enums),
    };
  } else if (ns.isMapSchema()) {
    shape = {
      type: "map",
      key: withEnum(toShape(ns.getKeySchema(), ctx, stack), enumRef.key, ctx.enums),
      value: withEnum(toShape(ns.getValueSchema(), ctx, stack), enumRef.value, ctx.enums),
    };
  } else if (ns.isBlobSchema()) {
    shape = { type: "blob" };
  } else if (ns.isTimestampSchema()) {
    shape = { type: "timestamp" };
  } else if (ns.isBooleanSchema()) {
    shape = { type: "boolean" };
  } else if (ns.isBigIntegerSchema()) {
    shape = { type: "long" };
  } else if (ns.isBigDecimalSchema()) {
    shape = { type: "double" };
  } else if (ns.isNumericSchema()) {
    // Static schemas use one code for every number type; the Cognito model's numbers are all
    // integer or long (no float/double), so "integer" is exact for validation.
    shape = { type: "integer" };
  } else if (ns.isDocumentSchema()) {
    shape = { type: "document" };
  } else if (ns.isStringSchema()) {
    shape = withEnum({ type: "string" }, enumRef.self, ctx.enums);
  } else {
    warnings.push(`unknown schema kind for ${ns.getName?.() ?? "?"}`);
    shape = { type: "string" };
  }
  if (sensitive) shape.sensitive = true;
  return shape;
}

function emptyStructure(name) {
  return { type: "structure", name, members: {}, required: [] };
}

// ---------------------------------------------------------------------------------------------
// Constraints from the service model. The model keeps min/max on the target shape (members of the
// same name can target different shapes, e.g. MaxResults is 1..60 in one request and 0..60 in
// another), so the walk follows the model's member references (names alone only for members the
// model does not know yet, and only when the model gives that name one shape). What a bound
// means follows Smithy: on numbers it is @range (the value), on strings, blobs, lists and maps
// it is @length (characters, bytes, items, entries). Patterns are left to the service.

const NUMERIC = new Set(["integer", "long", "double", "float"]);
const MODEL_KIND = {
  structure: ["structure"],
  list: ["list"],
  map: ["map"],
  string: ["string"],
  blob: ["blob"],
  boolean: ["boolean"],
  timestamp: ["timestamp"],
  integer: ["integer", "long"],
  long: ["integer", "long"],
  double: ["double", "float"],
  document: ["structure", "document"],
};

function readModel() {
  const model = JSON.parse(gunzipSync(readFileSync(modelFile)).toString("utf8"));
  return { model, version: model.metadata?.apiVersion };
}

/** SDK members (Op.Member.Path) the vendored model does not know: see memberShapesByName. */
const newerThanModel = [];

/**
 * Member name → the model's own scalar type for that name: the shape `<Name>Type` that the model's
 * members of that name target (UserPoolId → UserPoolIdType, Username → UsernameType). A member the
 * vendored model does not know yet takes that shape's constraints, so a newer operation's
 * UserPoolId is checked like the 96 others. Names without a type of their own (NextToken targets
 * PaginationKey or PaginationKeyType, AccessToken the shared TokenModelType), names the model has
 * never seen, enums, and lists or structures get none.
 */
export function memberShapesByName(model) {
  const byName = new Map();
  for (const shape of Object.values(model.shapes)) {
    for (const [name, ref] of Object.entries(shape.type === "structure" ? (shape.members ?? {}) : {})) {
      const target = model.shapes[ref.shape];
      // An enum is left out too: its values come from the SDK, and a same-named enum of the model
      // can be another type (Status: Enabled/Disabled for pools, ACTIVE/INACTIVE for replicas).
      if (ref.shape === `${name}Type` && !["structure", "list", "map"].includes(target.type) && !target.enum)
        byName.set(name, ref.shape);
    }
  }
  return byName;
}

/** Constraints for the members of a structure the vendored model does not know (see above). */
function attachInferred(shape, model, byName, where) {
  if (shape.type !== "structure") return;
  for (const [name, member] of Object.entries(shape.members)) {
    const inferred = byName.get(name);
    if (inferred && fitsModel(member.shape.type, model.shapes[inferred].type))
      attachConstraints(member.shape, inferred, model, `${where}.${name}`, byName);
    else attachInferred(member.shape, model, byName, `${where}.${name}`);
  }
}

/** Whether a model shape of kind `modelKind` can stand for a catalog shape of kind `kind`. */
function fitsModel(kind, modelKind) {
  return (MODEL_KIND[kind] ?? [kind]).includes(modelKind);
}

function attachConstraints(shape, modelShapeName, model, where, byName) {
  const m = model.shapes[modelShapeName];
  if (!m) {
    warnings.push(`${where}: shape ${modelShapeName} is not in the vendored model`);
    return;
  }
  if (!fitsModel(shape.type, m.type)) {
    warnings.push(`${where}: the SDK says ${shape.type}, the vendored model says ${m.type}`);
    return;
  }
  const bound = {};
  if (m.min !== undefined) bound.min = m.min;
  if (m.max !== undefined) bound.max = m.max;
  if (Object.keys(bound).length > 0) {
    if (NUMERIC.has(shape.type)) shape.range = bound;
    else if (shape.type !== "boolean" && shape.type !== "timestamp") shape.length = bound;
  }
  if (shape.type === "structure") {
    for (const [name, member] of Object.entries(shape.members)) {
      const ref = m.members?.[name];
      if (!ref) {
        newerThanModel.push(`${where}.${name}`);
        attachInferred({ type: "structure", members: { [name]: member } }, model, byName, where);
        continue;
      }
      attachConstraints(member.shape, ref.shape, model, `${where}.${name}`, byName);
    }
  } else if (shape.type === "list") {
    attachConstraints(shape.member, m.member.shape, model, `${where}[]`, byName);
  } else if (shape.type === "map") {
    attachConstraints(shape.key, m.key.shape, model, `${where}{key}`, byName);
    attachConstraints(shape.value, m.value.shape, model, `${where}{value}`, byName);
  }
}

// ---------------------------------------------------------------------------------------------
// Groups for `cogctl --help`: first matching rule wins.

const GROUP_RULES = [
  ["WebAuthn", /WebAuthn/],
  ["terms", /Terms/],
  ["import jobs", /UserImportJob|CSVHeader/],
  ["identity providers", /IdentityProvider|ProviderForUser|SigningCertificate/],
  ["resource servers", /ResourceServer/],
  ["domains & branding", /UserPoolDomain|ManagedLoginBranding|UICustomization/],
  ["devices", /Device/],
  ["app clients", /UserPoolClient/],
  ["MFA & security", /MFA|Mfa|SoftwareToken|RiskConfiguration|AuthEvent|AuthFactors|UserSettings/],
  [
    "authentication",
    /InitiateAuth|RespondToAuthChallenge|SignOut|RevokeToken|TokensFromRefreshToken|UserSession|ClientToken/,
  ],
  ["groups", /Group/],
  ["users (admin)", /^Admin|^ListUsers$/],
  ["user self-service", /SignUp|Password|ConfirmationCode|^GetUser$|^DeleteUser$|UserAttribute/],
  ["pools", /UserPool|CustomAttributes|LogDelivery|[Tt]agResource|TagsForResource|ProvisionedLimit/],
];
export const GROUP_ORDER = [
  "users (admin)",
  "authentication",
  "user self-service",
  "devices",
  "MFA & security",
  "pools",
  "app clients",
  "groups",
  "domains & branding",
  "identity providers",
  "resource servers",
  "import jobs",
  "WebAuthn",
  "terms",
  "other",
];
function groupOf(name) {
  for (const [group, re] of GROUP_RULES) if (re.test(name)) return group;
  return "other";
}

// ---------------------------------------------------------------------------------------------

function readPaginators() {
  const dir = join(sdkDir, "dist-es", "pagination");
  const out = new Map();
  const re = /createPaginator\(\s*\w+\s*,\s*(\w+)Command\s*,\s*"(\w+)"\s*,\s*"(\w+)"\s*(?:,\s*"(\w+)"\s*)?\)/;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith("Paginator.js")) continue;
    const m = re.exec(readFileSync(join(dir, f), "utf8"));
    if (!m) {
      warnings.push(`cannot read paginator ${f}`);
      continue;
    }
    out.set(m[1], { inputToken: m[2], outputToken: m[3], ...(m[4] ? { limitKey: m[4] } : {}) });
  }
  return out;
}

function readCommandDoc(opName) {
  const file = parseFile(join(sdkDir, "dist-types", "commands", `${opName}Command.d.ts`));
  for (const st of file.statements) {
    if (ts.isClassDeclaration(st) && st.name?.text === `${opName}Command`) return htmlToText(jsDocHtml(st));
  }
  return "";
}

function swapIn(buildDir, target) {
  const old = `${target}.old-${process.pid}`;
  try {
    renameSync(target, old);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  try {
    renameSync(buildDir, target);
  } catch (err) {
    // Another build (a parallel test worker) swapped its copy in first; ours is identical.
    if (err.code !== "ENOTEMPTY" && err.code !== "EEXIST") throw err;
    rmSync(buildDir, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Writes the endpoint's request model, formatted by the project's own formatter (it is a committed
 * source file that biome checks), and only when it changed, so a build leaves a clean tree clean.
 */
function writeInputModel(text) {
  const target = join(root, "src", "local", "model", "input-model.ts");
  const formatted = execFileSync(
    join(root, "node_modules", ".bin", "biome"),
    ["format", `--stdin-file-path=${target}`],
    { input: text, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (existsSync(target) && readFileSync(target, "utf8") === formatted) return;
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, formatted);
  renameSync(tmp, target);
}

function main() {
  const typesDir = join(sdkDir, "dist-types", "models");
  const enums = readEnums(parseFile(join(typesDir, "enums.d.ts")));
  const modelFiles = readdirSync(typesDir)
    .filter((f) => /^models_\d+\.d\.ts$/.test(f))
    .map((f) => parseFile(join(typesDir, f)));
  const ctx = { enums, interfaces: readInterfaces(modelFiles, enums) };
  const paginators = readPaginators();
  const { model } = readModel();
  const byName = memberShapesByName(model);
  const inputModel = new InputModelBuilder(model, fitsModel, byName);

  // Every exported XCommand is an operation; its schema is the exported X$ operation schema.
  const opNames = Object.keys(sdk)
    .filter((k) => /^[A-Z][A-Za-z0-9]*Command$/.test(k) && typeof sdk[k] === "function")
    .map((k) => k.slice(0, -"Command".length))
    .sort();

  // Build beside the live catalog and swap it in, so a CLI or test reading it meanwhile never sees
  // a half-written catalog.
  const buildDir = `${outDir}.tmp-${process.pid}`;
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(join(buildDir, "ops"), { recursive: true });

  const index = { sdkVersion, operations: [] };
  for (const name of opNames) {
    const opSchema = sdk[`${name}$`];
    if (!Array.isArray(opSchema) || opSchema[0] !== 9)
      throw new Error(`no operation schema ${name}$ in the SDK`);
    const inNs = NormalizedSchema.of(opSchema[4]());
    const outNs = NormalizedSchema.of(opSchema[5]());
    const input = inNs.isUnitSchema() ? emptyStructure(`${name}Request`) : toShape(inNs, ctx, []);
    const output = outNs.isUnitSchema() ? emptyStructure(`${name}Response`) : toShape(outNs, ctx, []);
    const modelOp = model.operations[name];
    if (!modelOp) {
      newerThanModel.push(name);
      attachInferred(input, model, byName, name);
    } else if (modelOp.input) attachConstraints(input, modelOp.input.shape, model, name, byName);
    inputModel.addOperation(name, input, modelOp);
    const doc = readCommandDoc(name);
    const cliName = xformName(name);
    const op = { name, cliName, summary: firstSentence(doc), doc, group: groupOf(name), input, output };
    const pg = paginators.get(name);
    if (pg) {
      const resultKeys = Object.entries(output.members)
        .filter(([, m]) => m.shape.type === "list")
        .map(([k]) => k);
      op.paginator = { ...pg, resultKeys };
    }
    writeFileSync(join(buildDir, "ops", `${cliName}.json`), JSON.stringify(op));
    index.operations.push({ name, cliName, summary: op.summary, group: op.group });
  }
  for (const name of paginators.keys())
    if (!opNames.includes(name)) warnings.push(`paginator for unknown op ${name}`);
  index.groups = GROUP_ORDER;
  // Operations and members newer than the vendored model: checked for types, required members and
  // enums only. Listed so tests and `npm run build` show the gap instead of hiding it.
  index.constraints = { model: "vendor/cognito-idp-2016-04-18.service-2.json.gz", newerThanModel };
  writeFileSync(join(buildDir, "index.json"), JSON.stringify(index, null, 1));
  swapIn(buildDir, outDir);
  writeInputModel(inputModel.source(sdkVersion));
  for (const w of warnings) console.warn(`gen-catalog: warning: ${w}`);
  const ms = Math.round(performance.now() - started);
  console.log(
    `gen-catalog: ${index.operations.length} operations from SDK ${sdkVersion} → dist/catalog, ` +
      `${newerThanModel.length} operations or members newer than the vendored model (${ms} ms)`,
  );
}

main();
