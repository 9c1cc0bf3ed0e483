// Hash commands: fields and values, counters, random fields and HSCAN. Parsing order, error
// texts and reply shapes follow Redis 7.0's t_hash.c.
import type { Context, Handler } from '../engine.ts'
import { INT64_MAX, INT64_MIN, parseInt64, toInt64 } from '../args.ts'
import {
  fail, HASH_NOT_FLOAT, HASH_NOT_INTEGER, INCREMENT_NAN_OR_INFINITY, NOT_FLOAT, OVERFLOW, wrongArity,
} from '../errors.ts'
import {
  array, bulk, bulkOrNil, bulks, EMPTY_ARRAY, int, int64, map, NIL, OK, ONE, type Reply, ZERO,
} from '../reply.ts'
import { HashValue } from '../types/hash.ts'
import { incrementByFloat, isFiniteLongDouble, parseLongDouble } from '../longdouble.ts'
import { collectionPage, EMPTY_SCAN, parseCursor, parseScanOptions, scanReply } from '../scan.ts'
import { checkRepeatedPicks, parseCountWithPairs, removeMembers } from './collections.ts'

/** The hash at key, created empty when missing (Redis's hashTypeLookupWriteOrCreate). */
const writable = (ctx: Context, key: string): HashValue => ctx.db.readOrCreate(key, 'hash', () => new HashValue())

/** Applies the listpack-to-hashtable conversion Redis makes while writing, with the limits in force now. */
function settle(ctx: Context, hash: HashValue): void {
  hash.encoding(ctx.engine.config)
}

/** Sets every field/value pair of HSET or HMSET; returns how many fields were new. */
function setPairs(ctx: Context, key: string, pairs: string[]): number {
  if (pairs.length % 2 !== 0) fail(wrongArity(ctx.name))
  const hash = writable(ctx, key)
  let created = 0
  for (let i = 0; i < pairs.length; i += 2) if (hash.set(pairs[i], pairs[i + 1])) created++
  settle(ctx, hash)
  ctx.db.changed(key, 'hset')
  return created
}

/** Stores a counter's new value and announces it. */
function storeCounter(ctx: Context, key: string, field: string, value: string, event: string): void {
  const hash = writable(ctx, key)
  hash.set(field, value)
  settle(ctx, hash)
  ctx.db.changed(key, event)
}

/** A field/value pair as HRANDFIELD WITHVALUES replies it: nested in RESP3, flat in RESP2. */
function pairsReply(ctx: Context, pairs: Array<[string, string]>): Reply {
  if (ctx.client.resp === 3) return array(pairs.map(([field, value]) => bulks([field, value])))
  return bulks(pairs.flat())
}

function hrandfieldWithCount(ctx: Context, key: string, countArg: string, options: string[]): Reply {
  const [parsed, withValues] = parseCountWithPairs(countArg, options, 'WITHVALUES')
  const hash = ctx.db.read(key, 'hash')
  if (hash === undefined || parsed === 0n) return EMPTY_ARRAY
  const distinct = parsed > 0n
  const count = Number(distinct ? parsed : -parsed)
  const reply = (pairs: Array<[string, string]>) =>
    withValues ? pairsReply(ctx, pairs) : bulks(pairs.map(([field]) => field))
  const random = ctx.engine.random
  if (!distinct || count === 1) {
    checkRepeatedPicks(count)
    const picks: Array<[string, string]> = []
    for (let i = 0; i < count; i++) picks.push(hash.randomEntry(random))
    return reply(picks)
  }
  // Asking for at least the whole hash returns all of it, in order.
  if (count >= hash.size) return reply([...hash])
  return reply(hash.randomDistinct(count, random))
}

