import type { CreateUserImportJobRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ImportJobsService } from "../services/import-jobs.js";
import { defineTarget } from "./target.js";

export default defineTarget<CreateUserImportJobRequest>((input, { services, baseUrl }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const jobs = new ImportJobsService(services, services.clock);
  const job = jobs.create(pool, input.JobName as string, input.CloudWatchLogsRoleArn as string, baseUrl);
  return { UserImportJob: ImportJobsService.describe(job) };
});
