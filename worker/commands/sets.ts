// Set commands: membership, random picks, moves, the set algebra (SINTER/SUNION/SDIFF and their
// STORE and CARD forms) and SSCAN. Parsing order and edge cases follow Redis's t_set.c.
import type { Context, Handler } from '../engine.ts'
import type { Database } from '../keyspace.ts'
import { isToken, parseInteger } from '../args.ts'
import { fail, LIMIT_NEGATIVE, NUMKEYS_POSITIVE, NUMKEYS_TOO_MANY, OUT_OF_RANGE_POSITIVE, SYNTAX } from '../errors.ts'
import { array, bulk, bulks, EMPTY_ARRAY, int, NIL, ONE, type Reply, set, ZERO } from '../reply.ts'
import { maxIntsetEntries, SetValue } from '../types/set.ts'
import { collectionPage, EMPTY_SCAN, parseCursor, parseScanOptions, scanReply } from '../scan.ts'
import { checkRepeatedPicks, parseRandomCount, removeMembers } from './collections.ts'

/** Redis's SPOP and SRANDMEMBER strategy thresholds (SPOP_MOVE_STRATEGY_MUL, SRANDMEMBER_SUB_STRATEGY_MUL). */
const SPOP_MOVE_STRATEGY_MUL = 5
const SRANDMEMBER_SUB_STRATEGY_MUL = 3

const setReply = (members: Iterable<string>): Reply => set(Array.from(members, (member) => bulk(member)))

/** Looks every key up in order (a wrong type anywhere is an error, even after a missing key). */
function readSets(db: Database, keys: string[]): Array<SetValue | undefined> {
  return keys.map((key) => db.read(key, 'set'))
}

/** Removes `count` random members and returns them (SPOP's first strategy). */
function popRandom(ctx: Context, value: SetValue, count: number): string[] {
  const popped: string[] = []
  for (let i = 0; i < count; i++) {
    const member = value.random(ctx.engine.random)
    value.delete(member)
    popped.push(member)
  }
  return popped
}

function spopWithCount(ctx: Context, key: string, countArg: string): Reply {
  const count = parseInteger(countArg, OUT_OF_RANGE_POSITIVE)
  if (count < 0) fail(OUT_OF_RANGE_POSITIVE)
  const value = ctx.db.readForWrite(key, 'set')
  if (value === undefined || count === 0) return set([])
  ctx.db.changed(key, 'spop')
  if (count >= value.size) {
    const all = [...value.values()]
    ctx.db.delete(key)
    ctx.db.changed(key, 'del')
    return setReply(all)
  }
  const remaining = value.size - count
  if (remaining * SPOP_MOVE_STRATEGY_MUL > count) return setReply(popRandom(ctx, value, count))
  // Popping most of the set: Redis moves the few survivors into a new set (which may be an
  // intset again) and replies with what is left in the old one.
  const survivors = popRandom(ctx, value, remaining)
  const kept = SetValue.forMember(survivors[0])
  const limit = maxIntsetEntries(ctx.engine.config)
  for (const member of survivors) kept.add(member, limit)
  ctx.db.set(key, kept, true)
  return setReply(value.values())
}

function srandmemberWithCount(ctx: Context, key: string, countArg: string): Reply {
  const parsed = parseRandomCount(countArg)
  const value = ctx.db.read(key, 'set')
  if (value === undefined || parsed === 0n) return EMPTY_ARRAY
  const unique = parsed > 0n
  const count = Number(unique ? parsed : -parsed)
  const random = ctx.engine.random
  if (!unique || count === 1) {
    checkRepeatedPicks(count)
    const picks: string[] = []
    for (let i = 0; i < count; i++) picks.push(value.random(random))
    return bulks(picks)
  }
  if (count >= value.size) return bulks(value.values())
  if (count * SRANDMEMBER_SUB_STRATEGY_MUL > value.size) {
    // Close to the whole set: drop random members from a copy until `count` remain.
    const members = [...value.values()]
    while (members.length > count) {
      const i = Math.floor(random() * members.length)
      members[i] = members[members.length - 1]
      members.pop()
    }
    return bulks(members)
  }
  const picks = new Set<string>()
  while (picks.size < count) picks.add(value.random(random))
  return bulks(picks)
}

