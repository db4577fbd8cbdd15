import type { DescribeUserImportJobRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ImportJobsService } from "../services/import-jobs.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeUserImportJobRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const job = new ImportJobsService(services, services.clock).get(pool.id, input.JobId as string);
  return { UserImportJob: ImportJobsService.describe(job) };
});
