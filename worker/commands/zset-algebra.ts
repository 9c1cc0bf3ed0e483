// The sorted-set algebra: ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (Redis's
// zunionInterDiffGenericCommand). Plain sets may be inputs: each member counts with score 1.
import type { Context, Handler } from '../engine.ts'
import { isToken, parseDouble, parseInteger, toIntNumber } from '../args.ts'
import { atLeastOneInputKey, fail, LIMIT_NEGATIVE, SYNTAX, WEIGHT_NOT_FLOAT, WRONGTYPE } from '../errors.ts'
import { int, type Reply } from '../reply.ts'
import type { SetValue } from '../types/set.ts'
import { ZSetValue } from '../types/zset.ts'
import { entriesReply, limitsOf, storeResult } from './zset-shared.ts'

type Operation = 'union' | 'inter' | 'diff'
type Aggregate = 'sum' | 'min' | 'max'

/** An input: a sorted set, a set (scores 1) or a missing key (empty), with its weight. */
interface Source {
  value: ZSetValue | SetValue | undefined
  weight: number
}

const sizeOf = (source: Source) => source.value?.size ?? 0

function scoreIn(source: Source, member: string): number | undefined {
  const value = source.value
  if (value === undefined) return undefined
  if (value.kind === 'zset') return value.score(member)
  return value.has(member) ? 1 : undefined
}

function* entriesOf(source: Source): IterableIterator<[member: string, score: number]> {
  const value = source.value
  if (value === undefined) return
  if (value.kind === 'zset') for (const entry of value.entries()) yield [entry.member, entry.score]
  else for (const member of value) yield [member, 1]
}

/** Redis's zunionInterAggregate: inf + -inf sums to 0 here, not NaN; a NaN value loses MIN and MAX. */
function aggregate(target: number, value: number, how: Aggregate): number {
  if (how === 'sum') {
    const sum = target + value
    return Number.isNaN(sum) ? 0 : sum
  }
  if (how === 'min') return value < target ? value : target
  return value > target ? value : target
}

/** weight * score, where 0 * inf counts as 0. */
function weighted(source: Source, score: number): number {
  const value = source.weight * score
  return Number.isNaN(value) ? 0 : value
}

interface Parsed {
  sources: Source[]
  how: Aggregate
  withScores: boolean
  limit: number
}

/**
 * Reads numkeys, the keys (their types are checked before the options, as Redis does) and the
 * options each command accepts: WEIGHTS and AGGREGATE (union, inter), WITHSCORES (not STORE),
 * LIMIT (ZINTERCARD).
 */
function parse(ctx: Context, args: string[], op: Operation, store: boolean, cardinality: boolean): Parsed {
  const numkeys = parseInteger(args[0])
  if (numkeys < 1) fail(atLeastOneInputKey(ctx.name))
  if (numkeys > args.length - 1) fail(SYNTAX)
  const sources: Source[] = []
  for (let i = 1; i <= numkeys; i++) {
    const value = ctx.db.get(args[i])
    if (value !== undefined && (typeof value === 'string' || (value.kind !== 'zset' && value.kind !== 'set'))) fail(WRONGTYPE)
    sources.push({ value, weight: 1 })
  }
  let how: Aggregate = 'sum'
  let withScores = false
  let limit = 0
  for (let j = numkeys + 1; j < args.length; ) {
    const remaining = args.length - j
    const algebra = op !== 'diff' && !cardinality
    if (algebra && remaining >= numkeys + 1 && isToken(args[j], 'WEIGHTS')) {
      j++
      for (const source of sources) source.weight = parseDouble(args[j++], WEIGHT_NOT_FLOAT)
    } else if (algebra && remaining >= 2 && isToken(args[j], 'AGGREGATE')) {
      const choice = args[j + 1].toLowerCase()
      if (choice !== 'sum' && choice !== 'min' && choice !== 'max') fail(SYNTAX)
      how = choice
      j += 2
    } else if (!store && !cardinality && isToken(args[j], 'WITHSCORES')) {
      withScores = true
      j++
    } else if (cardinality && remaining >= 2 && isToken(args[j], 'LIMIT')) {
      const value = toIntNumber(args[j + 1])
      if (value === undefined || value < 0) fail(LIMIT_NEGATIVE)
      limit = value
      j += 2
    } else {
      fail(SYNTAX)
    }
  }
  return { sources, how, withScores, limit }
}