/** The sets of an intersection, smallest first; undefined when a key is missing (the result is empty). */
function intersect(ctx: Context, keys: string[]): SetValue[] | undefined {
  const sets = readSets(ctx.db, keys)
  if (sets.some((s) => s === undefined)) return undefined
  // Smallest first; ties keep argument order, as glibc's qsort (a merge sort) does in Redis.
  return (sets as SetValue[]).sort((a, b) => a.size - b.size)
}

/** The members of the first (smallest) set found in every other set, in its iteration order. */
function* intersection(sets: SetValue[]): IterableIterator<string> {
  const [first, ...rest] = sets
  for (const member of first.values()) {
    if (rest.every((other) => other === first || other.has(member))) yield member
  }
}

/** Stores a computed set at destination (or deletes destination when empty) and replies with its size. */
function store(ctx: Context, destination: string, result: SetValue, event: string): Reply {
  if (result.size > 0) {
    ctx.db.set(destination, result)
    ctx.db.changed(destination, event)
    return int(result.size)
  }
  if (ctx.db.delete(destination)) ctx.db.changed(destination, 'del')
  return ZERO
}

/** SUNION and SDIFF into a fresh set, the way Redis builds its temporary set (so the encoding matches). */
function unionOrDiff(ctx: Context, keys: string[], op: 'union' | 'diff'): SetValue {
  const sets = readSets(ctx.db, keys)
  const limit = maxIntsetEntries(ctx.engine.config)
  const result = new SetValue()
  if (op === 'union') {
    for (const s of sets) if (s !== undefined) for (const member of s.values()) result.add(member, limit)
    return result
  }
  const [first, ...rest] = sets
  if (first === undefined) return result
  // Redis picks between two algorithms by estimated work; they can leave different encodings.
  let perMember = 0
  let total = 0
  for (const s of sets) {
    if (s === undefined) continue
    perMember += first.size
    total += s.size
  }
  if (Math.floor(perMember / 2) <= total) {
    for (const member of first.values()) {
      if (!rest.some((s) => s !== undefined && (s === first || s.has(member)))) result.add(member, limit)
    }
    return result
  }
  for (const member of first.values()) result.add(member, limit)
  for (const s of rest) {
    if (result.size === 0) break
    if (s !== undefined) for (const member of s.values()) result.delete(member)
  }
  return result
}

function sscan(ctx: Context, [key, cursorArg, ...options]: string[]): Reply {
  const cursor = parseCursor(cursorArg)
  const value = ctx.db.read(key, 'set')
  if (value === undefined) return EMPTY_SCAN
  const parsed = parseScanOptions(options)
  const small = value.encoding(ctx.engine.config) === 'intset'
  const [next, members] = collectionPage(
    ctx.engine.scans, value, cursor, parsed, small, () => value.values(), (member) => value.has(member),
  )
  return scanReply(next, members)
}

