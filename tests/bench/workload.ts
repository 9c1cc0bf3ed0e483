// The benchmark's work, as data: how the collections are filled and, for each operation of
// the standard mix, the argv of its i-th call. Every system (engine, ioredis-mock, Redis)
// gets the same argv sequence because `make(i)` depends only on i.
import type { Reply } from '../../worker/reply.ts'

/** Elements per collection (and string keys) in the standard mix. */
export const SIZE = 200_000
/** Elements per fill command (LPUSH/SADD/HSET/ZADD with many elements at once). */
export const FILL_BATCH = 1_000

export const KEYS = { list: 'bench:list', set: 'bench:set', hash: 'bench:hash', zset: 'bench:zset' } as const

/** A uniform integer in [0, bound) that depends only on (seed, i): repeatable on every system. */
export function pick(seed: number, i: number, bound: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) % bound
}

/** The score of member:i in the filled sorted set: a permutation of 0..SIZE-1, so scores are unique and unrelated to names. */
export const scoreOf = (i: number): number => (i * 7919) % SIZE

/** The fill, as plain data every system can load its own way. */
export interface FillData {
  strings: Array<[string, string]>
  list: string[]
  set: string[]
  hash: Array<[string, string]>
  zset: Array<[number, string]>
}

export function fillData(): FillData {
  const strings: Array<[string, string]> = []
  const list: string[] = []
  const set: string[] = []
  const hash: Array<[string, string]> = []
  const zset: Array<[number, string]> = []
  for (let i = 0; i < SIZE; i++) {
    strings.push([`key:${i}`, `value:${i}`], [`counter:${i}`, String(i)])
    list.push(`item:${i}`)
    set.push(`member:${i}`)
    hash.push([`field:${i}`, `value:${i}`])
    zset.push([scoreOf(i), `member:${i}`])
  }
  return { strings, list, set, hash, zset }
}

export type FillGroup = 'strings' | 'list' | 'set' | 'hash' | 'zset'
export const FILL_GROUPS: FillGroup[] = ['strings', 'list', 'set', 'hash', 'zset']

/**
 * One group of the fill as Redis commands (what the engine and redis-server execute), collections
 * in batches of FILL_BATCH elements. Groups are separate so one missing command spoils only its own rows.
 */
export function* fillCommands(data: FillData, group: FillGroup): Generator<string[]> {
  if (group === 'strings') {
    for (const [key, value] of data.strings) yield ['SET', key, value]
    return
  }
  for (let start = 0; start < SIZE; start += FILL_BATCH) {
    const end = start + FILL_BATCH
    if (group === 'list') yield ['LPUSH', KEYS.list, ...data.list.slice(start, end)]
    if (group === 'set') yield ['SADD', KEYS.set, ...data.set.slice(start, end)]
    if (group === 'hash') yield ['HSET', KEYS.hash, ...data.hash.slice(start, end).flat()]
    if (group === 'zset') yield ['ZADD', KEYS.zset, ...data.zset.slice(start, end).flatMap(([s, m]) => [String(s), m])]
  }
}

export interface Operation {
  /** How the operation is shown in the tables. */
  label: string
  /** The argv of the i-th call. */
  make(i: number): string[]
  /** Whether a reply has the shape this operation must produce (guards against timing a no-op). */
  valid(reply: Reply): boolean
  /** Most calls per batch (default 1000). */
  batch?: number
  /** A command run untimed after each batch of calls [from, to), undoing their effect. */
  cleanup?: (from: number, to: number) => string[]
}

/** An operation of the standard mix, with the fill group whose data it works on. */
export interface MixOperation extends Operation {
  fill: FillGroup
}

const isInteger = (r: Reply) => r.type === 'integer'
const isBulk = (r: Reply) => r.type === 'bulk'
const isScore = (r: Reply) => r.type === 'bulk' || r.type === 'double'
const arrayOf = (length: number) => (r: Reply) => r.type === 'array' && r.value.length === length
const r = (seed: number, i: number) => pick(seed, i, SIZE)

