// Request shapes of operations the pinned SDK sends but the generated request model (an older
// botocore, input-model.ts) does not know. The router cannot check these, so their targets call
// checkExtraInput() first: same rules and same messages as validate.ts. Written by hand from the
// SDK's model and the API reference (lengths, patterns, enums); member shapes reuse input-model.ts.
import { RequestValidator } from "../validate.js";
import { inputModel } from "./input-model.js";
import type { InputModel, ShapeDef } from "./types.js";

const userAndPool: ShapeDef = {
  t: "structure",
  m: { UserPoolId: "UserPoolIdType", Username: "UsernameType" },
  r: ["UserPoolId", "Username"],
};

const extraShapes: Record<string, ShapeDef> = {
  AdminDeleteSoftwareTokenRequest: userAndPool,
  AdminGetUserAuthFactorsRequest: userAndPool,
  DescribeTermsByClientRequest: {
    t: "structure",
    m: { ClientId: "ClientIdType", UserPoolId: "UserPoolIdType", TermsName: "TermsNameType" },
    r: ["ClientId", "UserPoolId", "TermsName"],
  },
  // The model has this operation but requires neither id; the service needs both.
  UpdateManagedLoginBrandingIds: {
    t: "structure",
    m: { UserPoolId: "UserPoolIdType", ManagedLoginBrandingId: "ManagedLoginBrandingIdType" },
    r: ["UserPoolId", "ManagedLoginBrandingId"],
  },
};

export const extraInputModel: InputModel = {
  operations: {
    AdminDeleteSoftwareToken: "AdminDeleteSoftwareTokenRequest",
    AdminGetUserAuthFactors: "AdminGetUserAuthFactorsRequest",
    DescribeTermsByClient: "DescribeTermsByClientRequest",
    UpdateManagedLoginBranding: "UpdateManagedLoginBrandingIds",
  },
  shapes: { ...inputModel.shapes, ...extraShapes },
};

let validator: RequestValidator | undefined;

/** Checks the input of an operation of extraInputModel (InvalidParameterException / SerializationException). */
export function checkExtraInput(operation: string, input: unknown): void {
  validator ??= new RequestValidator(extraInputModel);
  if (!validator.hasOperation(operation)) throw new Error(`no extra input shape for ${operation}`);
  validator.validate(operation, input);
}
