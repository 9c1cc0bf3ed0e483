// What the set, hash and sorted-set commands share: removing members (SREM, HDEL, ZREM), and for
// SRANDMEMBER, HRANDFIELD and ZRANDMEMBER the count argument, the WITHVALUES or WITHSCORES
// option and a limit on replies of repeated picks.
import type { Context } from '../engine.ts'
import type { HashValue } from '../types/hash.ts'
import type { SetValue } from '../types/set.ts'
import type { ZSetValue } from '../types/zset.ts'
import { INT64_MIN, isToken, parseInt64 } from '../args.ts'
import { COUNT_OUT_OF_LONG_RANGE, fail, REPLY_TOO_LARGE, SYNTAX, VALUE_OUT_OF_RANGE } from '../errors.ts'

/**
 * Removes members from the collection at `key` and returns how many were there. Announces
 * `event` when any was, and removes the key once the collection is empty (Redis stops at the
 * member that empties it).
 */
export function removeMembers(
  ctx: Context, key: string, collection: SetValue | HashValue | ZSetValue, members: string[], event: string,
): number {
  let removed = 0
  for (const member of members) {
    if (collection.delete(member)) removed++
    if (collection.size === 0) break
  }
  if (removed > 0) {
    ctx.db.changed(key, event)
    ctx.db.deleteIfEmpty(key, collection)
  }
  return removed
}

/** A negative count repeats picks; Redis would build any size, the playground stops here. */
const MAX_RANDOM_REPLY = 1 << 20

/** With values or scores the reply is twice as long, so the count must stay within LONG_MAX / 2. */
const MAX_COUNT_WITH_PAIRS = 4611686018427387903n

/** The count, between -LONG_MAX and LONG_MAX (Redis's getRangeLongFromObjectOrReply). */
export function parseRandomCount(text: string): bigint {
  const count = parseInt64(text)
  if (count === INT64_MIN) fail(COUNT_OUT_OF_LONG_RANGE)
  return count
}

/**
 * HRANDFIELD's and ZRANDMEMBER's count and their one option (`token`: WITHVALUES or
 * WITHSCORES), checked in Redis's order. Returns the count and whether the option was given.
 */
export function parseCountWithPairs(
  countText: string, options: string[], token: string,
): [count: bigint, withPairs: boolean] {
  const count = parseRandomCount(countText)
  if (options.length > 1 || (options.length === 1 && !isToken(options[0], token))) fail(SYNTAX)
  const withPairs = options.length === 1
  if (withPairs && (count > MAX_COUNT_WITH_PAIRS || count < -MAX_COUNT_WITH_PAIRS)) fail(VALUE_OUT_OF_RANGE)
  return [count, withPairs]
}

/** Refuses a reply of `count` repeated picks that would be too large for the playground. */
export function checkRepeatedPicks(count: number): void {
  if (count > MAX_RANDOM_REPLY) fail(REPLY_TOO_LARGE)
}
