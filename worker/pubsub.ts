// Pub/sub state: who listens to which channels, patterns and shard channels, and the delivery
// of messages as Redis 7.0 does it. Messages reach clients through `client.deliver(reply, 'push')`
// (a push frame in RESP3, a plain array in RESP2).
import type { Client } from './engine.ts'
import { globMatch } from './glob.ts'
import { bulk, push } from './reply.ts'

/** Channels (SUBSCRIBE), patterns (PSUBSCRIBE) and shard channels (SSUBSCRIBE) are separate namespaces. */
export type SubscriptionKind = 'channel' | 'pattern' | 'shard'

/** The commands a RESP2 client may run once subscribed (Redis's processCommand list). */
const ALLOWED_WHILE_SUBSCRIBED = new Set([
  'ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset',
])

export class PubSub {
  /** Name -> subscribers, per kind. Maps keep insertion order, which stands in for Redis's dict order. */
  private readonly subscribers: Record<SubscriptionKind, Map<string, Set<Client>>> = {
    channel: new Map(), pattern: new Map(), shard: new Map(),
  }
  /** Each subscribed client's names, per kind. */
  private readonly byClient = new Map<Client, Record<SubscriptionKind, Set<string>>>()

  /** Adds a subscription; false when the client already had it. */
  subscribe(client: Client, kind: SubscriptionKind, name: string): boolean {
    let own = this.byClient.get(client)
    if (own === undefined) this.byClient.set(client, (own = { channel: new Set(), pattern: new Set(), shard: new Set() }))
    if (own[kind].has(name)) return false
    own[kind].add(name)
    let clients = this.subscribers[kind].get(name)
    if (clients === undefined) this.subscribers[kind].set(name, (clients = new Set()))
    clients.add(client)
    return true
  }

  /** Removes a subscription; false when the client did not have it. */
  unsubscribe(client: Client, kind: SubscriptionKind, name: string): boolean {
    const own = this.byClient.get(client)
    if (own === undefined || !own[kind].delete(name)) return false
    const clients = this.subscribers[kind].get(name)
    clients?.delete(client)
    if (clients?.size === 0) this.subscribers[kind].delete(name)
    if (this.total(client) === 0) this.byClient.delete(client)
    return true
  }

  /** The client's subscriptions of one kind, in the order they were made. */
  names(client: Client, kind: SubscriptionKind): string[] {
    return [...(this.byClient.get(client)?.[kind] ?? [])]
  }

  count(client: Client, kind: SubscriptionKind): number {
    return this.byClient.get(client)?.[kind].size ?? 0
  }

  /** The count subscribe confirmations report: channels and patterns together, shard channels alone. */
  confirmationCount(client: Client, kind: SubscriptionKind): number {
    return kind === 'shard' ? this.count(client, 'shard') : this.count(client, 'channel') + this.count(client, 'pattern')
  }

  private total(client: Client): number {
    return this.count(client, 'channel') + this.count(client, 'pattern') + this.count(client, 'shard')
  }

  /** Redis's CLIENT_PUBSUB flag: the client has any subscription at all. */
  isSubscribed(client: Client): boolean {
    return this.byClient.has(client)
  }

  /** Forgets every subscription of a client (RESET, or the connection closed), without confirmations. */
  removeClient(client: Client): void {
    for (const kind of ['channel', 'pattern', 'shard'] as const) {
      for (const name of this.names(client, kind)) this.unsubscribe(client, kind, name)
    }
  }

  /**
   * PUBLISH: a 'message' to each subscriber of the channel, then a 'pmessage' to each subscriber of
   * each matching pattern. Returns the number of messages sent.
   */
  publish(channel: string, message: string): number {
    let receivers = 0
    for (const client of this.subscribers.channel.get(channel) ?? []) {
      client.deliver?.(push([bulk('message'), bulk(channel), bulk(message)]), 'push')
      receivers++
    }
    for (const [pattern, clients] of this.subscribers.pattern) {
      if (!globMatch(pattern, channel)) continue
      for (const client of clients) {
        client.deliver?.(push([bulk('pmessage'), bulk(pattern), bulk(channel), bulk(message)]), 'push')
        receivers++
      }
    }
    return receivers
  }

  /** SPUBLISH: an 'smessage' to each subscriber of the shard channel. */
  publishShard(channel: string, message: string): number {
    let receivers = 0
    for (const client of this.subscribers.shard.get(channel) ?? []) {
      client.deliver?.(push([bulk('smessage'), bulk(channel), bulk(message)]), 'push')
      receivers++
    }
    return receivers
  }

  /** Names with at least one subscriber (PUBSUB CHANNELS, SHARDCHANNELS), optionally matching a pattern. */
  active(kind: 'channel' | 'shard', pattern?: string): string[] {
    return [...this.subscribers[kind].keys()].filter((name) => pattern === undefined || globMatch(pattern, name))
  }

  /** Subscribers of one channel or shard channel (PUBSUB NUMSUB, SHARDNUMSUB). */
  subscriberCount(kind: 'channel' | 'shard', name: string): number {
    return this.subscribers[kind].get(name)?.size ?? 0
  }

  /** Distinct names with subscribers: PUBSUB NUMPAT and INFO's pubsub_* fields. */
  size(kind: SubscriptionKind): number {
    return this.subscribers[kind].size
  }
}

/**
 * The error a RESP2 client gets for a command it may not run while subscribed, or undefined
 * when the command may run. RESP3 clients may run anything.
 */
export function refusedWhileSubscribed(pubsub: PubSub, client: Client, name: string): string | undefined {
  if (client.resp !== 2 || !pubsub.isSubscribed(client)) return undefined
  if (ALLOWED_WHILE_SUBSCRIBED.has(name)) return undefined
  return `ERR Can't execute '${name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`
}
