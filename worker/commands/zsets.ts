// Sorted set commands: adding and removing members, scores and ranks, popping, random picks and
// ZSCAN. Ranges are in zset-ranges.ts, the set algebra in zset-algebra.ts. Parsing order, reply
// shapes and edge cases follow Redis 7.0's t_zset.c.
import type { Context, Handler } from '../engine.ts'
import { isToken, parseDouble, parseInteger, toIntNumber } from '../args.ts'
import {
  COUNT_POSITIVE, fail, NUMKEYS_POSITIVE, OUT_OF_RANGE_POSITIVE, SCORE_NAN, SYNTAX, ZADD_GT_LT_NX,
  ZADD_INCR_SINGLE_PAIR, ZADD_XX_AND_NX,
} from '../errors.ts'
import { array, bulk, bulks, double, EMPTY_ARRAY, int, NIL, NIL_ARRAY, type Reply, ZERO } from '../reply.ts'
import type { ZSetEntry, ZSetValue } from '../types/zset.ts'
import { collectionPage, EMPTY_SCAN, parseCursor, parseScanOptions, scanReply } from '../scan.ts'
import { limitsOf, scoredReply, writableZSet } from './zset-shared.ts'
import { rangeHandlers } from './zset-ranges.ts'
import { algebraHandlers } from './zset-algebra.ts'
import { checkRepeatedPicks, parseCountWithPairs, removeMembers } from './collections.ts'

/** Redis's ZRANDMEMBER_SUB_STRATEGY_MUL: above count * 3 >= size, pick by removing from a copy. */
const RANDOM_SUB_STRATEGY_MUL = 3

interface AddFlags {
  nx: boolean
  xx: boolean
  gt: boolean
  lt: boolean
  ch: boolean
  incr: boolean
}

/**
 * ZADD and ZINCRBY (Redis's zaddGenericCommand). Options are read from the third argument on
 * for both, so `ZINCRBY key nx member` is a syntax error, as in Redis.
 */
function zadd(ctx: Context, [key, ...rest]: string[], incrementOnly: boolean): Reply {
  const flags: AddFlags = { nx: false, xx: false, gt: false, lt: false, ch: false, incr: incrementOnly }
  let first = 0
  for (; first < rest.length; first++) {
    const option = rest[first].toLowerCase()
    if (option === 'nx' || option === 'xx' || option === 'gt' || option === 'lt' || option === 'ch' || option === 'incr') {
      flags[option] = true
    } else {
      break
    }
  }
  const pairs = rest.length - first
  if (pairs === 0 || pairs % 2 !== 0) fail(SYNTAX)
  if (flags.nx && flags.xx) fail(ZADD_XX_AND_NX)
  if ((flags.gt && flags.nx) || (flags.lt && flags.nx) || (flags.gt && flags.lt)) fail(ZADD_GT_LT_NX)
  if (flags.incr && pairs > 2) fail(ZADD_INCR_SINGLE_PAIR)
  // Every score is parsed before anything changes: the command applies fully or not at all.
  const scores: number[] = []
  for (let i = first; i < rest.length; i += 2) scores.push(parseDouble(rest[i]))

  const existing = ctx.db.readForWrite(key, 'zset')
  if (existing === undefined && flags.xx) return flags.incr ? NIL : ZERO
  const zset = existing ?? writableZSet(ctx, key)
  const limits = limitsOf(ctx)
  let added = 0
  let updated = 0
  let processed = 0
  let lastScore = 0
  for (let i = 0; i < scores.length; i++) {
    const member = rest[first + 1 + 2 * i]
    let score = scores[i]
    const current = zset.score(member)
    if (current === undefined) {
      if (flags.xx) continue
      zset.set(member, score, limits)
      added++
    } else {
      if (flags.nx) continue
      if (flags.incr) {
        score += current
        if (Number.isNaN(score)) fail(SCORE_NAN)
      }
      if ((flags.lt && score >= current) || (flags.gt && score <= current)) continue
      if (score !== current) {
        zset.set(member, score, limits)
        updated++
      }
    }
    processed++
    lastScore = score
  }
  if (added > 0 || updated > 0) ctx.db.changed(key, flags.incr ? 'zincr' : 'zadd')
  if (flags.incr) return processed > 0 ? double(lastScore) : NIL
  return int(flags.ch ? added + updated : added)
}

function zrem(ctx: Context, [key, ...members]: string[]): Reply {
  const zset = ctx.db.readForWrite(key, 'zset')
  return zset === undefined ? ZERO : int(removeMembers(ctx, key, zset, members, 'zrem'))
}

function zrank(ctx: Context, [key, member]: string[], reverse: boolean): Reply {
  const zset = ctx.db.read(key, 'zset')
  const rank = zset?.rank(member)
  if (zset === undefined || rank === undefined) return NIL
  return int(reverse ? zset.size - 1 - rank : rank)
}

/** Removes up to `count` members from the low or the high end; returns them in popping order. */
function popEntries(zset: ZSetValue, count: number, highest: boolean): ZSetEntry[] {
  const taken = Math.min(count, zset.size)
  const from = highest ? zset.size - 1 : 0
  const entries = [...zset.walk(from, taken, highest)]
  if (highest) zset.deleteRanks(zset.size - taken, zset.size - 1)
  else zset.deleteRanks(0, taken - 1)
  return entries
}

/** Announces a pop and removes the key once empty. */
function popped(ctx: Context, key: string, zset: ZSetValue, highest: boolean): void {
  ctx.db.changed(key, highest ? 'zpopmax' : 'zpopmin')
  ctx.db.deleteIfEmpty(key, zset)
}