export const setHandlers: Record<string, Handler> = {
  sadd: (ctx, [key, ...members]) => {
    const value = ctx.db.readOrCreate(key, 'set', () => SetValue.forMember(members[0]))
    const limit = maxIntsetEntries(ctx.engine.config)
    let added = 0
    for (const member of members) if (value.add(member, limit)) added++
    if (added > 0) ctx.db.changed(key, 'sadd')
    return int(added)
  },

  srem: (ctx, [key, ...members]) => {
    const value = ctx.db.readForWrite(key, 'set')
    return value === undefined ? ZERO : int(removeMembers(ctx, key, value, members, 'srem'))
  },

  smembers: (ctx, [key]) => setReply(ctx.db.read(key, 'set')?.values() ?? []),

  sismember: (ctx, [key, member]) => (ctx.db.read(key, 'set')?.has(member) ? ONE : ZERO),

  smismember: (ctx, [key, ...members]) => {
    const value = ctx.db.read(key, 'set')
    return array(members.map((member) => (value?.has(member) ? ONE : ZERO)))
  },

  scard: (ctx, [key]) => int(ctx.db.read(key, 'set')?.size ?? 0),

  spop: (ctx, args) => {
    if (args.length === 2) return spopWithCount(ctx, args[0], args[1])
    if (args.length > 2) fail(SYNTAX)
    const [key] = args
    const value = ctx.db.readForWrite(key, 'set')
    if (value === undefined) return NIL
    const [member] = popRandom(ctx, value, 1)
    ctx.db.changed(key, 'spop')
    ctx.db.deleteIfEmpty(key, value)
    return bulk(member)
  },

  srandmember: (ctx, args) => {
    if (args.length === 2) return srandmemberWithCount(ctx, args[0], args[1])
    if (args.length > 2) fail(SYNTAX)
    const value = ctx.db.read(args[0], 'set')
    return value === undefined ? NIL : bulk(value.random(ctx.engine.random))
  },

  smove: (ctx, [source, destination, member]) => {
    const from = ctx.db.readForWrite(source, 'set')
    if (from === undefined) return ZERO
    const to = ctx.db.readForWrite(destination, 'set')
    if (from === to) return from.has(member) ? ONE : ZERO
    if (!from.delete(member)) return ZERO
    ctx.db.changed(source, 'srem')
    ctx.db.deleteIfEmpty(source, from)
    const target = to ?? ctx.db.readOrCreate(destination, 'set', () => SetValue.forMember(member))
    if (target.add(member, maxIntsetEntries(ctx.engine.config))) ctx.db.changed(destination, 'sadd')
    return ONE
  },

  sinter: (ctx, keys) => {
    const sets = intersect(ctx, keys)
    return setReply(sets === undefined ? [] : intersection(sets))
  },

  sintercard: (ctx, args) => {
    const numkeys = parseInteger(args[0], NUMKEYS_POSITIVE)
    if (numkeys < 1) fail(NUMKEYS_POSITIVE)
    if (numkeys > args.length - 1) fail(NUMKEYS_TOO_MANY)
    let limit = 0
    for (let i = numkeys + 1; i < args.length; i++) {
      if (isToken(args[i], 'LIMIT') && i + 1 < args.length) {
        limit = parseInteger(args[++i], LIMIT_NEGATIVE)
        if (limit < 0) fail(LIMIT_NEGATIVE)
      } else {
        fail(SYNTAX)
      }
    }
    const sets = intersect(ctx, args.slice(1, numkeys + 1))
    let cardinality = 0
    if (sets !== undefined) {
      for (const _ of intersection(sets)) if (++cardinality === limit) break
    }
    return int(cardinality)
  },

  sinterstore: (ctx, [destination, ...keys]) => {
    const sets = intersect(ctx, keys)
    const result = new SetValue()
    if (sets !== undefined) {
      const limit = maxIntsetEntries(ctx.engine.config)
      for (const member of intersection(sets)) result.add(member, limit)
    }
    return store(ctx, destination, result, 'sinterstore')
  },

  sunion: (ctx, keys) => setReply(unionOrDiff(ctx, keys, 'union').values()),
  sunionstore: (ctx, [destination, ...keys]) =>
    store(ctx, destination, unionOrDiff(ctx, keys, 'union'), 'sunionstore'),
  sdiff: (ctx, keys) => setReply(unionOrDiff(ctx, keys, 'diff').values()),
  sdiffstore: (ctx, [destination, ...keys]) =>
    store(ctx, destination, unionOrDiff(ctx, keys, 'diff'), 'sdiffstore'),

  sscan,
}
