// The reply a command produces, as a typed union. Handlers build these; the RESP encoder
// (server/) and the redis-cli formatter (format.ts) turn them into bytes or text.
// Replies carry RESP3 meaning; RESP2 clients get the RESP2 downgrade (map -> flat array,
// double -> bulk string, boolean -> integer, null -> $-1 or *-1).
// All strings are byte strings: one JS char per byte (0..255).

export type Reply =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number | bigint }
  | { type: 'bulk'; value: string }
  | { type: 'null' }
  | { type: 'nullArray' }
  | { type: 'array'; value: Reply[] }
  | { type: 'map'; value: Array<[Reply, Reply]> }
  | { type: 'set'; value: Reply[] }
  | { type: 'double'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'bigNumber'; value: string }
  | { type: 'verbatim'; format: string; value: string }
  | { type: 'push'; value: Reply[] }
  /** Several top-level replies in a row, for one command (SUBSCRIBE a b c confirms each channel).
   *  Inside EXEC's array it makes the array hold more replies than it announces, as in Redis. */
  | { type: 'sequence'; value: Reply[] }

export const OK: Reply = Object.freeze({ type: 'simple', value: 'OK' }) as Reply
export const QUEUED: Reply = Object.freeze({ type: 'simple', value: 'QUEUED' }) as Reply
export const PONG: Reply = Object.freeze({ type: 'simple', value: 'PONG' }) as Reply
export const NIL: Reply = Object.freeze({ type: 'null' }) as Reply
export const NIL_ARRAY: Reply = Object.freeze({ type: 'nullArray' }) as Reply
export const EMPTY_ARRAY: Reply = Object.freeze({ type: 'array', value: Object.freeze([]) as unknown as Reply[] }) as Reply
export const ZERO: Reply = Object.freeze({ type: 'integer', value: 0 }) as Reply
export const ONE: Reply = Object.freeze({ type: 'integer', value: 1 }) as Reply

export const simple = (value: string): Reply => ({ type: 'simple', value })
export const error = (value: string): Reply => ({ type: 'error', value })
export const int = (value: number | bigint): Reply =>
  value === 0 ? ZERO : value === 1 ? ONE : { type: 'integer', value }
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
/** An int64 reply: a JS number while it is a safe integer (as the RESP parser reads it), else a bigint. */
export const int64 = (value: number | bigint): Reply =>
  int(typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value)
export const bulk = (value: string): Reply => ({ type: 'bulk', value })
export const bulkOrNil = (value: string | undefined | null): Reply =>
  value === undefined || value === null ? NIL : { type: 'bulk', value }
export const array = (value: Reply[]): Reply => ({ type: 'array', value })
export const bulks = (values: Iterable<string>): Reply => {
  const out: Reply[] = []
  for (const v of values) out.push({ type: 'bulk', value: v })
  return { type: 'array', value: out }
}
export const map = (value: Array<[Reply, Reply]>): Reply => ({ type: 'map', value })
export const set = (value: Reply[]): Reply => ({ type: 'set', value })
export const double = (value: number): Reply => ({ type: 'double', value })
export const boolean = (value: boolean): Reply => ({ type: 'boolean', value })
export const verbatim = (value: string, format = 'txt'): Reply => ({ type: 'verbatim', format, value })
export const push = (value: Reply[]): Reply => ({ type: 'push', value })
/** One reply as itself, several as a sequence the transports send one after the other. */
export const sequence = (replies: Reply[]): Reply => (replies.length === 1 ? replies[0] : { type: 'sequence', value: replies })

export const isError = (r: Reply): r is { type: 'error'; value: string } => r.type === 'error'
