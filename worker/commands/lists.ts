// List commands (the non-blocking ones): pushes, pops, ranges, LPOS, LMOVE and LMPOP.
// Parsing order follows Redis's t_list.c, so the same error wins when several apply.
import type { Context, Handler } from '../engine.ts'
import type { Database } from '../keyspace.ts'
import { INT64_MIN, isToken, parseInt64, parseInteger } from '../args.ts'
import {
  COUNT_POSITIVE, fail, INDEX_OUT_OF_RANGE, LPOS_COUNT_NEGATIVE, LPOS_MAXLEN_NEGATIVE, LPOS_RANK_ZERO, NO_SUCH_KEY,
  NUMKEYS_POSITIVE, OUT_OF_RANGE_POSITIVE, SYNTAX, wrongArity,
} from '../errors.ts'
import {
  array, bulk, bulkOrNil, bulks, EMPTY_ARRAY, int, NIL, NIL_ARRAY, OK, type Reply, ZERO,
} from '../reply.ts'
import { ListValue } from '../types/list.ts'

type End = 'left' | 'right'

/** LEFT or RIGHT (any case), else a syntax error. */
function parseEnd(arg: string): End {
  if (isToken(arg, 'LEFT')) return 'left'
  if (isToken(arg, 'RIGHT')) return 'right'
  return fail(SYNTAX)
}

/** Redis's getPositiveLongFromObjectOrReply: a non-negative int64, else `error` (also for non-integers). */
function parseNonNegative(text: string, error: string): number {
  const value = parseInteger(text, error)
  return value < 0 ? fail(error) : value
}

function push(ctx: Context, [key, ...elements]: string[], end: End, onlyIfExists: boolean): Reply {
  const existing = ctx.db.readForWrite(key, 'list')
  if (existing === undefined && onlyIfExists) return ZERO
  const list = existing ?? ctx.db.readOrCreate(key, 'list', () => new ListValue())
  for (const element of elements) {
    if (end === 'left') list.pushFront(element)
    else list.pushBack(element)
  }
  ctx.db.changed(key, end === 'left' ? 'lpush' : 'rpush')
  return int(list.size)
}

/** Pops up to `count` elements from one end, in pop order; notifies and removes an emptied key. */
function popElements(db: Database, key: string, list: ListValue, end: End, count: number): string[] {
  const popped: string[] = []
  const n = Math.min(count, list.size)
  for (let i = 0; i < n; i++) popped.push((end === 'left' ? list.popFront() : list.popBack()) as string)
  db.changed(key, end === 'left' ? 'lpop' : 'rpop')
  db.deleteIfEmpty(key, list)
  return popped
}

function pop(ctx: Context, args: string[], end: End): Reply {
  if (args.length > 2) fail(wrongArity(ctx.name))
  const [key, countArg] = args
  const count = countArg === undefined ? undefined : parseNonNegative(countArg, OUT_OF_RANGE_POSITIVE)
  const list = ctx.db.readForWrite(key, 'list')
  if (list === undefined) return count === undefined ? NIL : NIL_ARRAY
  if (count === undefined) return bulk(popElements(ctx.db, key, list, end, 1)[0])
  if (count === 0) return EMPTY_ARRAY
  return bulks(popElements(ctx.db, key, list, end, count))
}

/**
 * Redis's index normalization for LRANGE and LTRIM: negative indexes count from the tail,
 * start is clamped at 0, stop at the last element. Undefined when the range is empty.
 */
function clampRange(size: number, start: number, stop: number): [number, number] | undefined {
  if (start < 0) start = size + start
  if (stop < 0) stop = size + stop
  if (start < 0) start = 0
  if (start > stop || start >= size) return undefined
  return [start, Math.min(stop, size - 1)]
}

function move(ctx: Context, source: string, destination: string, from: End, to: End): Reply {
  const list = ctx.db.readForWrite(source, 'list')
  if (list === undefined) return NIL
  // Read before popping: when source and destination are the same key this is the same list.
  const target = ctx.db.readForWrite(destination, 'list')
  const element = (from === 'left' ? list.popFront() : list.popBack()) as string
  const into = target ?? ctx.db.readOrCreate(destination, 'list', () => new ListValue())
  if (to === 'left') into.pushFront(element)
  else into.pushBack(element)
  ctx.db.changed(destination, to === 'left' ? 'lpush' : 'rpush')
  ctx.db.changed(source, from === 'left' ? 'lpop' : 'rpop')
  ctx.db.deleteIfEmpty(source, list)
  return bulk(element)
}

interface LposOptions {
  /** Which match to start from: 1 = the first, -1 = the first from the tail. */
  rank: number
  /** Reply with an array of up to this many positions (0 = all); undefined = a single position. */
  count: number | undefined
  /** Compare at most this many elements (0 = all). */
  maxlen: number
  /** RANK -9223372036854775808: Redis's negation overflows, so every match counts and COUNT never stops it. */
  unboundedRank: boolean
}

function parseLposOptions(args: string[]): LposOptions {
  const options: LposOptions = { rank: 1, count: undefined, maxlen: 0, unboundedRank: false }
  for (let i = 2; i < args.length; i++) {
    const option = args[i]
    const hasValue = i + 1 < args.length
    if (isToken(option, 'RANK') && hasValue) {
      const rank = parseInt64(args[++i])
      if (rank === 0n) fail(LPOS_RANK_ZERO)
      options.unboundedRank = rank === INT64_MIN
      options.rank = Number(rank)
    } else if (isToken(option, 'COUNT') && hasValue) {
      options.count = parseNonNegative(args[++i], LPOS_COUNT_NEGATIVE)
    } else if (isToken(option, 'MAXLEN') && hasValue) {
      options.maxlen = parseNonNegative(args[++i], LPOS_MAXLEN_NEGATIVE)
    } else {
      fail(SYNTAX)
    }
  }
  return options
}

