// Pub/sub commands: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and PUBSUB's introspection.
// Confirmations are push replies: a RESP3 client reads them as push frames, a RESP2 client as
// arrays, as Redis sends them. A command naming several channels answers with a sequence, one
// confirmation per channel.
import type { Context, Handler } from '../engine.ts'
import { fail } from '../errors.ts'
import { array, bulk, bulks, int, NIL, push, sequence, type Reply } from '../reply.ts'
import type { SubscriptionKind } from '../pubsub.ts'
import { helpReply } from './help.ts'

/** The confirmation words of each kind. */
const WORDS: Record<SubscriptionKind, { subscribe: string; unsubscribe: string }> = {
  channel: { subscribe: 'subscribe', unsubscribe: 'unsubscribe' },
  pattern: { subscribe: 'psubscribe', unsubscribe: 'punsubscribe' },
  shard: { subscribe: 'ssubscribe', unsubscribe: 'sunsubscribe' },
}

function confirmation(ctx: Context, kind: SubscriptionKind, word: string, name: string | undefined): Reply {
  return push([bulk(word), name === undefined ? NIL : bulk(name), int(ctx.engine.pubsub.confirmationCount(ctx.client, kind))])
}

const subscribe = (kind: SubscriptionKind): Handler => (ctx, names) =>
  sequence(names.map((name) => {
    ctx.engine.pubsub.subscribe(ctx.client, kind, name)
    return confirmation(ctx, kind, WORDS[kind].subscribe, name)
  }))

/** Without names: every subscription of that kind, or one confirmation with a nil name when there is none. */
const unsubscribe = (kind: SubscriptionKind): Handler => (ctx, given) => {
  const pubsub = ctx.engine.pubsub
  const names = given.length > 0 ? given : pubsub.names(ctx.client, kind)
  if (names.length === 0) return confirmation(ctx, kind, WORDS[kind].unsubscribe, undefined)
  return sequence(names.map((name) => {
    pubsub.unsubscribe(ctx.client, kind, name)
    return confirmation(ctx, kind, WORDS[kind].unsubscribe, name)
  }))
}

/** CHANNELS and SHARDCHANNELS take at most one pattern; the arity check allows more. */
const active = (kind: 'channel' | 'shard'): Handler => (ctx, args) => {
  if (args.length > 1) {
    fail(`ERR unknown subcommand or wrong number of arguments for '${ctx.argv[1].slice(0, 128)}'. Try PUBSUB HELP.`)
  }
  return bulks(ctx.engine.pubsub.active(kind, args[0]))
}

/** NUMSUB and SHARDNUMSUB: a flat array of name, count pairs (an array in RESP3 too, as in Redis). */
const numsub = (kind: 'channel' | 'shard'): Handler => (ctx, names) =>
  array(names.flatMap((name) => [bulk(name), int(ctx.engine.pubsub.subscriberCount(kind, name))]))

export const pubsubHandlers: Record<string, Handler> = {
  subscribe: subscribe('channel'),
  psubscribe: subscribe('pattern'),
  ssubscribe: subscribe('shard'),
  unsubscribe: unsubscribe('channel'),
  punsubscribe: unsubscribe('pattern'),
  sunsubscribe: unsubscribe('shard'),
  publish: (ctx, [channel, message]) => int(ctx.engine.pubsub.publish(channel, message)),
  spublish: (ctx, [channel, message]) => int(ctx.engine.pubsub.publishShard(channel, message)),
  'pubsub|channels': active('channel'),
  'pubsub|shardchannels': active('shard'),
  'pubsub|numsub': numsub('channel'),
  'pubsub|shardnumsub': numsub('shard'),
  'pubsub|numpat': (ctx) => int(ctx.engine.pubsub.size('pattern')),
  'pubsub|help': () => helpReply('PUBSUB', [
    'CHANNELS [<pattern>]',
    "    List the channels that have subscribers, only those matching <pattern> if given (default: '*').",
    'NUMPAT',
    '    Count the distinct patterns clients are subscribed to.',
    'NUMSUB [<channel> ...]',
    '    Count the subscribers of each channel, pattern subscriptions not included.',
    'SHARDCHANNELS [<pattern>]',
    "    List the shard channels that have subscribers, only those matching <pattern> if given (default: '*').",
    'SHARDNUMSUB [<shardchannel> ...]',
    '    Count the subscribers of each shard channel.',
  ]),
}