function zpop(ctx: Context, args: string[], highest: boolean): Reply {
  if (args.length > 2) fail(SYNTAX)
  const [key, countArg] = args
  let count = 1
  if (countArg !== undefined) {
    count = parseInteger(countArg, OUT_OF_RANGE_POSITIVE)
    if (count < 0) fail(OUT_OF_RANGE_POSITIVE)
  }
  const zset = ctx.db.readForWrite(key, 'zset')
  if (zset === undefined || count === 0) return EMPTY_ARRAY
  const entries = popEntries(zset, count, highest)
  popped(ctx, key, zset, highest)
  // RESP3 nests [member, score] pairs only when a count was given.
  if (countArg === undefined && ctx.client.resp === 3) {
    return array([bulk(entries[0].member), double(entries[0].score)])
  }
  return scoredReply(ctx, entries)
}

function zmpop(ctx: Context, [numkeysArg, ...rest]: string[]): Reply {
  const numkeys = toIntNumber(numkeysArg)
  if (numkeys === undefined || numkeys < 1) fail(NUMKEYS_POSITIVE)
  if (numkeys >= rest.length) fail(SYNTAX)
  const keys = rest.slice(0, numkeys)
  const where = rest[numkeys]
  if (!isToken(where, 'MIN') && !isToken(where, 'MAX')) fail(SYNTAX)
  const highest = isToken(where, 'MAX')
  let count: number | undefined
  for (let i = numkeys + 1; i < rest.length; i++) {
    if (count === undefined && isToken(rest[i], 'COUNT') && i + 1 < rest.length) {
      count = toIntNumber(rest[++i])
      if (count === undefined || count < 1) fail(COUNT_POSITIVE)
    } else {
      fail(SYNTAX)
    }
  }
  for (const key of keys) {
    const zset = ctx.db.readForWrite(key, 'zset')
    if (zset === undefined) continue
    const entries = popEntries(zset, count ?? 1, highest)
    popped(ctx, key, zset, highest)
    return array([bulk(key), array(entries.map((e) => array([bulk(e.member), double(e.score)])))])
  }
  return NIL_ARRAY
}

function zrandmember(ctx: Context, [key, countArg, ...options]: string[]): Reply {
  if (countArg === undefined) {
    const zset = ctx.db.read(key, 'zset')
    if (zset === undefined) return NIL
    return bulk((zset.at(Math.floor(ctx.engine.random() * zset.size)) as ZSetEntry).member)
  }
  const [parsed, withScores] = parseCountWithPairs(countArg, options, 'WITHSCORES')
  const zset = ctx.db.read(key, 'zset')
  if (zset === undefined || parsed === 0n) return EMPTY_ARRAY
  const reply = (entries: ZSetEntry[]) => (withScores ? scoredReply(ctx, entries) : bulks(entries.map((e) => e.member)))
  const random = ctx.engine.random
  const pickRank = () => Math.floor(random() * zset.size)
  if (parsed < 0n) {
    const count = Number(-parsed)
    checkRepeatedPicks(count)
    const picks: ZSetEntry[] = []
    for (let i = 0; i < count; i++) picks.push(zset.at(pickRank()) as ZSetEntry)
    return reply(picks)
  }
  const count = Number(parsed)
  // Asking for at least the whole set returns all of it.
  if (count >= zset.size) return reply([...zset.entries()])
  if (count * RANDOM_SUB_STRATEGY_MUL > zset.size) {
    // Close to the whole set: shuffle the ranks partly and keep the first `count`.
    const ranks = Array.from({ length: zset.size }, (_, i) => i)
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(random() * (ranks.length - i))
      ;[ranks[i], ranks[j]] = [ranks[j], ranks[i]]
    }
    return reply(ranks.slice(0, count).map((rank) => zset.at(rank) as ZSetEntry))
  }
  const chosen = new Set<number>()
  while (chosen.size < count) chosen.add(pickRank())
  return reply([...chosen].map((rank) => zset.at(rank) as ZSetEntry))
}

function zscan(ctx: Context, [key, cursorArg, ...options]: string[]): Reply {
  const cursor = parseCursor(cursorArg)
  const zset = ctx.db.read(key, 'zset')
  if (zset === undefined) return EMPTY_SCAN
  const parsed = parseScanOptions(options)
  // A listpack comes whole in score order; a skiplist is paged in no particular order.
  const small = zset.encoding() === 'listpack'
  const [next, members] = collectionPage(
    ctx.engine.scans, zset, cursor, parsed, small, () => (small ? zset : zset.members()), (member) => zset.has(member),
  )
  return scanReply(next, members.flatMap((member) => [member, zset.scanScoreText(zset.score(member) as number)]))
}

export const sortedSetHandlers: Record<string, Handler> = {
  zadd: (ctx, args) => zadd(ctx, args, false),
  zincrby: (ctx, args) => zadd(ctx, args, true),
  zrem,
  zcard: (ctx, [key]) => int(ctx.db.read(key, 'zset')?.size ?? 0),
  zscore: (ctx, [key, member]) => {
    const score = ctx.db.read(key, 'zset')?.score(member)
    return score === undefined ? NIL : double(score)
  },
  zmscore: (ctx, [key, ...members]) => {
    const zset = ctx.db.read(key, 'zset')
    return array(members.map((member) => {
      const score = zset?.score(member)
      return score === undefined ? NIL : double(score)
    }))
  },
  zrank: (ctx, args) => zrank(ctx, args, false),
  zrevrank: (ctx, args) => zrank(ctx, args, true),
  zpopmin: (ctx, args) => zpop(ctx, args, false),
  zpopmax: (ctx, args) => zpop(ctx, args, true),
  zmpop,
  zrandmember,
  zscan,
  ...rangeHandlers,
  ...algebraHandlers,
}
