// Sign-in history for AdminListUserAuthEvents and the auth-event feedback operations. Cognito keeps
// it only with advanced security (threat protection) on, so events are recorded only for pools
// whose UserPoolAddOns.AdvancedSecurityMode is AUDIT or ENFORCED; elsewhere the operations answer
// UserPoolAddOnNotEnabledException as the service does. Each event has a random feedback token
// (in AWS it travels in the risk notification email); it is kept in the event's stored data.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { toEpochSeconds } from "./ids.js";
import { decodePage, encodePage } from "./paging.js";
import type { Pool } from "./pools.js";
import type { User } from "./users.js";

export interface AuthEventData {
  EventType: "SignIn" | "SignUp" | "ForgotPassword" | "PasswordChange" | "ResendCode";
  EventResponse: "Pass" | "Fail" | "InProgress";
  ChallengeResponses: { ChallengeName: string; ChallengeResponse: "Success" | "Failure" }[];
  IpAddress?: string;
  feedbackToken: string;
  EventFeedback?: { FeedbackValue: string; Provider: string; FeedbackDate: number };
}

export const advancedSecurityOn = (pool: Pool): boolean => {
  const mode = pool.data.UserPoolAddOns?.AdvancedSecurityMode;
  return mode === "AUDIT" || mode === "ENFORCED";
};

export class AuthEventsService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      insert: db.prepare(
        "INSERT INTO auth_events (event_id, pool_id, username_key, data, created) VALUES (?, ?, ?, ?, ?)",
      ),
      get: db.prepare(
        "SELECT data, created FROM auth_events WHERE event_id = ? AND pool_id = ? AND username_key = ?",
      ),
      update: db.prepare("UPDATE auth_events SET data = ? WHERE event_id = ?"),
      page: db.prepare(
        "SELECT event_id, data, created FROM auth_events WHERE pool_id = ? AND username_key = ? AND event_id > ? ORDER BY event_id LIMIT ?",
      ),
    };
  }

  /** Records an event when the pool has advanced security on; returns its id (or undefined). */
  record(pool: Pool, user: User, event: Omit<AuthEventData, "feedbackToken">): string | undefined {
    if (!advancedSecurityOn(pool)) return undefined;
    const id = randomUUID();
    const data: AuthEventData = { ...event, feedbackToken: randomBytes(24).toString("base64url") };
    this.s.insert.run(id, pool.id, user.usernameKey, JSON.stringify(data), this.clock().getTime());
    return id;
  }

  find(pool: Pool, user: User, eventId: string): { data: AuthEventData; created: number } | undefined {
    const row = this.s.get.get(eventId, pool.id, user.usernameKey) as
      | { data: string; created: number }
      | undefined;
    return row ? { data: JSON.parse(row.data), created: row.created } : undefined;
  }

  setFeedback(eventId: string, data: AuthEventData, value: string): void {
    data.EventFeedback = { FeedbackValue: value, Provider: "cognito", FeedbackDate: this.clock().getTime() };
    this.s.update.run(JSON.stringify(data), eventId);
  }

  list(pool: Pool, user: User, max: number, token?: string) {
    const rows = this.s.page.all(pool.id, user.usernameKey, token ? decodePage(token) : "", max + 1) as {
      event_id: string;
      data: string;
      created: number;
    }[];
    const page = rows.slice(0, max);
    return {
      AuthEvents: page.map((r) => toAuthEventType(r.event_id, JSON.parse(r.data), r.created)),
      ...(rows.length > max && page.length ? { NextToken: encodePage(page[page.length - 1].event_id) } : {}),
    };
  }
}

function toAuthEventType(id: string, d: AuthEventData, created: number): Record<string, unknown> {
  return {
    EventId: id,
    EventType: d.EventType,
    CreationDate: toEpochSeconds(created),
    EventResponse: d.EventResponse,
    EventRisk: { RiskDecision: "NoRisk", RiskLevel: "Low", CompromisedCredentialsDetected: false },
    ChallengeResponses: d.ChallengeResponses,
    EventContextData: { IpAddress: d.IpAddress ?? "127.0.0.1", DeviceName: "cogctl-local" },
    ...(d.EventFeedback
      ? { EventFeedback: { ...d.EventFeedback, FeedbackDate: toEpochSeconds(d.EventFeedback.FeedbackDate) } }
      : {}),
  };
}
