// The outbox: every email and SMS Cognito would have sent (invitations, verification and MFA codes,
// password resets) is written here instead, so people and tests can read the code or temporary
// password (`cogctl local messages`, or MessagesService.list). The database is 0600 for this reason.
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import type { Pool } from "./pools.js";
import type { User } from "./users.js";

export type Channel = "EMAIL" | "SMS";
export type MessageKind =
  | "INVITATION"
  | "VERIFICATION"
  | "MFA"
  | "FORGOT_PASSWORD"
  | "ATTRIBUTE_VERIFICATION"
  | "OTHER";

export interface OutboxMessage {
  id: number;
  poolId: string;
  username: string;
  channel: Channel;
  destination: string;
  kind: MessageKind;
  subject?: string;
  message: string;
  code?: string;
  created: number;
}

export interface Delivery {
  channel: Channel;
  destination: string;
}

export class MessagesService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      insert: db.prepare(
        "INSERT INTO outbox (pool_id, username, channel, destination, kind, subject, message, code, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      list: db.prepare(
        "SELECT id, pool_id AS poolId, username, channel, destination, kind, subject, message, code, created FROM outbox WHERE pool_id = ? AND (? IS NULL OR username = ?) ORDER BY id",
      ),
      listAll: db.prepare(
        "SELECT id, pool_id AS poolId, username, channel, destination, kind, subject, message, code, created FROM outbox ORDER BY id",
      ),
    };
  }

  send(m: Omit<OutboxMessage, "id" | "created">): OutboxMessage {
    const created = this.clock().getTime();
    const info = this.s.insert.run(
      m.poolId,
      m.username,
      m.channel,
      m.destination,
      m.kind,
      m.subject ?? null,
      m.message,
      m.code ?? null,
      created,
    );
    return { ...m, id: Number(info.lastInsertRowid), created };
  }

  list(poolId?: string, username?: string): OutboxMessage[] {
    const rows = (
      poolId ? this.s.list.all(poolId, username ?? null, username ?? null) : this.s.listAll.all()
    ) as OutboxMessage[];
    return rows.map((r) => ({ ...r, subject: r.subject ?? undefined, code: r.code ?? undefined }));
  }

  /**
   * Where a message for this user goes, as CodeDeliveryDetails would say: the wanted channels in order,
   * falling back to whichever of email / phone_number the user has.
   */
  static destinations(user: User, wanted: Channel[]): Delivery[] {
    const email = user.attributes.email;
    const phone = user.attributes.phone_number;
    const out: Delivery[] = [];
    for (const ch of wanted) {
      if (ch === "EMAIL" && email) out.push({ channel: "EMAIL", destination: email });
      if (ch === "SMS" && phone) out.push({ channel: "SMS", destination: phone });
    }
    if (out.length === 0) {
      if (email) out.push({ channel: "EMAIL", destination: email });
      else if (phone) out.push({ channel: "SMS", destination: phone });
    }
    return out;
  }

  /** Masks a destination the way CodeDeliveryDetails shows it (a***@e***.com, +*******1234). */
  static mask(d: Delivery): string {
    if (d.channel === "SMS")
      return `+${"*".repeat(Math.max(0, d.destination.length - 5))}${d.destination.slice(-4)}`;
    const [local, domain = ""] = d.destination.split("@");
    const dot = domain.lastIndexOf(".");
    const host = dot > 0 ? domain.slice(0, dot) : domain;
    const tld = dot > 0 ? domain.slice(dot) : "";
    return `${local.charAt(0)}***@${host.charAt(0)}***${tld}`;
  }
}

/** Fills the `{username}` and `{####}` placeholders of a Cognito message template. */
export function fillTemplate(template: string, values: { username?: string; code?: string }): string {
  return template.replaceAll("{username}", values.username ?? "").replaceAll("{####}", values.code ?? "");
}

export const DEFAULT_INVITE = {
  EmailSubject: "Your temporary password",
  EmailMessage: "Your username is {username} and temporary password is {####}.",
  SMSMessage: "Your username is {username} and temporary password is {####}.",
};

/** Writes AdminCreateUser's invitation (with the temporary password) to the outbox. */
export function sendInvitation(
  messages: MessagesService,
  pool: Pool,
  user: User,
  temporaryPassword: string,
  wanted: Channel[],
): void {
  const template = { ...DEFAULT_INVITE, ...pool.data.AdminCreateUserConfig?.InviteMessageTemplate };
  for (const d of MessagesService.destinations(user, wanted)) {
    const email = d.channel === "EMAIL";
    messages.send({
      poolId: pool.id,
      username: user.username,
      channel: d.channel,
      destination: d.destination,
      kind: "INVITATION",
      subject: email ? template.EmailSubject : undefined,
      message: fillTemplate(email ? template.EmailMessage : template.SMSMessage, {
        username: user.username,
        code: temporaryPassword,
      }),
      code: temporaryPassword,
    });
  }
}
