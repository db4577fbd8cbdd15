import type { GetSigningCertificateRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signingCertificate } from "../services/signing-certificate.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetSigningCertificateRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { Certificate: signingCertificate(services, pool.id) };
});
