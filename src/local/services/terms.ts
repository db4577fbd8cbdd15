// Terms documents (CreateTerms / DescribeTerms / DescribeTermsByClient / ListTerms / UpdateTerms /
// DeleteTerms): per app client, at most one of each name (terms-of-use, privacy-policy), each a map
// of managed-login language → URL. Rows in `terms`; deleting the client or the pool deletes them.
import { randomUUID } from "node:crypto";
import { InvalidParameterException, ResourceNotFoundException } from "../errors.js";
import { TermsExistsException } from "../errors-extras.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { toEpochSeconds } from "./ids.js";
import { decodePage, encodePage } from "./paging.js";

export interface TermsSettings {
  TermsSource: string;
  Enforcement: string;
  Links: Record<string, string>;
}

export interface Terms extends TermsSettings {
  TermsId: string;
  UserPoolId: string;
  ClientId: string;
  TermsName: string;
  created: number;
  modified: number;
}

interface Row {
  terms_id: string;
  pool_id: string;
  client_id: string;
  name: string;
  data: string;
  created: number;
  modified: number;
  rowid: number;
}

const fromRow = (r: Row): Terms => ({
  TermsId: r.terms_id,
  UserPoolId: r.pool_id,
  ClientId: r.client_id,
  TermsName: r.name,
  ...(JSON.parse(r.data) as TermsSettings),
  created: r.created,
  modified: r.modified,
});

const COLUMNS = "rowid, terms_id, pool_id, client_id, name, data, created, modified";

export class TermsService {
  private readonly s;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      get: db.prepare(`SELECT ${COLUMNS} FROM terms WHERE terms_id = ? AND pool_id = ?`),
      byClient: db.prepare(`SELECT ${COLUMNS} FROM terms WHERE client_id = ? AND name = ?`),
      page: db.prepare(`SELECT ${COLUMNS} FROM terms WHERE pool_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`),
      insert: db.prepare(
        "INSERT INTO terms (terms_id, pool_id, client_id, name, data, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      update: db.prepare("UPDATE terms SET name = ?, data = ?, modified = ? WHERE terms_id = ?"),
      delete: db.prepare("DELETE FROM terms WHERE terms_id = ?"),
    };
  }

  create(poolId: string, clientId: string, name: string, settings: TermsSettings): Terms {
    checkLinks(settings.Links);
    return this.db
      .transaction(() => {
        if (this.s.byClient.get(clientId, name)) {
          throw new TermsExistsException(`Terms with name ${name} already exist for app client ${clientId}.`);
        }
        const now = this.clock().getTime();
        const id = randomUUID();
        this.s.insert.run(id, poolId, clientId, name, JSON.stringify(settings), now, now);
        return this.get(poolId, id);
      })
      .immediate();
  }

  get(poolId: string, termsId: string): Terms {
    const row = this.s.get.get(termsId, poolId) as Row | undefined;
    if (!row) throw new ResourceNotFoundException(`Terms ${termsId} does not exist in user pool ${poolId}.`);
    return fromRow(row);
  }

  byClient(clientId: string, name: string): Terms {
    const row = this.s.byClient.get(clientId, name) as Row | undefined;
    if (!row) throw new ResourceNotFoundException(`Terms ${name} do not exist for app client ${clientId}.`);
    return fromRow(row);
  }

  list(poolId: string, max: number, nextToken?: string): { terms: Terms[]; nextToken?: string } {
    const after = nextToken ? Number(decodePage(nextToken)) : 0;
    if (!Number.isSafeInteger(after)) throw new InvalidParameterException("Invalid pagination token.");
    const rows = this.s.page.all(poolId, after, max + 1) as Row[];
    const page = rows.slice(0, max);
    return {
      terms: page.map(fromRow),
      nextToken: rows.length > max ? encodePage(String(page[page.length - 1].rowid)) : undefined,
    };
  }

  /** Changes the members given; the others keep their values. */
  update(poolId: string, termsId: string, change: Partial<TermsSettings> & { TermsName?: string }): Terms {
    if (change.Links !== undefined) checkLinks(change.Links);
    return this.db
      .transaction(() => {
        const old = this.get(poolId, termsId);
        const name = change.TermsName ?? old.TermsName;
        if (name !== old.TermsName && this.s.byClient.get(old.ClientId, name)) {
          throw new TermsExistsException(
            `Terms with name ${name} already exist for app client ${old.ClientId}.`,
          );
        }
        const settings: TermsSettings = {
          TermsSource: change.TermsSource ?? old.TermsSource,
          Enforcement: change.Enforcement ?? old.Enforcement,
          Links: change.Links ?? old.Links,
        };
        this.s.update.run(name, JSON.stringify(settings), this.clock().getTime(), termsId);
        return this.get(poolId, termsId);
      })
      .immediate();
  }

  delete(poolId: string, termsId: string): void {
    this.get(poolId, termsId);
    this.s.delete.run(termsId);
  }

  /** TermsType on the wire. */
  static describe(t: Terms): Record<string, unknown> {
    const { created, modified, ...rest } = t;
    return { ...rest, CreationDate: toEpochSeconds(created), LastModifiedDate: toEpochSeconds(modified) };
  }

  /** TermsDescriptionType (ListTerms). */
  static summary(t: Terms): Record<string, unknown> {
    return {
      TermsId: t.TermsId,
      TermsName: t.TermsName,
      Enforcement: t.Enforcement,
      CreationDate: toEpochSeconds(t.created),
      LastModifiedDate: toEpochSeconds(t.modified),
    };
  }
}

/** Links are where the documents are (TermsSource LINK): at least one, each an http(s) URL. */
function checkLinks(links: Record<string, string> | undefined): void {
  if (!links || Object.keys(links).length === 0) {
    throw new InvalidParameterException("Links are required when TermsSource is LINK.");
  }
  for (const [language, url] of Object.entries(links)) {
    if (!/^https?:\/\/\S+$/i.test(url)) {
      throw new InvalidParameterException(`The link for ${language} is not a valid URL.`);
    }
  }
}
