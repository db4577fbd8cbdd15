// The endpoint's notion of now: injectable so tests can move time (temporary password expiry, import
// job URL expiry, token lifetimes).
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
