// --generate-cli-skeleton [input|yaml-input|output], as the AWS CLI v2: a template whose top-level
// keys are exactly the shape's members, with placeholder values by type.
import { createRequire } from "node:module";
import { memberOf, type Operation, type Shape, type StructureShape } from "../../cognito/catalog.js";
import { sampleValue } from "./examples.js";

const requireLazy = createRequire(import.meta.url);

function firstSentence(doc: string | undefined): string {
  if (!doc) return "";
  const para = doc.split("\n")[0] ?? "";
  const m = /^(.*?[.!?])(\s|$)/.exec(para);
  return (m ? m[1]! : para).trim();
}

function enumOf(shape: Shape): string[] | undefined {
  if (shape.type === "string") return shape.enum;
  if (shape.type === "list") return enumOf(shape.member);
  return undefined;
}

/** YAML with a comment per member: [REQUIRED], the valid values, and (top level) what it is. */
function yamlSkeleton(shape: StructureShape): string {
  const YAML = requireLazy("yaml") as typeof import("yaml");
  const doc = new YAML.Document(sampleValue(shape, "skeleton"));
  const annotate = (node: unknown, s: Shape, top: boolean): void => {
    if (s.type === "structure" && YAML.isMap(node)) {
      for (const pair of node.items) {
        const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const member = memberOf(s, key);
        if (!member) continue;
        const notes: string[] = [];
        if (s.required.includes(key)) notes.push("[REQUIRED]");
        if (top) {
          const about = firstSentence(member.doc);
          if (about) notes.push(about);
        }
        const values = enumOf(member.shape);
        if (values) notes.push(`Valid values are: ${values.join(", ")}.`);
        if (notes.length > 0) {
          const text = ` ${notes.join(" ")}`;
          if (YAML.isScalar(pair.value)) pair.value.comment = text;
          else if (YAML.isNode(pair.value)) pair.value.commentBefore = text;
        }
        annotate(pair.value, member.shape, false);
      }
    } else if (s.type === "list" && YAML.isSeq(node)) {
      for (const item of node.items) annotate(item, s.member, false);
    } else if (s.type === "map" && YAML.isMap(node)) {
      for (const pair of node.items) annotate(pair.value, s.value, false);
    }
  };
  annotate(doc.contents, shape, true);
  return doc.toString({ lineWidth: 0 });
}

export function generateSkeleton(op: Operation, kind: "input" | "yaml-input" | "output"): string {
  if (kind === "yaml-input") return yamlSkeleton(op.input);
  const shape = kind === "output" ? op.output : op.input;
  return `${JSON.stringify(sampleValue(shape, "skeleton"), null, 4)}\n`;
}
