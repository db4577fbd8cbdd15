// The stack file's JSON Schema, made from the same shapes the loader checks with (kinds.ts): editors
// complete and check member names, enums and bounds. scripts/gen-stack-schema.mjs writes it to
// schema/stack.schema.json; `cogctl apply --schema` prints it.
import type { Shape, StructureShape } from "../../cognito/catalog.js";
import { fileShape, KINDS, NESTED } from "./kinds.js";
import { USER_SHAPE } from "./loader.js";

type JsonSchema = Record<string, unknown>;

/** The first sentence of a member's documentation: enough for an editor's hover. */
function summary(doc: string | undefined): string | undefined {
  if (!doc) return undefined;
  const text = doc.replace(/\s+/g, " ").trim();
  const end = text.search(/\.(\s|$)/);
  return end > 0 ? text.slice(0, end + 1) : text;
}

function fromShape(shape: Shape): JsonSchema {
  switch (shape.type) {
    case "structure":
      return fromStructure(shape);
    case "list":
      return {
        type: "array",
        items: fromShape(shape.member),
        ...(shape.length?.min !== undefined ? { minItems: shape.length.min } : {}),
        ...(shape.length?.max !== undefined ? { maxItems: shape.length.max } : {}),
      };
    case "map":
      return {
        type: "object",
        additionalProperties: fromShape(shape.value),
        ...(shape.length?.max !== undefined ? { maxProperties: shape.length.max } : {}),
      };
    case "string": {
      const s = shape as { enum?: string[] };
      return {
        type: "string",
        ...(s.enum ? { enum: s.enum } : {}),
        ...(shape.length?.min !== undefined ? { minLength: shape.length.min } : {}),
        ...(shape.length?.max !== undefined ? { maxLength: shape.length.max } : {}),
      };
    }
    case "integer":
    case "long":
    case "double":
    case "float":
      return {
        type: shape.type === "integer" || shape.type === "long" ? "integer" : "number",
        ...(shape.range?.min !== undefined ? { minimum: shape.range.min } : {}),
        ...(shape.range?.max !== undefined ? { maximum: shape.range.max } : {}),
      };
    case "boolean":
      return { type: "boolean" };
    case "timestamp":
      return { type: ["string", "number"] };
    case "blob":
      return { type: "string", contentEncoding: "base64" };
    default:
      return {};
  }
}

function fromStructure(shape: StructureShape, extra: Record<string, JsonSchema> = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const description = summary(member.doc);
    properties[name] = { ...fromShape(member.shape), ...(description ? { description } : {}) };
  }
  Object.assign(properties, extra);
  return {
    type: "object",
    properties,
    ...(shape.required.length > 0 ? { required: shape.required } : {}),
    additionalProperties: false,
  };
}

export function stackSchema(): JsonSchema {
  const nested: Record<string, JsonSchema> = {};
  for (const kindName of NESTED) {
    const kind = KINDS[kindName];
    const key = kind.key as string;
    let item: JsonSchema;
    if (kindName === "user") {
      item = fromStructure(USER_SHAPE);
      (item.properties as Record<string, JsonSchema>).password = {
        description: USER_SHAPE.members.password?.doc,
        oneOf: [
          {
            type: "object",
            properties: { env: { type: "string" } },
            required: ["env"],
            additionalProperties: false,
          },
          {
            type: "object",
            properties: { file: { type: "string" } },
            required: ["file"],
            additionalProperties: false,
          },
          { type: "string", description: "Only in a file with insecure: true." },
        ],
      };
    } else {
      const shape = fileShape(kind);
      const members = Object.fromEntries(Object.entries(shape.members).filter(([m]) => !kind.refused?.[m]));
      item = fromStructure({ ...shape, members });
    }
    const single = ["domain", "mfa", "uiCustomization"].includes(kindName);
    nested[key] = single
      ? { ...item, description: `The pool's ${kind.label} (${kind.create} members).` }
      : {
          type: "object",
          description: `The pool's ${kind.label}s by ${kind.keyMember ?? "username"}${kindName === "user" ? "" : ` (${kind.create} members)`}.`,
          additionalProperties: item,
        };
  }
  const pool = fromStructure(fileShape(KINDS.pool), nested);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "cogctl stack file",
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the stack file's own ${VAR} syntax, shown as is
      "Pools by name (CreateUserPool members, as --cli-input-yaml) with their clients, groups, domain, resource servers, identity providers, MFA, UI customization and test users. Strings may hold ${ENV} references.",
    type: "object",
    properties: {
      $schema: { type: "string" },
      insecure: { type: "boolean", description: "Allow test users' passwords written in the file." },
      pools: { type: "object", additionalProperties: pool },
    },
    required: ["pools"],
    additionalProperties: false,
  };
}

export function stackSchemaText(): string {
  return `${JSON.stringify(stackSchema(), null, 2)}\n`;
}
