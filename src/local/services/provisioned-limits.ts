// Provisioned limits (GetProvisionedLimit / UpdateProvisionedLimit): the account's request-rate
// quota per API category. FreeLimitValue is Cognito's default quota (COGNITO-FACTS §11); an
// UpdateProvisionedLimit override is stored in `provisioned_limits` (one per data directory, which
// stands for one account and Region) and returned as ProvisionedLimitValue. Nothing is throttled
// locally: the values are bookkeeping only.
import { QUOTAS } from "../../cognito/quotas.js";
import { InvalidParameterException } from "../errors.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";

/** Default quotas in requests per second per account and Region. */
export const DEFAULT_CATEGORY_LIMITS: Readonly<Record<string, number>> = QUOTAS;

export interface LimitDefinition {
  LimitClass: string;
  Attributes: Record<string, string>;
}

export interface Limit {
  LimitDefinition: { LimitClass: string; Attributes: { Category: string } };
  ProvisionedLimitValue: number;
  FreeLimitValue: number;
}

export class ProvisionedLimitsService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      get: db.prepare("SELECT value FROM provisioned_limits WHERE limit_class = ? AND category = ?").pluck(),
      set: db.prepare(
        "INSERT INTO provisioned_limits (limit_class, category, value, modified) VALUES (?, ?, ?, ?) ON CONFLICT(limit_class, category) DO UPDATE SET value = excluded.value, modified = excluded.modified",
      ),
    };
  }

  get(definition: LimitDefinition): Limit {
    const category = categoryOf(definition);
    const stored = this.s.get.get(definition.LimitClass, category) as number | undefined;
    return describe(definition.LimitClass, category, stored);
  }

  /** The value must be at least the default quota (the service's lower bound). */
  update(definition: LimitDefinition, requested: number): Limit {
    const category = categoryOf(definition);
    const free = DEFAULT_CATEGORY_LIMITS[category];
    if (requested < free) {
      throw new InvalidParameterException(
        `RequestedLimitValue for ${category} must be at least the default limit of ${free}.`,
      );
    }
    this.s.set.run(definition.LimitClass, category, requested, this.clock().getTime());
    return describe(definition.LimitClass, category, requested);
  }
}

function categoryOf(definition: LimitDefinition): string {
  const keys = Object.keys(definition.Attributes);
  if (keys.length !== 1 || keys[0] !== "Category") {
    throw new InvalidParameterException("LimitDefinition.Attributes must contain exactly one key, Category.");
  }
  const category = definition.Attributes.Category;
  if (!Object.hasOwn(DEFAULT_CATEGORY_LIMITS, category)) {
    throw new InvalidParameterException(
      `Unknown API category ${category}. Valid categories: ${Object.keys(DEFAULT_CATEGORY_LIMITS).join(", ")}.`,
    );
  }
  return category;
}

const describe = (limitClass: string, category: string, stored: number | undefined): Limit => ({
  LimitDefinition: { LimitClass: limitClass, Attributes: { Category: category } },
  ProvisionedLimitValue: stored ?? DEFAULT_CATEGORY_LIMITS[category],
  FreeLimitValue: DEFAULT_CATEGORY_LIMITS[category],
});
