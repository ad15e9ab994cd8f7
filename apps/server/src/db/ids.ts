import { randomInt } from 'node:crypto';
import { customType } from 'drizzle-orm/pg-core';

/**
 * Time-sortable 64-bit ids, serialised as decimal strings (as Mastodon does), so ids double as
 * pagination cursors. Layout: milliseconds since the Unix epoch << 16 | 16-bit sequence.
 * The sequence starts at a random point each millisecond so several processes rarely collide;
 * primary keys catch the rare collision.
 */
let lastMs = 0;
let seq = 0;

export function generateId(now: number = Date.now()): string {
  if (now === lastMs) {
    seq = (seq + 1) & 0xffff;
    if (seq === 0) return generateId(now + 1);
  } else {
    lastMs = now;
    seq = randomInt(0, 0x8000);
  }
  return ((BigInt(now) << 16n) | BigInt(seq)).toString();
}

/** The smallest id that could have been generated at `ms`: used to turn dates into id cursors. */
export function idFloorForTime(ms: number): string {
  return (BigInt(ms) << 16n).toString();
}

export function timeOfId(id: string): Date {
  return new Date(Number(BigInt(id) >> 16n));
}

export function isId(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= 9223372036854775807n;
}

/** A bigint column that the application sees as a decimal string. */
export const snowflake = customType<{ data: string; driverData: string | bigint | number }>({
  dataType() {
    return 'bigint';
  },
  toDriver(value) {
    return value;
  },
  fromDriver(value) {
    return String(value);
  },
});
