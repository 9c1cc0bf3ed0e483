// Expiry commands: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX/XX/GT/LT), EXPIRETIME,
// PEXPIRETIME, TTL, PTTL and PERSIST.
import type { Context, Handler } from '../engine.ts'
import {
  EXPIRE_GT_AND_LT, EXPIRE_NX_AND_OTHERS, fail, invalidExpireTime, unsupportedOption,
} from '../errors.ts'
import { INT64_MAX, INT64_MIN, isToken, parseInt64 } from '../args.ts'
import { int, int64, ONE, type Reply, ZERO } from '../reply.ts'

interface Conditions {
  nx: boolean
  xx: boolean
  gt: boolean
  lt: boolean
}

/** The NX/XX/GT/LT options, any number of times, then the incompatible pairs (parseExtendedExpireArgumentsOrReply). */
function parseConditions(options: string[]): Conditions {
  const conditions = { nx: false, xx: false, gt: false, lt: false }
  for (const option of options) {
    if (isToken(option, 'NX')) conditions.nx = true
    else if (isToken(option, 'XX')) conditions.xx = true
    else if (isToken(option, 'GT')) conditions.gt = true
    else if (isToken(option, 'LT')) conditions.lt = true
    else fail(unsupportedOption(option))
  }
  if (conditions.nx && (conditions.xx || conditions.gt || conditions.lt)) fail(EXPIRE_NX_AND_OTHERS)
  if (conditions.gt && conditions.lt) fail(EXPIRE_GT_AND_LT)
  return conditions
}

/** Whether the conditions allow replacing the key's current expiry (undefined = none, an infinite TTL). */
function allowed(conditions: Conditions, current: number | undefined, when: number): boolean {
  if (conditions.nx && current !== undefined) return false
  if (conditions.xx && current === undefined) return false
  if (conditions.gt && (current === undefined || when <= current)) return false
  if (conditions.lt && current !== undefined && when >= current) return false
  return true
}

/**
 * Redis's expireGenericCommand: `amount` in seconds or milliseconds, relative to now or to the
 * epoch. int64 overflow in the unit conversion or the addition is an error; a time that has
 * already passed deletes the key.
 */
function expire(ctx: Context, args: string[], relative: boolean, unitMs: bigint): Reply {
  const [key, amount, ...options] = args
  const conditions = parseConditions(options)
  let when = parseInt64(amount)
  if (unitMs !== 1n) {
    if (when > INT64_MAX / unitMs || when < INT64_MIN / unitMs) fail(invalidExpireTime(ctx.name))
    when *= unitMs
  }
  const base = relative ? BigInt(ctx.now) : 0n
  if (when > INT64_MAX - base) fail(invalidExpireTime(ctx.name))
  when += base

  const db = ctx.db
  if (db.getForWrite(key) === undefined) return ZERO
  const at = Number(when)
  if (!allowed(conditions, db.expireAt(key), at)) return ZERO
  expireKeyAt(ctx, key, at)
  return ONE
}

/**
 * Gives a key an expiry time (ms since the epoch), or deletes it when that time has already
 * passed, as the expiry would; announced as 'expire' or 'del'.
 */
export function expireKeyAt(ctx: Context, key: string, at: number): void {
  if (at <= ctx.now) {
    ctx.db.delete(key)
    ctx.db.changed(key, 'del')
  } else {
    ctx.db.setExpireAt(key, at)
    ctx.db.changed(key, 'expire')
  }
}

/**
 * The key's expiry time as an int64. Times are kept as JS numbers, exact up to 2^53 ms (the
 * year 287396). Beyond, the shortest decimal of the stored double gives back any time written
 * with up to 17 significant digits, and INT64_MAX (stored as 2^63) too.
 */
function expiryOf(ctx: Context, key: string): bigint | undefined {
  const at = ctx.db.expireAt(key)
  if (at === undefined) return undefined
  const time = BigInt(String(at))
  return time > INT64_MAX ? INT64_MAX : time
}

/** TTL and PTTL: time left (never below 0), -1 without a TTL, -2 when missing. TTL rounds to the nearest second. */
function timeToLive(ctx: Context, key: string, inMs: boolean): Reply {
  if (ctx.db.getWithoutTouch(key) === undefined) return int(-2)
  const at = expiryOf(ctx, key)
  if (at === undefined) return int(-1)
  let left = at - BigInt(ctx.now)
  if (left < 0n) left = 0n
  return int64(inMs ? left : (left + 500n) / 1000n)
}

/** EXPIRETIME and PEXPIRETIME: the absolute expiry time (seconds rounded to nearest), -1 without a TTL, -2 when missing. */
function expireTime(ctx: Context, key: string, inMs: boolean): Reply {
  if (ctx.db.getWithoutTouch(key) === undefined) return int(-2)
  const at = expiryOf(ctx, key)
  if (at === undefined) return int(-1)
  return int64(inMs ? at : (at + 500n) / 1000n)
}

export const expireHandlers: Record<string, Handler> = {
  expire: (ctx, args) => expire(ctx, args, true, 1000n),
  pexpire: (ctx, args) => expire(ctx, args, true, 1n),
  expireat: (ctx, args) => expire(ctx, args, false, 1000n),
  pexpireat: (ctx, args) => expire(ctx, args, false, 1n),
  ttl: (ctx, [key]) => timeToLive(ctx, key, false),
  pttl: (ctx, [key]) => timeToLive(ctx, key, true),
  expiretime: (ctx, [key]) => expireTime(ctx, key, false),
  pexpiretime: (ctx, [key]) => expireTime(ctx, key, true),
  persist: (ctx, [key]) => {
    if (ctx.db.getForWrite(key) === undefined || !ctx.db.persist(key)) return ZERO
    ctx.db.changed(key, 'persist')
    return ONE
  },
}
