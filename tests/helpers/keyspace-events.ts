// Keyspace events of both sides of a differential test: redis-server's arrive over PSUBSCRIBE on
// a second connection, the engine's through its change listener. Both are written 'db:event:key'.
import { setTimeout as sleep } from 'node:timers/promises'
import { argvOf, EnginePeer, type RawClient, type RedisProcess } from './redis-server.ts'
import type { Reply } from '../../worker/reply.ts'

/** Lets real time pass between two lines (both sides use the real clock). */
export interface Pause {
  pause: number
}

/** Published after the run: the subscriber has every event once this arrives (a connection delivers in order). */
const END_CHANNEL = '__keyevent@0__:(end of run)'

/** The channel and message of a pmessage push. */
function pmessage(message: Reply): [channel: string, message: string] | undefined {
  if (message.type !== 'array' || message.value.length !== 4) return undefined
  const [kind, , channel, text] = message.value
  if (kind.type !== 'bulk' || kind.value !== 'pmessage' || channel.type !== 'bulk' || text.type !== 'bulk') return undefined
  return [channel.value, text.value]
}

const ended = (subscriber: RawClient) => subscriber.unsolicited.some((message) => pmessage(message)?.[0] === END_CHANNEL)

/**
 * Turns keyspace events on, runs `body`, and returns the events each side emitted while it ran,
 * in order. `body` drives redis-server through `redis.client` and the engine through `peer`.
 */
export async function recordKeyEvents(
  redis: RedisProcess, peer: EnginePeer, body: () => Promise<void>,
): Promise<{ redis: string[]; engine: string[] }> {
  const subscriber: RawClient = await redis.connect()
  const engine: string[] = []
  const stop = peer.engine.onKeyChange((change) => engine.push(`${change.db}:${change.event}:${change.key}`))
  try {
    await redis.client.call(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'])
    await subscriber.call(['PSUBSCRIBE', '__keyevent@*__:*'])
    await body()
    await redis.client.call(['PUBLISH', END_CHANNEL, ''])
    for (let wait = 0; !ended(subscriber); wait++) {
      if (wait === 250) throw new Error('keyspace events did not arrive')
      await sleep(20)
    }
    const events = subscriber.unsolicited.flatMap((message) => {
      const [channel, key] = pmessage(message) ?? []
      const parts = channel === undefined ? null : /^__keyevent@(\d+)__:(.*)$/.exec(channel)
      return parts === null || channel === END_CHANNEL ? [] : [`${parts[1]}:${parts[2]}:${key}`]
    })
    return { redis: events, engine }
  } finally {
    stop()
    subscriber.close()
    await redis.client.call(['CONFIG', 'SET', 'notify-keyspace-events', ''])
  }
}

/** Runs lines on both sides (a Pause lets real time pass) and returns the events each side emitted. */
export function keyEvents(
  redis: RedisProcess, lines: Array<string | string[] | Pause>, peer = new EnginePeer(),
): Promise<{ redis: string[]; engine: string[] }> {
  return recordKeyEvents(redis, peer, async () => {
    for (const line of lines) {
      if (typeof line === 'object' && !Array.isArray(line)) {
        await sleep(line.pause)
        continue
      }
      await redis.client.call(argvOf(line))
      peer.exec(argvOf(line))
    }
  })
}
