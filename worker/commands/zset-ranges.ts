// Sorted set ranges: ZRANGE in all its forms (by rank, BYSCORE, BYLEX, REV, LIMIT, WITHSCORES),
// the older ZREVRANGE / Z[REV]RANGEBYSCORE / Z[REV]RANGEBYLEX, ZRANGESTORE, ZCOUNT, ZLEXCOUNT and
// ZREMRANGEBYRANK/SCORE/LEX. A range is found in O(log N) as a span of ranks, then walked.
import type { Context, Handler } from '../engine.ts'
import { isToken, parseInteger } from '../args.ts'
import {
  fail, MIN_MAX_NOT_FLOAT, MIN_MAX_NOT_STRING_RANGE, SYNTAX, ZRANGE_LIMIT_NEEDS_BY, ZRANGE_WITHSCORES_BYLEX,
} from '../errors.ts'
import { EMPTY_ARRAY, int, type Reply, ZERO } from '../reply.ts'
import { type LexBound, type LexRange, type ScoreRange, type ZSetEntry, ZSetValue } from '../types/zset.ts'
import { entriesReply, limitsOf, storeResult } from './zset-shared.ts'

const C_SPACE = /^[ \t\n\v\f\r]+/
const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/
const HEX = /^([+-]?)0[xX](?:([0-9a-fA-F]+)\.?([0-9a-fA-F]*)|\.([0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?$/
const INFINITY = /^[+-]?inf(?:inity)?$/i

/**
 * A range end as Redis's zslParseRange reads it: C's strtod over the text as a C string (it ends
 * at a NUL byte), which skips leading blanks, reads "" as 0, and turns overflow into +-inf rather
 * than an error. NaN is refused.
 */
function strtodWhole(bytes: string): number | undefined {
  const text = bytes.split('\0', 1)[0]
  if (text === '') return 0
  const body = text.replace(C_SPACE, '')
  if (DECIMAL.test(body)) return Number(body)
  if (INFINITY.test(body)) return body[0] === '-' ? -Infinity : Infinity
  const hex = HEX.exec(body)
  if (hex === null) return undefined
  const [, sign, whole = '', fraction = '', onlyFraction = '', exponent = '0'] = hex
  const digits = whole + fraction + onlyFraction
  const value = Number(BigInt(`0x${digits}`)) * 2 ** (Number(exponent) - 4 * (fraction.length + onlyFraction.length))
  return sign === '-' ? -value : value
}

function parseScoreBound(text: string): [value: number, exclusive: boolean] | undefined {
  const exclusive = text[0] === '('
  const value = strtodWhole(exclusive ? text.slice(1) : text)
  return value === undefined ? undefined : [value, exclusive]
}

/** A score range from its two ends, or "ERR min or max is not a float". */
export function parseScoreRange(minText: string, maxText: string): ScoreRange {
  const min = parseScoreBound(minText)
  const max = parseScoreBound(maxText)
  if (min === undefined || max === undefined) fail(MIN_MAX_NOT_FLOAT)
  return { min: min[0], minExclusive: min[1], max: max[0], maxExclusive: max[1] }
}

/** '-' and '+' alone, or '[' (inclusive) or '(' (exclusive) before a value. */
function parseLexBound(text: string): LexBound | undefined {
  switch (text[0]) {
    case '-':
    case '+':
      // Redis checks that the next byte ends the C string: a NUL does.
      return text.length === 1 || text[1] === '\0' ? text[0] : undefined
    case '[':
    case '(':
      return { value: text.slice(1), exclusive: text[0] === '(' }
    default:
      return undefined
  }
}

/** A lex range from its two ends, or "ERR min or max not valid string range item". */
export function parseLexRange(minText: string, maxText: string): LexRange {
  const min = parseLexBound(minText)
  const max = parseLexBound(maxText)
  if (min === undefined || max === undefined) fail(MIN_MAX_NOT_STRING_RANGE)
  return { min, max }
}

/** Clips a rank range Redis-style (negative counts from the end); undefined when it is empty. */
function clipRanks(start: number, stop: number, size: number): [start: number, stop: number] | undefined {
  if (start < 0) start += size
  if (stop < 0) stop += size
  if (start < 0) start = 0
  if (start > stop || start >= size) return undefined
  return [start, Math.min(stop, size - 1)]
}

type RangeBy = 'rank' | 'score' | 'lex'

/** What to walk: `count` entries from rank `from`, downwards when `reverse`. */
interface Walk {
  from: number
  count: number
  reverse: boolean
}

/**
 * Applies LIMIT to ranks first..last. Redis skips `offset` members one by one, so a negative
 * offset skips them all; a negative count means no limit.
 */
function limitWalk(span: [number, number] | undefined, reverse: boolean, offset: number, limit: number): Walk | undefined {
  if (span === undefined || offset < 0) return undefined
  const [first, last] = span
  const available = last - first + 1 - offset
  if (available <= 0) return undefined
  const count = limit < 0 ? available : Math.min(limit, available)
  return { from: reverse ? last - offset : first + offset, count, reverse }
}

interface RangeRequest {
  by: RangeBy
  reverse: boolean
  withScores: boolean
  offset: number
  limit: number
  min: string
  max: string
}

/**
 * Reads ZRANGE's options after key, min and max (Redis's zrangeGenericCommand). `by` and
 * `reverse` are fixed for the older commands, which then refuse BYSCORE/BYLEX/REV.
 */
function parseRange(args: string[], store: boolean, fixedBy?: RangeBy, fixedReverse?: boolean): RangeRequest {
  let by = fixedBy
  let reverse = fixedReverse
  let withScores = false
  let offset = 0
  let limit = -1
  for (let j = 3; j < args.length; j++) {
    const left = args.length - j - 1
    if (!store && isToken(args[j], 'WITHSCORES')) {
      withScores = true
    } else if (isToken(args[j], 'LIMIT') && left >= 2) {
      offset = parseInteger(args[j + 1])
      limit = parseInteger(args[j + 2])
      j += 2
    } else if (reverse === undefined && isToken(args[j], 'REV')) {
      reverse = true
    } else if (by === undefined && isToken(args[j], 'BYLEX')) {
      by = 'lex'
    } else if (by === undefined && isToken(args[j], 'BYSCORE')) {
      by = 'score'
    } else {
      fail(SYNTAX)
    }
  }
  by ??= 'rank'
  reverse ??= false
  // Redis tells LIMIT apart by its count, so "LIMIT x -1" passes with a rank range.
  if (limit !== -1 && by === 'rank') fail(ZRANGE_LIMIT_NEEDS_BY)
  if (withScores && by === 'lex') fail(ZRANGE_WITHSCORES_BYLEX)
  // BYSCORE and BYLEX with REV take the range as max, min.
  const swap = reverse && by !== 'rank'
  return { by, reverse, withScores, offset, limit, min: swap ? args[2] : args[1], max: swap ? args[1] : args[2] }
}

/** The walk a parsed request selects in `zset`. Range ends are parsed by the caller before the key is read. */
type Selector = (zset: ZSetValue) => Walk | undefined

function selector(request: RangeRequest): Selector {
  const { reverse, offset, limit } = request
  switch (request.by) {
    case 'rank': {
      const start = parseInteger(request.min)
      const stop = parseInteger(request.max)
      return (zset) => {
        const span = clipRanks(start, stop, zset.size)
        if (span === undefined) return undefined
        const count = span[1] - span[0] + 1
        return { from: reverse ? zset.size - 1 - span[0] : span[0], count, reverse }
      }
    }
    case 'score': {
      const range = parseScoreRange(request.min, request.max)
      return (zset) => limitWalk(zset.scoreRange(range), reverse, offset, limit)
    }
    case 'lex': {
      const range = parseLexRange(request.min, request.max)
      return (zset) => limitWalk(zset.lexRange(range), reverse, offset, limit)
    }
  }
}

function walkOf(zset: ZSetValue, walk: Walk | undefined): Iterable<ZSetEntry> {
  return walk === undefined ? [] : zset.walk(walk.from, walk.count, walk.reverse)
}

/** ZRANGE and the older range commands: args are key, min, max, options. */
function zrange(ctx: Context, args: string[], fixedBy?: RangeBy, fixedReverse?: boolean): Reply {
  const request = parseRange(args, false, fixedBy, fixedReverse)
  const select = selector(request)
  const zset = ctx.db.read(args[0], 'zset')
  if (zset === undefined) return EMPTY_ARRAY
  return entriesReply(ctx, walkOf(zset, select(zset)), request.withScores)
}

/** ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]. */
function zrangestore(ctx: Context, [destination, ...args]: string[]): Reply {
  const request = parseRange(args, true)
  const select = selector(request)
  const zset = ctx.db.read(args[0], 'zset')
  const walk = zset === undefined ? undefined : select(zset)
  const limits = limitsOf(ctx)
  // Redis starts a rank range longer than the listpack limit as a skiplist, the rest as listpacks.
  const result = request.by === 'rank' && walk !== undefined && walk.count > limits.entries
    ? ZSetValue.asSkiplist()
    : new ZSetValue()
  if (zset !== undefined) for (const entry of walkOf(zset, walk)) result.set(entry.member, entry.score, limits)
  return storeResult(ctx, destination, result, 'zrangestore')
}

/** ZREMRANGEBYRANK/SCORE/LEX: `span` gives the ranks to remove (parsed ranges close over the arguments). */
function zremrange(ctx: Context, key: string, span: (zset: ZSetValue) => [number, number] | undefined, event: string): Reply {
  const zset = ctx.db.readForWrite(key, 'zset')
  if (zset === undefined) return ZERO
  const ranks = span(zset)
  if (ranks === undefined) return ZERO
  const removed = zset.deleteRanks(ranks[0], ranks[1])
  ctx.db.changed(key, event)
  ctx.db.deleteIfEmpty(key, zset)
  return int(removed)
}

const countOf = (span: [number, number] | undefined): Reply => (span === undefined ? ZERO : int(span[1] - span[0] + 1))

export const rangeHandlers: Record<string, Handler> = {
  zrange: (ctx, args) => zrange(ctx, args),
  zrevrange: (ctx, args) => zrange(ctx, args, 'rank', true),
  zrangebyscore: (ctx, args) => zrange(ctx, args, 'score', false),
  zrevrangebyscore: (ctx, args) => zrange(ctx, args, 'score', true),
  zrangebylex: (ctx, args) => zrange(ctx, args, 'lex', false),
  zrevrangebylex: (ctx, args) => zrange(ctx, args, 'lex', true),
  zrangestore,
  zcount: (ctx, [key, min, max]) => {
    const range = parseScoreRange(min, max)
    const zset = ctx.db.read(key, 'zset')
    return zset === undefined ? ZERO : countOf(zset.scoreRange(range))
  },
  zlexcount: (ctx, [key, min, max]) => {
    const range = parseLexRange(min, max)
    const zset = ctx.db.read(key, 'zset')
    return zset === undefined ? ZERO : countOf(zset.lexRange(range))
  },
  zremrangebyrank: (ctx, [key, startArg, stopArg]) => {
    const start = parseInteger(startArg)
    const stop = parseInteger(stopArg)
    return zremrange(ctx, key, (zset) => clipRanks(start, stop, zset.size), 'zremrangebyrank')
  },
  zremrangebyscore: (ctx, [key, min, max]) => {
    const range = parseScoreRange(min, max)
    return zremrange(ctx, key, (zset) => zset.scoreRange(range), 'zremrangebyscore')
  },
  zremrangebylex: (ctx, [key, min, max]) => {
    const range = parseLexRange(min, max)
    return zremrange(ctx, key, (zset) => zset.lexRange(range), 'zremrangebylex')
  },
}
