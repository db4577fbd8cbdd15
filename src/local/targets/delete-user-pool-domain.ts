import type { DeleteUserPoolDomainRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { getDomain } from "../services/domains.js";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteUserPoolDomainRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const d = getDomain(services, input.Domain as string);
  if (!d || d.UserPoolId !== pool.id)
    throw new InvalidParameterException("No such domain or user pool exists.");
  services.db.prepare("DELETE FROM domains WHERE domain = ?").run(d.Domain);
  return {};
});
