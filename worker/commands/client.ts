// CLIENT subcommands: ID, SETNAME, GETNAME, INFO, LIST, UNBLOCK and HELP (the ones that manage
// other connections are in client-admin.ts). CLIENT LIST describes each connection with Redis
// 7.0's fields in Redis's order; the memory figures are plausible constants of a real server,
// since the playground has no buffers to measure.
import type { Client, Context, Handler } from '../engine.ts'
import { toInt64 } from '../args.ts'
import { fail, SYNTAX } from '../errors.ts'
import { bulkOrNil, int, OK, verbatim } from '../reply.ts'
import { helpReply } from './help.ts'
import { clientAdminHandlers, clientType, parseClientType, wrongSubcommandArguments } from './client-admin.ts'

/** Redis keeps names to printable ASCII without spaces, so CLIENT LIST stays parseable. */
export function validateClientName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    if (c < 0x21 || c > 0x7e) fail('ERR Client names cannot contain spaces, newlines or special characters.')
  }
  return name
}

/** Size of the command as the RESP request Redis would hold in the query buffer. */
function requestSize(argv: string[]): number {
  let size = `*${argv.length}\r\n`.length
  for (const arg of argv) size += `$${arg.length}\r\n`.length + arg.length + 2
  return size
}

/** Redis's query buffer after it grew for the first request (what qbuf + qbuf-free add up to). */
const QUERY_BUFFER = 20474
/** tot-mem of an idle connection on a real Redis 7.0. */
const IDLE_CLIENT_MEMORY = 37632

/** One CLIENT LIST line (without the newline). The running command's own request is still in its buffer. */
export function clientLine(ctx: Context, client: Client): string {
  const current = client === ctx.client
  const qbuf = current ? requestSize(ctx.argv) : 0
  const argvMem = current ? ctx.argv.reduce((sum, arg) => sum + arg.length, 0) : 0
  const fields: Array<[string, string | number]> = [
    ['id', client.id],
    ['addr', client.addr],
    ['laddr', client.laddr],
    ['fd', client.id + 7],
    ['name', client.name],
    ['age', Math.floor((ctx.now - client.createdAt) / 1000)],
    ['idle', Math.floor((ctx.now - client.lastInteraction) / 1000)],
    ['flags', clientFlags(ctx, client)],
    ['db', client.db],
    ['sub', ctx.engine.pubsub.count(client, 'channel')],
    ['psub', ctx.engine.pubsub.count(client, 'pattern')],
    ['ssub', ctx.engine.pubsub.count(client, 'shard')],
    ['multi', client.multi?.queue.length ?? -1],
    ['qbuf', qbuf],
    ['qbuf-free', QUERY_BUFFER - qbuf],
    ['argv-mem', argvMem],
    ['multi-mem', 0],
    ['rbs', 16384],
    ['rbp', 16384],
    ['obl', 0],
    ['oll', 0],
    ['omem', 0],
    ['tot-mem', IDLE_CLIENT_MEMORY + qbuf],
    ['events', 'r'],
    ['cmd', client.lastCommand],
    ['user', 'default'],
    ['redir', -1],
    ['resp', client.resp],
  ]
  return fields.map(([field, value]) => `${field}=${value}`).join(' ')
}

/**
 * CLIENT LIST flags in Redis's order: O monitor, P subscribed, x in MULTI, b blocked (or held
 * by CLIENT PAUSE), d a watched key changed, c closing after the reply, e no-evict; N for none.
 */
function clientFlags(ctx: Context, client: Client): string {
  const { engine } = ctx
  let flags = ''
  if (engine.monitors.has(client)) flags += 'O'
  if (engine.pubsub.isSubscribed(client)) flags += 'P'
  if (client.multi !== undefined) flags += 'x'
  if (client.blocked !== undefined || engine.pause.isPostponed(client)) flags += 'b'
  if (engine.watches.isDirty(client, engine, ctx.now)) flags += 'd'
  if (client.closing) flags += 'c'
  if (client.noEvict) flags += 'e'
  return flags === '' ? 'N' : flags
}

/** CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when that client was blocked and is now answered. */
const unblock: Handler = (ctx, [idArg, reason, ...rest]) => {
  if (rest.length > 0) wrongSubcommandArguments(ctx)
  const id = toInt64(idArg)
  if (id === undefined) fail('ERR value is not an integer or out of range')
  let withError = false
  if (reason !== undefined) {
    if (reason.toUpperCase() === 'ERROR') withError = true
    else if (reason.toUpperCase() !== 'TIMEOUT') fail('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR')
  }
  const client = id > 0n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? ctx.engine.clients.get(Number(id)) : undefined
  return int(client !== undefined && ctx.engine.blocking.unblock(client, withError) ? 1 : 0)
}

const list: Handler = (ctx, args) => {
  let clients: Client[] = [...ctx.engine.clients.values()]
  if (args.length >= 2 && args[0].toUpperCase() === 'ID') {
    clients = []
    for (const text of args.slice(1)) {
      const id = toInt64(text)
      if (id === undefined) fail('ERR Invalid client ID')
      const client = id > 0n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? ctx.engine.clients.get(Number(id)) : undefined
      if (client !== undefined) clients.push(client)
    }
  } else if (args.length === 2 && args[0].toUpperCase() === 'TYPE') {
    const type = parseClientType(args[1])
    clients = clients.filter((client) => clientType(ctx, client) === type)
  } else if (args.length !== 0) {
    fail(SYNTAX)
  }
  return verbatim(clients.map((client) => `${clientLine(ctx, client)}\n`).join(''))
}

export const clientHandlers: Record<string, Handler> = {
  'client|id': (ctx) => int(ctx.client.id),
  'client|setname': (ctx, [name]) => {
    ctx.client.name = validateClientName(name)
    return OK
  },
  'client|getname': (ctx) => bulkOrNil(ctx.client.name === '' ? undefined : ctx.client.name),
  'client|info': (ctx) => verbatim(`${clientLine(ctx, ctx.client)}\n`),
  'client|list': list,
  'client|unblock': unblock,
  ...clientAdminHandlers,
  'client|help': () => helpReply('CLIENT', [
    'GETNAME',
    '    Return the name of this connection, or nil if it has none.',
    'ID',
    '    Return the numeric ID of this connection.',
    'INFO',
    '    Describe this connection in the format of a CLIENT LIST line.',
    'KILL <ip:port>',
    '    Close the connection that comes from <ip:port>.',
    'KILL <option> <value> [<option> <value> [...]]',
    '    Close every connection that matches all the options:',
    '    * ID <client-id>',
    '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
    '    * ADDR <ip:port>, LADDR <ip:port>: the peer or the local address',
    '    * USER <username>',
    '    * SKIPME (YES|NO): spare this connection (the default is YES).',
    'LIST [TYPE (NORMAL|MASTER|REPLICA|PUBSUB)] [ID <id> [<id> ...]]',
    '    Describe every open connection, one line each, optionally only those of a type or with the given IDs.',
    'UNPAUSE',
    '    End a CLIENT PAUSE now.',
    'PAUSE <timeout> [WRITE|ALL]',
    '    Hold the commands of every connection (or only the writes) for <timeout> milliseconds.',
    'REPLY (ON|OFF|SKIP)',
    '    Turn the replies to this connection on or off, or skip the reply to the next command.',
    'SETNAME <name>',
    '    Name this connection; an empty name removes the name.',
    'UNBLOCK <clientid> [TIMEOUT|ERROR]',
    '    End the wait of a connection in a blocking command, as a timeout or with an error.',
    'NO-EVICT (ON|OFF)',
    '    Keep this connection from being evicted.',
  ]),
}
