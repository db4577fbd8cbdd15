// The compact request model generated into input-model.ts (see scripts/gen-local-input-model.mjs).
export interface ShapeDef {
  t:
    | "structure"
    | "list"
    | "map"
    | "string"
    | "integer"
    | "long"
    | "boolean"
    | "timestamp"
    | "blob"
    | "double"
    | "float";
  m?: Record<string, string>;
  r?: string[];
  min?: number;
  max?: number;
  p?: string;
  e?: string[];
  s?: 1;
  /** A document: free JSON kept whole (a structure with no members of its own). */
  d?: 1;
  mem?: string;
  k?: string;
  v?: string;
}

export interface InputModel {
  /** Every operation of the service → its input shape name (null when it takes none). */
  operations: Record<string, string | null>;
  shapes: Record<string, ShapeDef>;
}
