// Managing other connections: CLIENT KILL, PAUSE, UNPAUSE, REPLY, NO-EVICT and MONITOR, with
// Redis 7.0's replies and errors. A killed connection is closed by its transport (client.killed);
// the caller killing itself gets its reply first, as QUIT does.
import type { Client, Context, Handler } from '../engine.ts'
import { toInt64 } from '../args.ts'
import {
  CLIENT_ID_POSITIVE, fail, MONITOR_DENIED, NO_SUCH_CLIENT, PAUSE_MODE, SYNTAX, unknownClientType,
} from '../errors.ts'
import { error, int, OK, type Reply } from '../reply.ts'
import { parseTimeout } from '../blocking.ts'
import { NO_REPLY } from '../reply-mode.ts'
import type { PauseMode } from '../pause.ts'

/** The kinds of client CLIENT KILL and CLIENT LIST TYPE know; the playground has no replication. */
export type ClientType = 'normal' | 'master' | 'replica' | 'pubsub'

export function parseClientType(text: string): ClientType {
  const type = text.toLowerCase()
  if (type === 'normal' || type === 'master' || type === 'replica' || type === 'pubsub') return type
  if (type === 'slave') return 'replica'
  return fail(unknownClientType(text))
}

/** Redis's getClientType: a MONITOR connection is a normal one, a subscribed one is pubsub. */
export function clientType(ctx: Context, client: Client): ClientType {
  return ctx.engine.pubsub.isSubscribed(client) ? 'pubsub' : 'normal'
}

/** The error Redis gives when a CLIENT subcommand has an argument count it does not accept. */
export function wrongSubcommandArguments(ctx: Context): never {
  return fail(`ERR unknown subcommand or wrong number of arguments for '${ctx.argv[1].slice(0, 128)}'. Try CLIENT HELP.`)
}

interface KillFilter {
  addr?: string
  laddr?: string
  type?: ClientType
  id?: number
  skipMe: boolean
}

/** The filter form's options, read in order: the first bad one is the error (clientKillCommand). */
function parseKillFilter(args: string[]): KillFilter {
  const filter: KillFilter = { skipMe: true }
  for (let i = 0; i < args.length; i += 2) {
    const option = args[i].toLowerCase()
    const value = args[i + 1]
    if (value === undefined) fail(SYNTAX)
    if (option === 'id') {
      const id = toInt64(value)
      if (id === undefined || id < 1n) fail(CLIENT_ID_POSITIVE)
      filter.id = Number(id)
    } else if (option === 'type') {
      filter.type = parseClientType(value)
    } else if (option === 'addr') {
      filter.addr = value
    } else if (option === 'laddr') {
      filter.laddr = value
    } else if (option === 'user') {
      // The playground has only the default user.
      if (value !== 'default') fail(`ERR No such user '${value}'`)
    } else if (option === 'skipme') {
      const answer = value.toLowerCase()
      if (answer !== 'yes' && answer !== 'no') fail(SYNTAX)
      filter.skipMe = answer === 'yes'
    } else {
      fail(SYNTAX)
    }
  }
  return filter
}

function matches(ctx: Context, client: Client, filter: KillFilter): boolean {
  if (filter.addr !== undefined && client.addr !== filter.addr) return false
  if (filter.laddr !== undefined && client.laddr !== filter.laddr) return false
  if (filter.type !== undefined && clientType(ctx, client) !== filter.type) return false
  if (filter.id !== undefined && client.id !== filter.id) return false
  return !(filter.skipMe && client === ctx.client)
}

/** Closes the matching connections; the caller's own closes after its reply. Returns how many. */
function killMatching(ctx: Context, filter: KillFilter): number {
  let killed = 0
  for (const client of [...ctx.engine.clients.values()]) {
    if (!matches(ctx, client, filter)) continue
    if (client === ctx.client) {
      client.closing = true
    } else {
      ctx.engine.closeClient(client)
      client.killed?.()
    }
    killed++
  }
  return killed
}

/** CLIENT KILL ip:port (the old form, which may kill the caller) or CLIENT KILL option value ... */
const kill: Handler = (ctx, args) => {
  if (args.length === 1) {
    return killMatching(ctx, { addr: args[0], skipMe: false }) === 0 ? error(NO_SUCH_CLIENT) : OK
  }
  return int(killMatching(ctx, parseKillFilter(args)))
}

/** CLIENT PAUSE timeout [WRITE|ALL]: the mode is checked before the timeout, as Redis does. */
const pause: Handler = (ctx, args) => {
  if (args.length > 2) wrongSubcommandArguments(ctx)
  let mode: PauseMode = 'all'
  if (args.length === 2) {
    const given = args[1].toLowerCase()
    if (given !== 'write' && given !== 'all') fail(PAUSE_MODE)
    mode = given
  }
  const timeout = parseTimeout(args[0], 'milliseconds')
  // A timeout of 0 ends at time 0: the pause is over before any command sees it.
  ctx.engine.pause.pause(mode, timeout === 0 ? 0 : ctx.now + timeout, ctx.now)
  return OK
}

/** CLIENT REPLY OFF and SKIP have no reply of their own. */
const reply: Handler = (ctx, [mode]) => {
  const modes = ctx.client.replyMode
  switch (mode.toLowerCase()) {
    case 'on':
      modes.on()
      return OK
    case 'off':
      modes.setOff()
      return NO_REPLY
    case 'skip':
      modes.skip()
      return NO_REPLY
    default:
      return fail(SYNTAX)
  }
}

const noEvict: Handler = (ctx, [mode]) => {
  const on = mode.toLowerCase()
  if (on !== 'on' && on !== 'off') fail(SYNTAX)
  ctx.client.noEvict = on === 'on'
  return OK
}

/** A second MONITOR gets no reply at all; inside EXEC a client may not turn into a monitor. */
const monitor: Handler = (ctx): Reply => {
  if (ctx.client.denyBlocking) fail(MONITOR_DENIED)
  if (ctx.engine.monitors.has(ctx.client)) return NO_REPLY
  ctx.engine.monitors.add(ctx.client)
  return OK
}

export const clientAdminHandlers: Record<string, Handler> = {
  'client|kill': kill,
  'client|pause': pause,
  'client|unpause': (ctx) => {
    ctx.engine.pause.unpause()
    return OK
  },
  'client|reply': reply,
  'client|no-evict': noEvict,
  monitor,
}
