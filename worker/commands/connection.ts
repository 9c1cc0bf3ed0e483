// Connection commands: PING, ECHO, SELECT, QUIT, RESET and HELLO.
import type { Context, Handler } from '../engine.ts'
import { DATABASES } from '../engine.ts'
import { toInt64 } from '../args.ts'
import { DB_INDEX_OUT_OF_RANGE, fail, INT_OUT_OF_RANGE, NOT_INTEGER, wrongArity } from '../errors.ts'
import { array, bulk, int, map, OK, PONG, simple, type Reply } from '../reply.ts'
import { validateClientName } from './client.ts'

/** The version the playground reports (HELLO, INFO), the Redis it follows. */
export const REDIS_VERSION = '7.0.15'

/** Redis's getIntFromObjectOrReply: an int64 that must also fit C's int, with Redis's two errors. */
export function parseDatabaseIndex(text: string, error?: string): number {
  const value = toInt64(text)
  if (value === undefined) fail(error ?? NOT_INTEGER)
  if (value < -2147483648n || value > 2147483647n) fail(error ?? INT_OUT_OF_RANGE)
  return Number(value)
}

/** HELLO's description of the server and of this connection. */
function helloReply(ctx: Context): Reply {
  return map([
    [bulk('server'), bulk('redis')],
    [bulk('version'), bulk(REDIS_VERSION)],
    [bulk('proto'), int(ctx.client.resp)],
    [bulk('id'), int(ctx.client.id)],
    [bulk('mode'), bulk('standalone')],
    [bulk('role'), bulk('master')],
    [bulk('modules'), array([])],
  ])
}

/**
 * HELLO [protover [AUTH user password] [SETNAME name]]. As in Redis 7.0 the options act as they
 * are read: a later syntax error leaves an earlier SETNAME applied.
 */
const hello: Handler = (ctx, args) => {
  let version: 2 | 3 | undefined
  if (args.length > 0) {
    const requested = toInt64(args[0])
    if (requested === undefined) fail('ERR Protocol version is not an integer or out of range')
    if (requested !== 2n && requested !== 3n) fail('NOPROTO unsupported protocol version')
    version = requested === 2n ? 2 : 3
  }
  for (let i = 1; i < args.length; i++) {
    const remaining = args.length - 1 - i
    const option = args[i].toUpperCase()
    if (option === 'AUTH' && remaining >= 2) {
      // The only user is 'default' with no password (nopass), which accepts any password.
      if (args[i + 1] !== 'default') fail('WRONGPASS invalid username-password pair or user is disabled.')
      i += 2
    } else if (option === 'SETNAME' && remaining >= 1) {
      ctx.client.name = validateClientName(args[i + 1])
      i += 1
    } else {
      fail(`ERR Syntax error in HELLO option '${args[i]}'`)
    }
  }
  if (version !== undefined) ctx.client.resp = version
  return helloReply(ctx)
}

export const connectionHandlers: Record<string, Handler> = {
  ping: (ctx, args) => {
    if (args.length > 1) fail(wrongArity(ctx.name))
    // A subscribed RESP2 client can only read arrays: Redis answers ["pong", message].
    if (ctx.client.resp === 2 && ctx.engine.pubsub.isSubscribed(ctx.client)) return array([bulk('pong'), bulk(args[0] ?? '')])
    return args.length === 0 ? PONG : bulk(args[0])
  },
  echo: (_ctx, [message]) => bulk(message),
  select: (ctx, [index]) => {
    const db = parseDatabaseIndex(index)
    if (db < 0 || db >= DATABASES) fail(DB_INDEX_OUT_OF_RANGE)
    ctx.client.db = db
    return OK
  },
  // The transport closes the connection after sending the reply.
  quit: (ctx) => {
    ctx.client.closing = true
    return OK
  },
  // Back to a fresh connection: database 0, RESP2, no name. Client state added by other groups
  // (transactions, subscriptions) must be cleared here too.
  reset: (ctx) => {
    ctx.client.db = 0
    ctx.client.resp = 2
    ctx.client.name = ''
    ctx.client.multi = undefined
    ctx.engine.watches.unwatch(ctx.client)
    ctx.engine.pubsub.removeClient(ctx.client)
    ctx.engine.monitors.remove(ctx.client)
    ctx.client.replyMode.reset()
    return simple('RESET')
  },
  hello,
}
