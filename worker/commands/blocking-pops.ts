// Blocking list and sorted-set pops: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN,
// BZPOPMAX and BZMPOP. Each first tries its keys in order, as the non-blocking command would;
// with nothing to pop it blocks (worker/blocking.ts) and is served from the key that gets data.
// Parsing order follows Redis 7.0's t_list.c and t_zset.c: the timeout is read first.
import type { Context, Handler } from '../engine.ts'
import { isToken, toIntNumber } from '../args.ts'
import { COUNT_POSITIVE, fail, NUMKEYS_POSITIVE, SYNTAX, WRONGTYPE } from '../errors.ts'
import { array, bulk, bulks, double, NIL, NIL_ARRAY, type Reply } from '../reply.ts'
import { typeOf, type Collection } from '../keyspace.ts'
import { ListValue } from '../types/list.ts'
import type { ZSetEntry, ZSetValue } from '../types/zset.ts'
import { block, parseTimeout } from '../blocking.ts'

type End = 'left' | 'right'

/**
 * The collection of this type at key for a pop: undefined when missing (or empty).
 * While serving a blocked client a key of another type leaves it waiting (Redis 7.0), so
 * only the first attempt reports WRONGTYPE.
 */
function target<T extends Collection['kind']>(ctx: Context, key: string, kind: T, serving: boolean): Extract<Collection, { kind: T }> | undefined {
  const value = ctx.db.getForWrite(key)
  if (value === undefined) return undefined
  if (typeOf(value) !== kind) return serving ? undefined : fail(WRONGTYPE)
  const collection = value as Extract<Collection, { kind: T }>
  return collection.size === 0 ? undefined : collection
}

function popList(ctx: Context, key: string, list: ListValue, end: End, count: number): string[] {
  const popped: string[] = []
  const n = Math.min(count, list.size)
  for (let i = 0; i < n; i++) popped.push((end === 'left' ? list.popFront() : list.popBack()) as string)
  ctx.db.changed(key, end === 'left' ? 'lpop' : 'rpop')
  ctx.db.deleteIfEmpty(key, list)
  return popped
}

function popZSet(ctx: Context, key: string, zset: ZSetValue, highest: boolean, count: number): ZSetEntry[] {
  const taken = Math.min(count, zset.size)
  const entries = [...zset.walk(highest ? zset.size - 1 : 0, taken, highest)]
  if (highest) zset.deleteRanks(zset.size - taken, zset.size - 1)
  else zset.deleteRanks(0, taken - 1)
  ctx.db.changed(key, highest ? 'zpopmax' : 'zpopmin')
  ctx.db.deleteIfEmpty(key, zset)
  return entries
}

/** Tries `pop` on each key in order, else blocks on them all; served from the key that got data. */
function popOrBlock(ctx: Context, keys: string[], timeout: number, pop: (c: Context, key: string, serving: boolean) => Reply | undefined, onTimeout: () => Reply): Reply {
  for (const key of keys) {
    const reply = pop(ctx, key, false)
    if (reply !== undefined) return reply
  }
  return block(ctx, { keys, timeout, serve: (c, key) => pop(c, key, true), onTimeout })
}

/** BLPOP and BRPOP: [key, element]. */
function bpop(ctx: Context, args: string[], end: End): Reply {
  const timeout = parseTimeout(args[args.length - 1], 'seconds')
  return popOrBlock(ctx, args.slice(0, -1), timeout, (c, key, serving) => {
    const list = target(c, key, 'list', serving)
    return list === undefined ? undefined : bulks([key, popList(c, key, list, end, 1)[0]])
  }, () => NIL_ARRAY)
}

/** BLMOVE and BRPOPLPUSH: the element moved. Inside MULTI, an empty source gives a null bulk (lmoveGenericCommand). */
function bmove(ctx: Context, source: string, destination: string, from: End, to: End, timeoutArg: string): Reply {
  const timeout = parseTimeout(timeoutArg, 'seconds')
  const move = (c: Context, serving: boolean): Reply | undefined => {
    const list = target(c, source, 'list', serving)
    if (list === undefined) return undefined
    // The destination's type is checked before popping; when serving, Redis answers the error.
    const into = c.db.readForWrite(destination, 'list')
    const element = (from === 'left' ? list.popFront() : list.popBack()) as string
    const pushed = into ?? c.db.readOrCreate(destination, 'list', () => new ListValue())
    if (to === 'left') pushed.pushFront(element)
    else pushed.pushBack(element)
    c.db.changed(destination, to === 'left' ? 'lpush' : 'rpush')
    c.db.changed(source, from === 'left' ? 'lpop' : 'rpop')
    c.db.deleteIfEmpty(source, list)
    return bulk(element)
  }
  const now = move(ctx, false)
  if (now !== undefined) return now
  if (ctx.client.denyBlocking) return NIL
  return block(ctx, { keys: [source], timeout, serve: (c) => move(c, true), onTimeout: () => NIL_ARRAY })
}