/** Sources from the smallest to the largest (a stable sort, as glibc's qsort is here), which also fixes the order scores add up in. */
const bySize = (sources: Source[]) => [...sources].sort((a, b) => sizeOf(a) - sizeOf(b))

function union(sources: Source[], how: Aggregate): Map<string, number> {
  const scores = new Map<string, number>()
  for (const source of bySize(sources)) {
    for (const [member, score] of entriesOf(source)) {
      const value = weighted(source, score)
      const current = scores.get(member)
      scores.set(member, current === undefined ? value : aggregate(current, value, how))
    }
  }
  return scores
}

/** Members of the smallest source present in all the others; stops after `limit` when it is not 0. */
function intersection(sources: Source[], how: Aggregate, limit = 0): Map<string, number> {
  const [smallest, ...others] = bySize(sources)
  const scores = new Map<string, number>()
  outer: for (const [member, score] of entriesOf(smallest)) {
    let total = weighted(smallest, score)
    for (const other of others) {
      const found = scoreIn(other, member)
      if (found === undefined) continue outer
      total = aggregate(total, found * other.weight, how)
    }
    scores.set(member, total)
    if (limit !== 0 && scores.size >= limit) break
  }
  return scores
}

/** Members of the first source in none of the others, with their first scores. */
function difference(sources: Source[]): Map<string, number> {
  const [first, ...others] = sources
  const scores = new Map<string, number>()
  for (const [member, score] of entriesOf(first)) {
    if (others.every((other) => scoreIn(other, member) === undefined)) scores.set(member, score)
  }
  return scores
}

function compute(parsed: Parsed, op: Operation): Map<string, number> {
  if (op === 'union') return union(parsed.sources, parsed.how)
  if (op === 'inter') return intersection(parsed.sources, parsed.how)
  return difference(parsed.sources)
}

/** The result as a sorted set, built as a skiplist the way Redis builds it. */
function toZSet(ctx: Context, scores: Map<string, number>): ZSetValue {
  const result = ZSetValue.asSkiplist()
  const limits = limitsOf(ctx)
  for (const [member, score] of scores) result.set(member, score, limits)
  return result
}

function algebra(ctx: Context, args: string[], op: Operation): Reply {
  const parsed = parse(ctx, args, op, false, false)
  return entriesReply(ctx, toZSet(ctx, compute(parsed, op)).entries(), parsed.withScores)
}

function algebraStore(ctx: Context, [destination, ...args]: string[], op: Operation): Reply {
  const parsed = parse(ctx, args, op, true, false)
  const result = toZSet(ctx, compute(parsed, op))
  result.packIfSmall(limitsOf(ctx))
  return storeResult(ctx, destination, result, `z${op}store`)
}

export const algebraHandlers: Record<string, Handler> = {
  zunion: (ctx, args) => algebra(ctx, args, 'union'),
  zinter: (ctx, args) => algebra(ctx, args, 'inter'),
  zdiff: (ctx, args) => algebra(ctx, args, 'diff'),
  zunionstore: (ctx, args) => algebraStore(ctx, args, 'union'),
  zinterstore: (ctx, args) => algebraStore(ctx, args, 'inter'),
  zdiffstore: (ctx, args) => algebraStore(ctx, args, 'diff'),
  zintercard: (ctx, args) => {
    const parsed = parse(ctx, args, 'inter', false, true)
    return int(intersection(parsed.sources, 'sum', parsed.limit).size)
  },
}
