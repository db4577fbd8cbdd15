// User pool replicas (Create/Delete/List/UpdateUserPoolReplica): the secondary Regions of a pool.
// Nothing is replicated locally: a replica is a record with the model's fields. Creation finishes
// before the answer (Create answers CREATING, the record is INACTIVE at once); Update switches
// ACTIVE/INACTIVE; Delete takes an INACTIVE replica (answered DELETING, the record is gone).
// The pool's own Region is the PRIMARY, listed first and never stored. Rows in `user_pool_replicas`
// (migration 8), deleted with the pool.
import { InvalidParameterException, LimitExceededException, ResourceNotFoundException } from "../errors.js";
import { FeatureUnavailableInTierException } from "../errors-extras.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { userPoolArn } from "./ids.js";
import type { Pool } from "./pools.js";

/** Secondary Regions per pool (a local choice: the service documents no number). */
export const MAX_REPLICAS = 10;
/** An AWS Region name: us-east-1, eu-central-2, us-gov-west-1, ap-southeast-5 ... */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export interface UserPoolReplica {
  RegionName: string;
  Status: "CREATING" | "INACTIVE" | "ACTIVE" | "DELETING";
  Role: "PRIMARY" | "SECONDARY";
  UserPoolArn: string;
}

interface Row {
  region: string;
  status: "INACTIVE" | "ACTIVE";
}

export class ReplicasService {
  private readonly s;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly region: string,
  ) {
    this.s = {
      list: db.prepare(
        "SELECT region, status FROM user_pool_replicas WHERE pool_id = ? ORDER BY created, region",
      ),
      get: db.prepare("SELECT region, status FROM user_pool_replicas WHERE pool_id = ? AND region = ?"),
      count: db.prepare("SELECT COUNT(*) FROM user_pool_replicas WHERE pool_id = ?").pluck(),
      insert: db.prepare(
        "INSERT INTO user_pool_replicas (pool_id, region, status, tags, created, modified) VALUES (?, ?, 'INACTIVE', ?, ?, ?)",
      ),
      status: db.prepare(
        "UPDATE user_pool_replicas SET status = ?, modified = ? WHERE pool_id = ? AND region = ?",
      ),
      delete: db.prepare("DELETE FROM user_pool_replicas WHERE pool_id = ? AND region = ?"),
    };
  }

  /** The primary (this endpoint's Region) and then the secondaries in creation order. */
  list(pool: Pool): UserPoolReplica[] {
    const rows = this.s.list.all(pool.id) as Row[];
    return [
      this.describe(pool, this.region, "ACTIVE", "PRIMARY"),
      ...rows.map((r) => this.describe(pool, r.region, r.status, "SECONDARY")),
    ];
  }

  create(pool: Pool, region: string, tags: Record<string, string> | undefined): UserPoolReplica {
    checkRegion(region);
    if ((pool.data.UserPoolTier ?? "ESSENTIALS") === "LITE") {
      throw new FeatureUnavailableInTierException(
        "User pool replicas are not available in the LITE feature plan.",
      );
    }
    if (region === this.region) {
      throw new InvalidParameterException(
        `The user pool's own Region ${region} cannot hold a replica of it.`,
      );
    }
    return this.db
      .transaction(() => {
        if (this.s.get.get(pool.id, region)) {
          throw new InvalidParameterException(`The user pool already has a replica in ${region}.`);
        }
        if ((this.s.count.get(pool.id) as number) >= MAX_REPLICAS) {
          throw new LimitExceededException(`A user pool can have at most ${MAX_REPLICAS} replicas.`);
        }
        const now = this.clock().getTime();
        this.s.insert.run(pool.id, region, JSON.stringify(tags ?? {}), now, now);
        return this.describe(pool, region, "CREATING", "SECONDARY");
      })
      .immediate();
  }

  update(pool: Pool, region: string, status: "ACTIVE" | "INACTIVE"): UserPoolReplica {
    if (region === this.region) {
      throw new InvalidParameterException(
        `${region} is the primary Region of the user pool; it cannot be updated.`,
      );
    }
    return this.db
      .transaction(() => {
        this.row(pool, region);
        this.s.status.run(status, this.clock().getTime(), pool.id, region);
        return this.describe(pool, region, status, "SECONDARY");
      })
      .immediate();
  }

  delete(pool: Pool, region: string): UserPoolReplica {
    if (region === this.region) {
      throw new InvalidParameterException(
        `${region} is the primary Region of the user pool; delete the user pool instead.`,
      );
    }
    return this.db
      .transaction(() => {
        const row = this.row(pool, region);
        if (row.status !== "INACTIVE") {
          throw new InvalidParameterException(
            `The replica in ${region} is ${row.status}: only an INACTIVE replica can be deleted.`,
          );
        }
        this.s.delete.run(pool.id, region);
        return this.describe(pool, region, "DELETING", "SECONDARY");
      })
      .immediate();
  }

  private row(pool: Pool, region: string): Row {
    const row = this.s.get.get(pool.id, region) as Row | undefined;
    if (!row) throw new ResourceNotFoundException(`The user pool ${pool.id} has no replica in ${region}.`);
    return row;
  }

  private describe(
    pool: Pool,
    region: string,
    status: UserPoolReplica["Status"],
    role: UserPoolReplica["Role"],
  ): UserPoolReplica {
    return { RegionName: region, Status: status, Role: role, UserPoolArn: userPoolArn(region, pool.id) };
  }
}

function checkRegion(region: string): void {
  if (!REGION.test(region)) throw new InvalidParameterException(`${region} is not a valid Region name.`);
}