/** Positions of matches, scanning from the head (or the tail for a negative rank), as LINDEX numbers them. */
function lposMatches(list: ListValue, element: string, options: LposOptions): number[] {
  const fromTail = options.rank < 0
  const rank = options.unboundedRank ? 1 : Math.abs(options.rank)
  const wanted = options.count === undefined ? 1 : options.unboundedRank ? 0 : options.count
  const scan = options.maxlen === 0 ? list.size : Math.min(options.maxlen, list.size)
  const found: number[] = []
  let matches = 0
  for (let i = 0; i < scan; i++) {
    const index = fromTail ? list.size - 1 - i : i
    if (list.at(index) !== element) continue
    matches++
    if (matches < rank) continue
    found.push(index)
    if (wanted !== 0 && found.length >= wanted) break
  }
  return found
}

function lmpop(ctx: Context, args: string[]): Reply {
  const numkeys = parseInteger(args[0], NUMKEYS_POSITIVE)
  if (numkeys < 1) fail(NUMKEYS_POSITIVE)
  const whereIndex = numkeys + 1
  if (whereIndex >= args.length) fail(SYNTAX)
  const end = parseEnd(args[whereIndex])
  let count: number | undefined
  for (let i = whereIndex + 1; i < args.length; i++) {
    if (count === undefined && isToken(args[i], 'COUNT') && i + 1 < args.length) {
      count = parseInteger(args[++i], COUNT_POSITIVE)
      if (count < 1) fail(COUNT_POSITIVE)
    } else {
      fail(SYNTAX)
    }
  }
  for (const key of args.slice(1, whereIndex)) {
    const list = ctx.db.readForWrite(key, 'list')
    if (list === undefined) continue
    return array([bulk(key), bulks(popElements(ctx.db, key, list, end, count ?? 1))])
  }
  return NIL_ARRAY
}

export const listHandlers: Record<string, Handler> = {
  lpush: (ctx, args) => push(ctx, args, 'left', false),
  rpush: (ctx, args) => push(ctx, args, 'right', false),
  lpushx: (ctx, args) => push(ctx, args, 'left', true),
  rpushx: (ctx, args) => push(ctx, args, 'right', true),
  lpop: (ctx, args) => pop(ctx, args, 'left'),
  rpop: (ctx, args) => pop(ctx, args, 'right'),

  llen: (ctx, [key]) => int(ctx.db.read(key, 'list')?.size ?? 0),

  lrange: (ctx, [key, startArg, stopArg]) => {
    const start = parseInteger(startArg)
    const stop = parseInteger(stopArg)
    const list = ctx.db.read(key, 'list')
    if (list === undefined) return EMPTY_ARRAY
    const range = clampRange(list.size, start, stop)
    return range === undefined ? EMPTY_ARRAY : bulks(list.range(range[0], range[1]))
  },

  lindex: (ctx, [key, indexArg]) => {
    const list = ctx.db.read(key, 'list')
    if (list === undefined) return NIL
    return bulkOrNil(list.at(parseInteger(indexArg)))
  },

  lset: (ctx, [key, indexArg, element]) => {
    const list = ctx.db.readForWrite(key, 'list')
    if (list === undefined) fail(NO_SUCH_KEY)
    if (!list.set(parseInteger(indexArg), element)) fail(INDEX_OUT_OF_RANGE)
    ctx.db.changed(key, 'lset')
    return OK
  },

  linsert: (ctx, [key, where, pivot, element]) => {
    const after = isToken(where, 'AFTER')
    if (!after && !isToken(where, 'BEFORE')) fail(SYNTAX)
    const list = ctx.db.readForWrite(key, 'list')
    if (list === undefined) return ZERO
    const position = list.indexOf(pivot)
    if (position < 0) return int(-1)
    list.insert(after ? position + 1 : position, element)
    ctx.db.changed(key, 'linsert')
    return int(list.size)
  },

  lrem: (ctx, [key, countArg, element]) => {
    const count = parseInteger(countArg)
    const list = ctx.db.readForWrite(key, 'list')
    if (list === undefined) return ZERO
    const removed = list.removeMatching(element, Math.abs(count), count < 0)
    if (removed > 0) ctx.db.changed(key, 'lrem')
    ctx.db.deleteIfEmpty(key, list)
    return int(removed)
  },

  ltrim: (ctx, [key, startArg, stopArg]) => {
    const start = parseInteger(startArg)
    const stop = parseInteger(stopArg)
    const list = ctx.db.readForWrite(key, 'list')
    if (list === undefined) return OK
    const range = clampRange(list.size, start, stop)
    if (range === undefined) list.trim(list.size, 0)
    else list.trim(range[0], list.size - 1 - range[1])
    ctx.db.changed(key, 'ltrim')
    ctx.db.deleteIfEmpty(key, list)
    return OK
  },

  lpos: (ctx, args) => {
    const options = parseLposOptions(args)
    const list = ctx.db.read(args[0], 'list')
    if (list === undefined) return options.count === undefined ? NIL : EMPTY_ARRAY
    const found = lposMatches(list, args[1], options)
    if (options.count !== undefined) return array(found.map((index) => int(index)))
    return found.length === 0 ? NIL : int(found[0])
  },

  lmove: (ctx, [source, destination, fromArg, toArg]) => {
    const from = parseEnd(fromArg)
    const to = parseEnd(toArg)
    return move(ctx, source, destination, from, to)
  },

  rpoplpush: (ctx, [source, destination]) => move(ctx, source, destination, 'right', 'left'),

  lmpop,
}