/** The standard mix. Writes add new elements (collections grow by the calls made) or overwrite existing strings. */
export const MIX: MixOperation[] = [
  { label: 'SET', fill: 'strings', make: (i) => ['SET', `key:${r(1, i)}`, `new:${i}`], valid: (x) => x.type === 'simple' },
  { label: 'GET', fill: 'strings', make: (i) => ['GET', `key:${r(2, i)}`], valid: isBulk },
  { label: 'INCR', fill: 'strings', make: (i) => ['INCR', `counter:${r(3, i)}`], valid: isInteger },
  { label: 'LPUSH', fill: 'list', make: (i) => ['LPUSH', KEYS.list, `pushed:${i}`], valid: isInteger },
  { label: 'LRANGE 0 99', fill: 'list', make: () => ['LRANGE', KEYS.list, '0', '99'], valid: arrayOf(100) },
  { label: 'SADD', fill: 'set', make: (i) => ['SADD', KEYS.set, `added:${i}`], valid: isInteger },
  { label: 'SISMEMBER', fill: 'set', make: (i) => ['SISMEMBER', KEYS.set, `member:${r(5, i)}`], valid: (x) => x.type === 'integer' && x.value === 1 },
  { label: 'HSET', fill: 'hash', make: (i) => ['HSET', KEYS.hash, `added:${i}`, `value:${i}`], valid: isInteger },
  { label: 'HGET', fill: 'hash', make: (i) => ['HGET', KEYS.hash, `field:${r(6, i)}`], valid: isBulk },
  { label: 'ZADD', fill: 'zset', make: (i) => ['ZADD', KEYS.zset, String(r(7, i)), `added:${i}`], valid: isInteger },
  { label: 'ZSCORE', fill: 'zset', make: (i) => ['ZSCORE', KEYS.zset, `member:${r(8, i)}`], valid: isScore },
  { label: 'ZRANK', fill: 'zset', make: (i) => ['ZRANK', KEYS.zset, `member:${r(9, i)}`], valid: isInteger },
  { label: 'ZRANGE 0 9', fill: 'zset', make: () => ['ZRANGE', KEYS.zset, '0', '9'], valid: arrayOf(10) },
  {
    label: 'ZRANGEBYSCORE LIMIT 0 10',
    fill: 'zset',
    // Lower bounds stay below the top scores so every call returns 10 members.
    make: (i) => ['ZRANGEBYSCORE', KEYS.zset, String(pick(10, i, SIZE - 1_000)), '+inf', 'LIMIT', '0', '10'],
    valid: arrayOf(10),
  },
  { label: 'ZINCRBY', fill: 'zset', make: (i) => ['ZINCRBY', KEYS.zset, '1', `member:${r(11, i)}`], valid: isScore },
]

/** Sorted-set sizes for the growth table. */
export const SCALE_SIZES = [1_000, 10_000, 100_000, 1_000_000]
export const SCALE_KEY = 'scale:zset'

/** Score of scale member i: spread over a large range, independent of i's order. */
export const scaleScore = (i: number): string => String(pick(12, i, 1_000_000_000))

/** Adds members [from, to) of the growth sorted set, FILL_BATCH per command. */
export function* scaleFill(from: number, to: number): Generator<string[]> {
  for (let start = from; start < to; start += FILL_BATCH) {
    const argv = ['ZADD', SCALE_KEY]
    for (let i = start; i < Math.min(to, start + FILL_BATCH); i++) argv.push(scaleScore(i), `m:${i}`)
    yield argv
  }
}

/**
 * The growth table's operations at size n. ZADD adds new members in batches below a tenth of
 * the set and removes them again (untimed) after each batch, so the set stays near n members.
 */
export function scaleOperations(n: number): Operation[] {
  const mid = Math.floor(n / 2)
  return [
    {
      label: 'ZADD (new member)',
      make: (i) => ['ZADD', SCALE_KEY, String(pick(13, i, 1_000_000_000)), `new:${i}`],
      valid: isInteger,
      batch: Math.min(1_000, n / 10),
      cleanup: scaleUndo,
    },
    { label: 'ZRANK', make: (i) => ['ZRANK', SCALE_KEY, `m:${pick(14, i, n)}`], valid: isInteger },
    { label: 'ZRANGE 0 9', make: () => ['ZRANGE', SCALE_KEY, '0', '9'], valid: arrayOf(10) },
    { label: `ZRANGE mid (n/2 .. n/2+9)`, make: () => ['ZRANGE', SCALE_KEY, String(mid), String(mid + 9)], valid: arrayOf(10) },
  ]
}

/** The clean-up after a ZADD batch [from, to): removes the members it added. */
function scaleUndo(from: number, to: number): string[] {
  const argv = ['ZREM', SCALE_KEY]
  for (let i = from; i < to; i++) argv.push(`new:${i}`)
  return argv
}

/** Memory test: this many `SET key:i value:i`. */
export const MEMORY_KEYS = 1_000_000
export const memoryCommand = (i: number): string[] => ['SET', `key:${i}`, `value:${i}`]
