// User pools: creation with the service's defaults, lookup, read-modify-write updates, deletion.
// A pool is one row; its configuration is the UserPoolType document (minus computed members).
import type {
  CreateUserPoolRequest,
  SchemaAttributeType,
  UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException, ResourceNotFoundException } from "../errors.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { newUserPoolId, toEpochSeconds, userPoolArn } from "./ids.js";
import { decodePage, encodePage } from "./paging.js";
import { buildSchema } from "./schema.js";

/** The stored pool document: UserPoolType without Id/Name/dates/counts (kept in columns). */
export type PoolData = Omit<
  UserPoolType,
  "Id" | "Name" | "CreationDate" | "LastModifiedDate" | "EstimatedNumberOfUsers"
> & {
  LastModified: number;
};

export interface Pool {
  id: string;
  name: string;
  created: number;
  data: PoolData;
}

interface PoolRow {
  id: string;
  name: string;
  data: string;
  created: number;
}

const rowToPool = (r: PoolRow): Pool => ({
  id: r.id,
  name: r.name,
  created: r.created,
  data: JSON.parse(r.data),
});

export const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

export class PoolsService {
  private readonly stmts;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly region: string,
  ) {
    this.stmts = {
      insert: db.prepare("INSERT INTO user_pools (id, name, data, created) VALUES (?, ?, ?, ?)"),
      get: db.prepare("SELECT id, name, data, created FROM user_pools WHERE id = ?"),
      update: db.prepare("UPDATE user_pools SET name = ?, data = ? WHERE id = ?"),
      delete: db.prepare("DELETE FROM user_pools WHERE id = ?"),
      page: db.prepare("SELECT id, name, data, created FROM user_pools WHERE id > ? ORDER BY id LIMIT ?"),
      countUsers: db.prepare("SELECT COUNT(*) AS n FROM users WHERE pool_id = ?").pluck(),
      domains: db.prepare("SELECT domain, data FROM domains WHERE pool_id = ?"),
    };
  }

  create(input: CreateUserPoolRequest): Pool {
    if (input.UsernameAttributes?.length && input.AliasAttributes?.length) {
      throw new InvalidParameterException(
        "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
      );
    }
    const now = this.clock().getTime();
    const id = newUserPoolId(this.region);
    const schema: SchemaAttributeType[] = buildSchema(input.Schema);
    const data: PoolData = {
      Policies: {
        PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...input.Policies?.PasswordPolicy },
        ...(input.Policies?.SignInPolicy ? { SignInPolicy: input.Policies.SignInPolicy } : {}),
      },
      DeletionProtection: input.DeletionProtection ?? "INACTIVE",
      LambdaConfig: input.LambdaConfig ?? {},
      SchemaAttributes: schema,
      ...(input.AutoVerifiedAttributes ? { AutoVerifiedAttributes: input.AutoVerifiedAttributes } : {}),
      ...(input.AliasAttributes ? { AliasAttributes: input.AliasAttributes } : {}),
      ...(input.UsernameAttributes ? { UsernameAttributes: input.UsernameAttributes } : {}),
      ...(input.SmsVerificationMessage ? { SmsVerificationMessage: input.SmsVerificationMessage } : {}),
      ...(input.EmailVerificationMessage ? { EmailVerificationMessage: input.EmailVerificationMessage } : {}),
      ...(input.EmailVerificationSubject ? { EmailVerificationSubject: input.EmailVerificationSubject } : {}),
      VerificationMessageTemplate: {
        DefaultEmailOption: "CONFIRM_WITH_CODE",
        ...(input.EmailVerificationMessage ? { EmailMessage: input.EmailVerificationMessage } : {}),
        ...(input.EmailVerificationSubject ? { EmailSubject: input.EmailVerificationSubject } : {}),
        ...(input.SmsVerificationMessage ? { SmsMessage: input.SmsVerificationMessage } : {}),
        ...input.VerificationMessageTemplate,
      },
      ...(input.SmsAuthenticationMessage ? { SmsAuthenticationMessage: input.SmsAuthenticationMessage } : {}),
      UserAttributeUpdateSettings: input.UserAttributeUpdateSettings ?? {
        AttributesRequireVerificationBeforeUpdate: [],
      },
      MfaConfiguration: input.MfaConfiguration ?? "OFF",
      ...(input.DeviceConfiguration ? { DeviceConfiguration: input.DeviceConfiguration } : {}),
      EmailConfiguration: input.EmailConfiguration ?? { EmailSendingAccount: "COGNITO_DEFAULT" },
      ...(input.SmsConfiguration ? { SmsConfiguration: input.SmsConfiguration } : {}),
      ...(input.UserPoolTags ? { UserPoolTags: input.UserPoolTags } : {}),
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: false,
        UnusedAccountValidityDays: input.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7,
        ...input.AdminCreateUserConfig,
      },
      ...(input.UserPoolAddOns ? { UserPoolAddOns: input.UserPoolAddOns } : {}),
      ...(input.UsernameConfiguration ? { UsernameConfiguration: input.UsernameConfiguration } : {}),
      ...(input.AccountRecoverySetting ? { AccountRecoverySetting: input.AccountRecoverySetting } : {}),
      Arn: userPoolArn(this.region, id),
      UserPoolTier: input.UserPoolTier ?? "ESSENTIALS",
      LastModified: now,
    };
    this.stmts.insert.run(id, input.PoolName, JSON.stringify(data), now);
    return { id, name: input.PoolName as string, created: now, data };
  }

  find(id: string): Pool | undefined {
    const row = this.stmts.get.get(id) as PoolRow | undefined;
    return row ? rowToPool(row) : undefined;
  }

  /** The pool, or ResourceNotFoundException worded as the service words it. */
  get(id: string): Pool {
    const pool = this.find(id);
    if (!pool) throw new ResourceNotFoundException(`User pool ${id} does not exist.`);
    return pool;
  }

  /**
   * Read-modify-write in one IMMEDIATE transaction, so two processes updating the same pool do not
   * lose each other's change.
   */
  update(id: string, mutate: (pool: Pool) => void): Pool {
    const tx = this.db.transaction(() => {
      const pool = this.get(id);
      mutate(pool);
      pool.data.LastModified = this.clock().getTime();
      this.stmts.update.run(pool.name, JSON.stringify(pool.data), id);
      return pool;
    });
    return tx.immediate();
  }

  delete(id: string): void {
    this.stmts.delete.run(id);
  }

  list(maxResults: number, nextToken?: string): { pools: Pool[]; nextToken?: string } {
    const after = nextToken ? decodePage(nextToken) : "";
    const rows = this.stmts.page.all(after, maxResults + 1) as PoolRow[];
    const pools = rows.slice(0, maxResults).map(rowToPool);
    return {
      pools,
      nextToken: rows.length > maxResults ? encodePage(pools[pools.length - 1].id) : undefined,
    };
  }

  countUsers(id: string): number {
    return this.stmts.countUsers.get(id) as number;
  }

  /** The UserPoolType DescribeUserPool/CreateUserPool answer with. */
  describe(pool: Pool): Record<string, unknown> {
    const { LastModified, ...rest } = pool.data;
    // Domain (prefix) and CustomDomain come from the domains table, as the service derives them.
    const domains = this.stmts.domains.all(pool.id) as { domain: string; data: string }[];
    const prefix = domains.find((d) => !JSON.parse(d.data).CustomDomainConfig)?.domain;
    const custom = domains.find((d) => JSON.parse(d.data).CustomDomainConfig)?.domain;
    return {
      Id: pool.id,
      Name: pool.name,
      ...rest,
      ...(prefix ? { Domain: prefix } : {}),
      ...(custom ? { CustomDomain: custom } : {}),
      LastModifiedDate: toEpochSeconds(LastModified),
      CreationDate: toEpochSeconds(pool.created),
      EstimatedNumberOfUsers: this.countUsers(pool.id),
    };
  }

  /** UserPoolDescriptionType for ListUserPools. */
  summary(pool: Pool): Record<string, unknown> {
    return {
      Id: pool.id,
      Name: pool.name,
      LambdaConfig: pool.data.LambdaConfig ?? {},
      LastModifiedDate: toEpochSeconds(pool.data.LastModified),
      CreationDate: toEpochSeconds(pool.created),
    };
  }
}

/** Case-insensitive usernames only when the pool says so (CaseSensitive defaults to true). */
export const isCaseSensitive = (pool: Pool): boolean =>
  pool.data.UsernameConfiguration?.CaseSensitive !== false;
