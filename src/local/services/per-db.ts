// One instance of a service per database handle, for services that targets reach through a function
// (`termsOf(ctx.services)`) rather than a member of LocalServices: statements are still prepared once.
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";

export function perDb<T>(make: (db: Db, clock: Clock) => T): (services: { db: Db; clock: Clock }) => T {
  const made = new WeakMap<Db, T>();
  return ({ db, clock }) => {
    let svc = made.get(db);
    if (svc === undefined) {
      svc = make(db, clock);
      made.set(db, svc);
    }
    return svc;
  };
}
