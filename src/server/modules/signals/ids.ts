import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered ids (the UUID version 7 layout: 48 bits of milliseconds, a 12-bit sequence within the
 * millisecond, 62 random bits). A bulk intake writes a million signals and their cases: random ids
 * scatter every b-tree insert over the whole index (and, after each checkpoint, a full page image
 * into the WAL per page touched); ordered ids keep the inserts at the right edge. The time of
 * creation they reveal is on the record anyway.
 */
const random = Buffer.alloc(8 * 2048);
let offset = random.length;
let lastMs = 0;
let sequence = 0;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function timeOrderedId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  if (offset + 8 > random.length) {
    randomFillSync(random);
    offset = 0;
  }
  const ms = lastMs;
  const r = offset;
  offset += 8;
  return (
    hex[Math.floor(ms / 2 ** 40) & 0xff]! +
    hex[Math.floor(ms / 2 ** 32) & 0xff]! +
    hex[(ms >>> 24) & 0xff]! +
    hex[(ms >>> 16) & 0xff]! +
    '-' +
    hex[(ms >>> 8) & 0xff]! +
    hex[ms & 0xff]! +
    '-' +
    hex[0x70 | (sequence >>> 8)]! +
    hex[sequence & 0xff]! +
    '-' +
    hex[0x80 | (random[r]! & 0x3f)]! +
    hex[random[r + 1]!]! +
    '-' +
    hex[random[r + 2]!]! +
    hex[random[r + 3]!]! +
    hex[random[r + 4]!]! +
    hex[random[r + 5]!]! +
    hex[random[r + 6]!]! +
    hex[random[r + 7]!]!
  );
}
