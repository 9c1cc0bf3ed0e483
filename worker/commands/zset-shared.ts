// What the sorted-set command files share: reply shapes with scores, and storing a result.
import type { Context } from '../engine.ts'
import { array, bulk, double, int, type Reply, ZERO } from '../reply.ts'
import { listpackLimits, type ZSetEntry, ZSetValue } from '../types/zset.ts'

/**
 * Members with their scores: a flat [member, score, ...] array in RESP2, an array of
 * [member, score] pairs in RESP3 (order matters, so not a map).
 */
export function scoredReply(ctx: Context, entries: Iterable<ZSetEntry>): Reply {
  const out: Reply[] = []
  if (ctx.client.resp === 3) {
    for (const entry of entries) out.push(array([bulk(entry.member), double(entry.score)]))
  } else {
    for (const entry of entries) out.push(bulk(entry.member), double(entry.score))
  }
  return array(out)
}

/** Members only, or members with scores, as a range reply. */
export function entriesReply(ctx: Context, entries: Iterable<ZSetEntry>, withScores: boolean): Reply {
  if (withScores) return scoredReply(ctx, entries)
  const out: Reply[] = []
  for (const entry of entries) out.push(bulk(entry.member))
  return array(out)
}

/** The sorted set at key, created (empty, not yet stored) when missing; WRONGTYPE for other types. */
export function writableZSet(ctx: Context, key: string): ZSetValue {
  return ctx.db.readOrCreate(key, 'zset', () => new ZSetValue())
}

/**
 * Stores a STORE command's result at `destination` (replacing any value and its TTL) and replies
 * with its size. An empty result deletes the destination instead, announced as 'del'.
 */
export function storeResult(ctx: Context, destination: string, result: ZSetValue, event: string): Reply {
  if (result.size === 0) {
    if (ctx.db.delete(destination)) ctx.db.changed(destination, 'del')
    return ZERO
  }
  ctx.db.set(destination, result)
  ctx.db.changed(destination, event)
  return int(result.size)
}

/** The listpack limits in force for this command. */
export const limitsOf = (ctx: Context) => listpackLimits(ctx.engine.config)
