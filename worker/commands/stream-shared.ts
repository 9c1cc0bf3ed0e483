// What the stream commands share: Redis's stream id parsing and the reply shape of entries.
import type { Context } from '../engine.ts'
import { fail, NOT_INTEGER } from '../errors.ts'
import { parseInteger, toInt64 } from '../args.ts'
import { array, bulk, bulks, type Reply } from '../reply.ts'
import { formatId, makeId, MAX_ID, MIN_ID, type StreamEntry, type StreamId, StreamValue } from '../types/stream.ts'

export const INVALID_STREAM_ID = 'ERR Invalid stream ID specified as stream command argument'

const U64_MAX = (1n << 64n) - 1n
const STRTOULL = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/

/**
 * Redis's string2ull: a canonical int64 (negative refused), else C's strtoull (leading white
 * space, a sign, leading zeros; a '-' wraps around as in C; out of range refused).
 */
function toU64(text: string): bigint | undefined {
  const canonical = toInt64(text)
  if (canonical !== undefined) return canonical < 0n ? undefined : canonical
  const parts = STRTOULL.exec(text)
  if (parts === null) return undefined
  const value = BigInt(parts[2])
  if (value > U64_MAX) return undefined
  return parts[1] === '-' ? (U64_MAX + 1n - value) & U64_MAX : value
}

export interface ParsedId {
  id: StreamId
  /** False for the `<ms>-*` form (XADD picks the sequence). */
  seqGiven: boolean
}

/**
 * Redis's streamGenericParseIDOrReply: `-` and `+` (unless strict), `<ms>`, `<ms>-<seq>`, and
 * `<ms>-*` where allowed. A missing sequence is `missingSeq`.
 */
export function parseIdWith(text: string, missingSeq: bigint, strict: boolean, allowAutoSeq = false): ParsedId {
  // Redis copies the argument into a C buffer: it stops at a NUL byte and refuses 128 bytes or more.
  if (text.length > 127) fail(INVALID_STREAM_ID)
  const buf = text.split('\0', 1)[0]
  if (buf === '-' || buf === '+') {
    if (strict) fail(INVALID_STREAM_ID)
    return { id: buf === '-' ? MIN_ID : MAX_ID, seqGiven: true }
  }
  const dash = buf.indexOf('-')
  const ms = toU64(dash < 0 ? buf : buf.slice(0, dash))
  if (ms === undefined) fail(INVALID_STREAM_ID)
  if (dash < 0) return { id: makeId(ms, missingSeq), seqGiven: true }
  const seqText = buf.slice(dash + 1)
  if (allowAutoSeq && seqText === '*') return { id: makeId(ms, 0n), seqGiven: false }
  const seq = toU64(seqText)
  if (seq === undefined) fail(INVALID_STREAM_ID)
  return { id: makeId(ms, seq), seqGiven: true }
}

/** An id where `-` and `+` are allowed; a missing sequence is 0. */
export const parseId = (text: string, missingSeq = 0n): StreamId => parseIdWith(text, missingSeq, false).id
/** An id where `-` and `+` are not allowed. */
export const parseStrictId = (text: string, missingSeq = 0n): StreamId => parseIdWith(text, missingSeq, true).id

/**
 * A range bound (XRANGE, XPENDING, XAUTOCLAIM): `(` makes it exclusive, which Redis turns into
 * the next (start) or previous (end) id, failing at the ends of the id space.
 */
export function parseRangeBound(text: string, isStart: boolean): StreamId {
  if (text.length > 1 && text[0] === '(') {
    const id = parseStrictId(text.slice(1), isStart ? 0n : U64_MAX)
    if (isStart) {
      if (id === MAX_ID) fail('ERR invalid start ID for the interval')
      return id + 1n
    }
    if (id === MIN_ID) fail('ERR invalid end ID for the interval')
    return id - 1n
  }
  return parseId(text, isStart ? 0n : U64_MAX)
}

/** An argument as Redis's printf-style error formats show it: up to a NUL byte, CR and LF as spaces. */
export const cText = (text: string): string => text.split('\0', 1)[0].replace(/[\r\n]/g, ' ')

/** A COUNT-like argument (getLongLongFromObjectOrReply). */
export const parseCount = (text: string): number => parseInteger(text, NOT_INTEGER)

/** An entry as Redis replies it: [id, [field, value, ...]]. */
export function entryReply(entry: StreamEntry): Reply {
  return array([bulk(formatId(entry.id)), bulks(entry.fields)])
}

export const entriesReply = (entries: StreamEntry[]): Reply => array(entries.map(entryReply))

/** The stream at key, or undefined; WRONGTYPE for other types. */
export const readStream = (ctx: Context, key: string): StreamValue | undefined => ctx.db.read(key, 'stream')

/** The next id after `last` that XADD * would give at time `now` (Redis's streamNextID). */
export function nextAutoId(last: StreamId, now: number): StreamId | undefined {
  const ms = BigInt(now)
  if (ms > last >> 64n) return makeId(ms, 0n)
  return last === MAX_ID ? undefined : last + 1n
}