function parseEnd(arg: string): End {
  if (isToken(arg, 'LEFT')) return 'left'
  if (isToken(arg, 'RIGHT')) return 'right'
  return fail(SYNTAX)
}

/** The keys, the direction token and COUNT of BLMPOP/BZMPOP after the timeout, parsed as LMPOP/ZMPOP do. */
function parseMultiPop(args: string[], directions: [string, string]): { keys: string[]; second: boolean; count: number } {
  const numkeys = toIntNumber(args[0])
  if (numkeys === undefined || numkeys < 1) fail(NUMKEYS_POSITIVE)
  const whereIndex = numkeys + 1
  if (whereIndex >= args.length) fail(SYNTAX)
  const where = args[whereIndex]
  if (!isToken(where, directions[0]) && !isToken(where, directions[1])) fail(SYNTAX)
  let count: number | undefined
  for (let i = whereIndex + 1; i < args.length; i++) {
    if (count === undefined && isToken(args[i], 'COUNT') && i + 1 < args.length) {
      count = toIntNumber(args[++i])
      if (count === undefined || count < 1) fail(COUNT_POSITIVE)
    } else {
      fail(SYNTAX)
    }
  }
  return { keys: args.slice(1, whereIndex), second: isToken(where, directions[1]), count: count ?? 1 }
}

function blmpop(ctx: Context, [timeoutArg, ...rest]: string[]): Reply {
  const timeout = parseTimeout(timeoutArg, 'seconds')
  const { keys, second, count } = parseMultiPop(rest, ['LEFT', 'RIGHT'])
  const end: End = second ? 'right' : 'left'
  return popOrBlock(ctx, keys, timeout, (c, key, serving) => {
    const list = target(c, key, 'list', serving)
    return list === undefined ? undefined : array([bulk(key), bulks(popList(c, key, list, end, count))])
  }, () => NIL_ARRAY)
}

/** BZPOPMIN and BZPOPMAX: [key, member, score]. */
function bzpop(ctx: Context, args: string[], highest: boolean): Reply {
  const timeout = parseTimeout(args[args.length - 1], 'seconds')
  return popOrBlock(ctx, args.slice(0, -1), timeout, (c, key, serving) => {
    const zset = target(c, key, 'zset', serving)
    if (zset === undefined) return undefined
    const [entry] = popZSet(c, key, zset, highest, 1)
    return array([bulk(key), bulk(entry.member), double(entry.score)])
  }, () => NIL_ARRAY)
}

function bzmpop(ctx: Context, [timeoutArg, ...rest]: string[]): Reply {
  const timeout = parseTimeout(timeoutArg, 'seconds')
  const { keys, second: highest, count } = parseMultiPop(rest, ['MIN', 'MAX'])
  return popOrBlock(ctx, keys, timeout, (c, key, serving) => {
    const zset = target(c, key, 'zset', serving)
    if (zset === undefined) return undefined
    const entries = popZSet(c, key, zset, highest, count)
    return array([bulk(key), array(entries.map((e) => array([bulk(e.member), double(e.score)])))])
  }, () => NIL_ARRAY)
}

export const blockingPopHandlers: Record<string, Handler> = {
  blpop: (ctx, args) => bpop(ctx, args, 'left'),
  brpop: (ctx, args) => bpop(ctx, args, 'right'),
  blmove: (ctx, [source, destination, fromArg, toArg, timeout]) =>
    bmove(ctx, source, destination, parseEnd(fromArg), parseEnd(toArg), timeout),
  brpoplpush: (ctx, [source, destination, timeout]) => bmove(ctx, source, destination, 'right', 'left', timeout),
  blmpop,
  bzpopmin: (ctx, args) => bzpop(ctx, args, false),
  bzpopmax: (ctx, args) => bzpop(ctx, args, true),
  bzmpop,
}
