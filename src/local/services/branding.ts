// Managed login branding styles (Create/Describe/DescribeByClient/Update/DeleteManagedLoginBranding):
// one per app client, holding the settings JSON document as given and the image assets (bytes kept
// base64 as they came on the wire). Nothing renders them locally; they are stored and returned.
import { randomUUID } from "node:crypto";
import { InvalidParameterException, ResourceNotFoundException } from "../errors.js";
import { ManagedLoginBrandingExistsException } from "../errors-extras.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { toEpochSeconds } from "./ids.js";

export interface BrandingAsset {
  Category: string;
  ColorMode: string;
  Extension: string;
  /** Base64, as on the wire. */
  Bytes?: string;
  ResourceId?: string;
}

export interface BrandingInput {
  UseCognitoProvidedValues?: boolean;
  Settings?: unknown;
  Assets?: BrandingAsset[];
}

interface BrandingData {
  UseCognitoProvidedValues: boolean;
  Settings?: unknown;
  Assets: BrandingAsset[];
}

export interface Branding extends BrandingData {
  ManagedLoginBrandingId: string;
  UserPoolId: string;
  ClientId: string;
  created: number;
  modified: number;
}

interface Row {
  branding_id: string;
  pool_id: string;
  client_id: string;
  data: string;
  created: number;
  modified: number;
}

/** AssetBytesType: at most 1,000,000 bytes (decoded). */
const MAX_ASSET_BYTES = 1_000_000;

const fromRow = (r: Row): Branding => ({
  ManagedLoginBrandingId: r.branding_id,
  UserPoolId: r.pool_id,
  ClientId: r.client_id,
  ...(JSON.parse(r.data) as BrandingData),
  created: r.created,
  modified: r.modified,
});

export class BrandingService {
  private readonly s;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      get: db.prepare("SELECT * FROM managed_login_branding WHERE branding_id = ? AND pool_id = ?"),
      byClient: db.prepare("SELECT * FROM managed_login_branding WHERE client_id = ?"),
      insert: db.prepare(
        "INSERT INTO managed_login_branding (branding_id, pool_id, client_id, data, created, modified) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      update: db.prepare("UPDATE managed_login_branding SET data = ?, modified = ? WHERE branding_id = ?"),
      delete: db.prepare("DELETE FROM managed_login_branding WHERE branding_id = ?"),
    };
  }

  create(poolId: string, clientId: string, input: BrandingInput): Branding {
    const data = checked(input);
    return this.db
      .transaction(() => {
        if (this.s.byClient.get(clientId)) {
          throw new ManagedLoginBrandingExistsException(
            `A managed login branding style already exists for app client ${clientId}.`,
          );
        }
        const now = this.clock().getTime();
        const id = randomUUID();
        this.s.insert.run(id, poolId, clientId, JSON.stringify(data), now, now);
        return this.get(poolId, id);
      })
      .immediate();
  }

  get(poolId: string, id: string): Branding {
    const row = this.s.get.get(id, poolId) as Row | undefined;
    if (!row) throw new ResourceNotFoundException(`Managed login branding ${id} does not exist.`);
    return fromRow(row);
  }

  byClient(clientId: string): Branding {
    const row = this.s.byClient.get(clientId) as Row | undefined;
    if (!row) {
      throw new ResourceNotFoundException(
        `No managed login branding style exists for app client ${clientId}.`,
      );
    }
    return fromRow(row);
  }

  /**
   * UseCognitoProvidedValues resets the style to the defaults (no settings, no assets); otherwise the
   * Settings and Assets given replace the stored ones and those omitted stay.
   */
  update(poolId: string, id: string, input: BrandingInput): Branding {
    checked(input);
    return this.db
      .transaction(() => {
        const old = this.get(poolId, id);
        const data: BrandingData = input.UseCognitoProvidedValues
          ? { UseCognitoProvidedValues: true, Assets: [] }
          : {
              UseCognitoProvidedValues:
                input.Settings === undefined &&
                input.Assets === undefined &&
                input.UseCognitoProvidedValues !== false
                  ? old.UseCognitoProvidedValues
                  : false,
              ...(input.Settings !== undefined
                ? { Settings: input.Settings }
                : old.Settings !== undefined
                  ? { Settings: old.Settings }
                  : {}),
              Assets: input.Assets ?? old.Assets,
            };
        this.s.update.run(JSON.stringify(data), this.clock().getTime(), id);
        return this.get(poolId, id);
      })
      .immediate();
  }

  delete(poolId: string, id: string): void {
    this.get(poolId, id);
    this.s.delete.run(id);
  }

  /** ManagedLoginBrandingType on the wire. No Cognito default document exists locally, so merged = stored. */
  static describe(b: Branding): Record<string, unknown> {
    return {
      ManagedLoginBrandingId: b.ManagedLoginBrandingId,
      UserPoolId: b.UserPoolId,
      UseCognitoProvidedValues: b.UseCognitoProvidedValues,
      ...(b.Settings !== undefined ? { Settings: b.Settings } : {}),
      Assets: b.Assets,
      CreationDate: toEpochSeconds(b.created),
      LastModifiedDate: toEpochSeconds(b.modified),
    };
  }
}

/** The checks the model cannot express; returns the document to store. */
function checked(input: BrandingInput): BrandingData {
  if (
    input.UseCognitoProvidedValues === true &&
    (input.Settings !== undefined || input.Assets !== undefined)
  ) {
    throw new InvalidParameterException(
      "Settings and Assets must be omitted when UseCognitoProvidedValues is true.",
    );
  }
  const assets = input.Assets ?? [];
  const seen = new Set<string>();
  for (const a of assets) {
    const key = `${a.Category}/${a.ColorMode}`;
    if (seen.has(key)) {
      throw new InvalidParameterException(
        `Duplicate asset for category ${a.Category} and color mode ${a.ColorMode}.`,
      );
    }
    seen.add(key);
    if (a.Bytes === undefined && a.ResourceId === undefined) {
      throw new InvalidParameterException(`Asset ${a.Category} needs Bytes or a ResourceId.`);
    }
    if (a.Bytes !== undefined && Buffer.byteLength(a.Bytes, "base64") > MAX_ASSET_BYTES) {
      throw new InvalidParameterException(
        `1 validation error detected: Value at 'assets.member.bytes' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ASSET_BYTES}`,
      );
    }
  }
  return {
    UseCognitoProvidedValues: input.UseCognitoProvidedValues === true,
    ...(input.Settings !== undefined ? { Settings: input.Settings } : {}),
    Assets: assets,
  };
}
