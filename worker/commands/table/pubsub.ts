// Pub/sub commands: channels, patterns and (cluster) shard channels.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, block, keyAt, keyRange, multiple, optional, pattern, str } from '../spec.ts'

const SUBSCRIBE_FLAGS: CommandSpec['flags'] = ['pubsub', 'noscript', 'loading', 'stale']
const PUBLISH_FLAGS: CommandSpec['flags'] = ['pubsub', 'loading', 'stale', 'fast']

/** PUBSUB's introspection subcommands share flags. */
const introspection = (spec: Pick<CommandSpec, 'arity' | 'args' | 'summary' | 'complexity' | 'since'>): CommandSpec =>
  ({ group: 'pubsub', flags: ['pubsub', 'loading', 'stale'], acl: [], keySpecs: [], ...spec })

export const pubsubCommands: Record<string, CommandSpec> = {
  subscribe: {
    group: 'pubsub', arity: -2, flags: SUBSCRIBE_FLAGS, acl: [], keySpecs: [],
    args: [multiple(str('channel'))],
    summary: 'Listens for messages published to these channels.',
    complexity: 'O(N) where N is the number of channels to subscribe to.', since: '2.0.0',
  },
  unsubscribe: {
    group: 'pubsub', arity: -1, flags: SUBSCRIBE_FLAGS, acl: [], keySpecs: [],
    args: [optional(multiple(str('channel')))],
    summary: 'Stops listening to these channels, or to every channel when none is given.',
    complexity: 'O(N) where N is the number of clients already subscribed to a channel.', since: '2.0.0',
  },
  psubscribe: {
    group: 'pubsub', arity: -2, flags: SUBSCRIBE_FLAGS, acl: [], keySpecs: [],
    args: [multiple(block('pattern', [pattern('pattern')]))],
    summary: 'Listens for messages published to channels whose names match these glob-style patterns.',
    complexity: 'O(N) where N is the number of patterns the client is already subscribed to.', since: '2.0.0',
  },
  punsubscribe: {
    group: 'pubsub', arity: -1, flags: SUBSCRIBE_FLAGS, acl: [], keySpecs: [],
    args: [optional(multiple(pattern('pattern')))],
    summary: 'Stops listening to these patterns, or to every pattern when none is given.',
    complexity:
      'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).',
    since: '2.0.0',
  },
  publish: {
    group: 'pubsub', arity: 3, flags: PUBLISH_FLAGS, acl: [], keySpecs: [],
    args: [str('channel'), str('message')],
    summary: 'Sends a message to a channel; replies with how many subscriptions received it.',
    complexity:
      'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).',
    since: '2.0.0',
  },
  pubsub: {
    group: 'pubsub', arity: -2, flags: [], acl: [], keySpecs: [],
    args: [],
    summary: 'Groups the commands that inspect channels and subscriptions.',
    complexity: 'Depends on subcommand.', since: '2.8.0',
    subcommands: {
      channels: introspection({
        arity: -2, args: [optional(pattern('pattern'))],
        summary: 'Lists the channels with at least one subscriber, optionally only those matching a pattern.',
        complexity:
          'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)',
        since: '2.8.0',
      }),
      numsub: introspection({
        arity: -2, args: [optional(multiple(str('channel')))],
        summary: 'Counts the subscribers of each of these channels (patterns not included).',
        complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels', since: '2.8.0',
      }),
      numpat: introspection({
        arity: 2, args: [],
        summary: 'Counts the distinct patterns that clients are subscribed to.',
        complexity: 'O(1)', since: '2.8.0',
      }),
      shardchannels: introspection({
        arity: -2, args: [optional(pattern('pattern'))],
        summary: 'Lists the shard channels with at least one subscriber, optionally only those matching a pattern.',
        complexity:
          'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).',
        since: '7.0.0',
      }),
      shardnumsub: introspection({
        arity: -2, args: [optional(multiple(str('shardchannel')))],
        summary: 'Counts the subscribers of each of these shard channels.',
        complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
        since: '7.0.0',
      }),
      help: {
        group: 'pubsub', arity: 2, flags: ['loading', 'stale'], acl: [], keySpecs: [],
        args: [],
        summary: 'Lists the PUBSUB subcommands and what they do.',
        complexity: 'O(1)', since: '6.2.0',
      },
    },
  },
  ssubscribe: {
    group: 'pubsub', arity: -2, flags: SUBSCRIBE_FLAGS, acl: [], keySpecs: [keyRange(1, -1, 1, ['not_key'])],
    args: [multiple(str('shardchannel'))],
    summary: 'Listens for messages published to these shard channels.',
    complexity: 'O(N) where N is the number of shard channels to subscribe to.', since: '7.0.0',
  },
  sunsubscribe: {
    group: 'pubsub', arity: -1, flags: SUBSCRIBE_FLAGS, acl: [], keySpecs: [keyRange(1, -1, 1, ['not_key'])],
    args: [optional(multiple(str('shardchannel')))],
    summary: 'Stops listening to these shard channels, or to every shard channel when none is given.',
    complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.', since: '7.0.0',
  },
  spublish: {
    group: 'pubsub', arity: 3, flags: PUBLISH_FLAGS, acl: [], keySpecs: [keyAt(1, ['not_key'])],
    args: [str('shardchannel'), str('message')],
    summary: 'Sends a message to a shard channel; replies with how many clients received it.',
    complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.', since: '7.0.0',
  },
}