function hscan(ctx: Context, [key, cursorArg, ...options]: string[]): Reply {
  const cursor = parseCursor(cursorArg)
  const hash = ctx.db.read(key, 'hash')
  if (hash === undefined) return EMPTY_SCAN
  const parsed = parseScanOptions(options)
  const small = hash.encoding(ctx.engine.config) === 'listpack'
  const [next, fields] = collectionPage(
    ctx.engine.scans, hash, cursor, parsed, small, () => hash.fields(), (field) => hash.has(field),
  )
  return scanReply(next, fields.flatMap((field) => [field, hash.get(field) as string]))
}

export const hashHandlers: Record<string, Handler> = {
  hset: (ctx, [key, ...pairs]) => int(setPairs(ctx, key, pairs)),

  hmset: (ctx, [key, ...pairs]) => {
    setPairs(ctx, key, pairs)
    return OK
  },

  hsetnx: (ctx, [key, field, value]) => {
    if (ctx.db.readForWrite(key, 'hash')?.has(field)) return ZERO
    const hash = writable(ctx, key)
    hash.set(field, value)
    settle(ctx, hash)
    ctx.db.changed(key, 'hset')
    return ONE
  },

  hget: (ctx, [key, field]) => bulkOrNil(ctx.db.read(key, 'hash')?.get(field)),

  hmget: (ctx, [key, ...fields]) => {
    const hash = ctx.db.read(key, 'hash')
    return array(fields.map((field) => bulkOrNil(hash?.get(field))))
  },

  hgetall: (ctx, [key]) => {
    const hash = ctx.db.read(key, 'hash')
    return map(hash === undefined ? [] : Array.from(hash, ([field, value]) => [bulk(field), bulk(value)]))
  },

  hkeys: (ctx, [key]) => {
    const hash = ctx.db.read(key, 'hash')
    return hash === undefined ? EMPTY_ARRAY : bulks(hash.fields())
  },

  hvals: (ctx, [key]) => {
    const hash = ctx.db.read(key, 'hash')
    return hash === undefined ? EMPTY_ARRAY : bulks(hash.valuesInOrder())
  },

  hdel: (ctx, [key, ...fields]) => {
    const hash = ctx.db.readForWrite(key, 'hash')
    return hash === undefined ? ZERO : int(removeMembers(ctx, key, hash, fields, 'hdel'))
  },

  hlen: (ctx, [key]) => int(ctx.db.read(key, 'hash')?.size ?? 0),

  hexists: (ctx, [key, field]) => (ctx.db.read(key, 'hash')?.has(field) ? ONE : ZERO),

  hstrlen: (ctx, [key, field]) => int(ctx.db.read(key, 'hash')?.get(field)?.length ?? 0),

  hincrby: (ctx, [key, field, incrementArg]) => {
    const increment = parseInt64(incrementArg)
    const current = ctx.db.readForWrite(key, 'hash')?.get(field)
    const value = current === undefined ? 0n : toInt64(current) ?? fail(HASH_NOT_INTEGER)
    const sum = value + increment
    if (sum > INT64_MAX || sum < INT64_MIN) fail(OVERFLOW)
    storeCounter(ctx, key, field, String(sum), 'hincrby')
    return int64(sum)
  },

  hincrbyfloat: (ctx, [key, field, incrementArg]) => {
    const increment = parseLongDouble(incrementArg) ?? fail(NOT_FLOAT)
    if (!isFiniteLongDouble(increment)) fail(INCREMENT_NAN_OR_INFINITY)
    const current = ctx.db.readForWrite(key, 'hash')?.get(field)
    const text = incrementByFloat(current, increment, HASH_NOT_FLOAT)
    storeCounter(ctx, key, field, text, 'hincrbyfloat')
    return bulk(text)
  },

  hrandfield: (ctx, [key, countArg, ...options]) => {
    if (countArg !== undefined) return hrandfieldWithCount(ctx, key, countArg, options)
    const hash = ctx.db.read(key, 'hash')
    return hash === undefined ? NIL : bulk(hash.randomEntry(ctx.engine.random)[0])
  },

  hscan,
}
