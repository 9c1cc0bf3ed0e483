// XINFO STREAM (with FULL), GROUPS, CONSUMERS and HELP: Redis 7.0's fields, in its order.
import type { Context, Handler } from '../engine.ts'
import { fail, NO_SUCH_KEY } from '../errors.ts'
import { isToken } from '../args.ts'
import { array, bulk, int, map, NIL, type Reply } from '../reply.ts'
import { type ConsumerGroup, formatId, INVALID_ENTRIES_READ, type StreamValue } from '../types/stream.ts'
import { cText, entryReply, parseCount } from './stream-shared.ts'
import { helpReply } from './help.ts'

const subcommandSyntax = (ctx: Context) =>
  `ERR unknown subcommand or wrong number of arguments for '${cText(ctx.argv[1]).slice(0, 128)}'. Try XINFO HELP.`

const field = (name: string, value: Reply): [Reply, Reply] => [bulk(name), value]

const streamOf = (ctx: Context, key: string): StreamValue => ctx.db.read(key, 'stream') ?? fail(NO_SUCH_KEY)

const XINFO_STREAM: Handler = (ctx, [key, ...options]) => {
  const stream = streamOf(ctx, key)
  let count = 10
  const full = options.length > 0
  if (full) {
    if (!isToken(options[0], 'FULL')) fail(subcommandSyntax(ctx))
    if (options.length === 3) {
      if (!isToken(options[1], 'COUNT')) fail(subcommandSyntax(ctx))
      count = parseCount(options[2])
      if (count < 0) count = 10
    } else if (options.length !== 1) {
      fail(subcommandSyntax(ctx))
    }
  }
  const fields: Array<[Reply, Reply]> = [
    field('length', int(stream.size)),
    field('radix-tree-keys', int(stream.nodeCount)),
    field('radix-tree-nodes', int(stream.radixTreeNodes())),
    field('last-generated-id', bulk(formatId(stream.lastId))),
    field('max-deleted-entry-id', bulk(formatId(stream.maxDeletedId))),
    field('entries-added', int(stream.entriesAdded)),
    field('recorded-first-entry-id', bulk(formatId(stream.firstId))),
  ]
  if (!full) {
    const first = stream.edge(true)
    const last = stream.edge(false)
    fields.push(
      field('groups', int(stream.groups.size)),
      field('first-entry', first === undefined ? NIL : entryReply(first)),
      field('last-entry', last === undefined ? NIL : entryReply(last)),
    )
    return map(fields)
  }
  const entries = stream.range(0n, (1n << 128n) - 1n, count)
  fields.push(
    field('entries', array(entries.map(entryReply))),
    field('groups', array(stream.groupsByName().map(([name, group]) => fullGroup(stream, name, group, count)))),
  )
  return map(fields)
}

/** The first `count` items (all when count is 0). */
function limited<T>(items: readonly T[], count: number): readonly T[] {
  return count === 0 ? items : items.slice(0, count)
}

function fullGroup(stream: StreamValue, name: string, group: ConsumerGroup, count: number): Reply {
  const pending = limited(group.pending.all(), count).map((entry) =>
    array([bulk(formatId(entry.id)), bulk(entry.consumer.name), int(entry.deliveryTime), int(entry.deliveryCount)]))
  const consumers = group.consumersByName().map((consumer) =>
    map([
      field('name', bulk(consumer.name)),
      field('seen-time', int(consumer.seenTime)),
      field('pel-count', int(consumer.pending.size)),
      field('pending', array(limited(consumer.pending.all(), count).map((entry) =>
        array([bulk(formatId(entry.id)), int(entry.deliveryTime), int(entry.deliveryCount)])))),
    ]))
  return map([
    field('name', bulk(name)),
    field('last-delivered-id', bulk(formatId(group.lastId))),
    ...groupCounters(stream, group),
    field('pel-count', int(group.pending.size)),
    field('pending', array(pending)),
    field('consumers', array(consumers)),
  ])
}

/** entries-read and lag: nil when Redis cannot know them. */
function groupCounters(stream: StreamValue, group: ConsumerGroup): Array<[Reply, Reply]> {
  const lag = stream.lag(group)
  return [
    field('entries-read', group.entriesRead === INVALID_ENTRIES_READ ? NIL : int(group.entriesRead)),
    field('lag', lag === undefined ? NIL : int(lag)),
  ]
}

const XINFO_GROUPS: Handler = (ctx, [key]) => {
  const stream = streamOf(ctx, key)
  return array(stream.groupsByName().map(([name, group]) =>
    map([
      field('name', bulk(name)),
      field('consumers', int(group.consumers.size)),
      field('pending', int(group.pending.size)),
      field('last-delivered-id', bulk(formatId(group.lastId))),
      ...groupCounters(stream, group),
    ])))
}

const XINFO_CONSUMERS: Handler = (ctx, [key, name]) => {
  const group = streamOf(ctx, key).groups.get(name) ?? fail(`NOGROUP No such consumer group '${cText(name)}' for key name '${cText(key)}'`)
  return array(group.consumersByName().map((consumer) =>
    map([
      field('name', bulk(consumer.name)),
      field('pending', int(consumer.pending.size)),
      field('idle', int(Math.max(ctx.now - consumer.seenTime, 0))),
    ])))
}

const XINFO_HELP_LINES = [
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
]

export const streamInfoHandlers: Record<string, Handler> = {
  'xinfo|stream': XINFO_STREAM,
  'xinfo|groups': XINFO_GROUPS,
  'xinfo|consumers': XINFO_CONSUMERS,
  'xinfo|help': () => helpReply('XINFO', XINFO_HELP_LINES),
}
