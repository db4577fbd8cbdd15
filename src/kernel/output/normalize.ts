// Turns an SDK response into the plain JSON value the AWS CLI v2 would show: the same keys in the
// same order, without the SDK's `$metadata`, with timestamps and blobs spelled as the CLI spells
// them. Runs before --query, as in the AWS CLI (its parser converts timestamps before the query).

/** SDK output → plain JSON value (objects, arrays, strings, numbers, booleans, null). */
export function normalizeForOutput(data: unknown): unknown {
  return normalizeValue(data, true);
}

function normalizeValue(value: unknown, topLevel: boolean): unknown {
  if (value === null || typeof value !== "object") {
    // bigint has no JSON form; the service's integers fit a double, so a number is what users expect.
    if (typeof value === "bigint") return Number(value);
    return value;
  }
  if (value instanceof Date) return formatTimestamp(value);
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) if (item !== undefined) items.push(normalizeValue(item, false));
    return items;
  }
  const entries: [string, unknown][] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === "function") continue;
    // `$metadata` is the SDK's request bookkeeping (the CLI's ResponseMetadata), never output.
    if (topLevel && key === "$metadata") continue;
    entries.push([key, normalizeValue(member, false)]);
  }
  // Map keys in a response are the user's (tags, attribute mappings): fromEntries keeps a
  // `__proto__` key a key, where assignment would set the prototype.
  return Object.fromEntries(entries);
}

/**
 * A timestamp as AWS CLI v2 prints it: Python's `datetime.fromtimestamp(epoch, tzlocal()).isoformat()`,
 * i.e. local wall time, microseconds only when non-zero, and the machine's UTC offset as +HH:MM.
 */
export function formatTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) return "Invalid Date";
  const offsetMinutes = -date.getTimezoneOffset();
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const ms = date.getMilliseconds();
  const fraction = ms === 0 ? "" : `.${pad(ms, 3)}000`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${day}T${time}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
