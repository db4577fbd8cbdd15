// DescribeLogGroups: the log groups import jobs wrote, by name, 1-50 a page (default 50).
import { InvalidParameterException } from "../../errors.js";
import { defineTarget } from "../target.js";
import { Checks, decodeToken, encodeToken, type Input, LOG_GROUP_NAME, NEXT_TOKEN } from "./input.js";

const isAfter = (v: unknown): v is { after: string } =>
  typeof v === "object" && v !== null && typeof (v as { after?: unknown }).after === "string";

export default defineTarget<Input>((input, { services }) => {
  const checks = new Checks(input);
  const prefix = checks.string("logGroupNamePrefix", LOG_GROUP_NAME);
  const pattern = checks.string("logGroupNamePattern", { min: 0, max: 512 });
  const limit = checks.integer("limit", 1, 50) ?? 50;
  const token = checks.string("nextToken", NEXT_TOKEN);
  checks.done();
  if (prefix !== undefined && pattern !== undefined)
    throw new InvalidParameterException(
      "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.",
    );
  const after = token === undefined ? "" : decodeToken(token, isAfter).after;
  const rows = services.logs.groups({ after, prefix, pattern, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: g.created,
      metricFilterCount: 0,
      arn: `${services.logs.groupArn(g.name)}:*`,
      logGroupArn: services.logs.groupArn(g.name),
      storedBytes: g.stored,
      logGroupClass: "STANDARD",
    })),
    ...(rows.length > limit ? { nextToken: encodeToken({ after: page[page.length - 1].name }) } : {}),
  };
});
