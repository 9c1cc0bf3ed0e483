// Pub/sub and keyspace notifications with several connections, against redis-server and the
// engine's RESP server: replies, confirmations and the pushes each connection receives.
import { spawn, spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { argvOf, normalizeUnordered, REDIS_SERVER, startRedis, type RedisProcess } from '../helpers/redis-server.ts'
import { expectSameScenario, SETTLE_MS, sleep, startSides, type Session, type Sides } from '../helpers/multi-client.ts'
import type { Reply } from '../../worker/reply.ts'
import { Engine } from '../../worker/engine.ts'
import { formatReply } from '../../worker/format.ts'

const REDIS_CLI = spawnSync('sh', ['-c', 'command -v redis-cli'], { encoding: 'utf8' }).stdout.trim() || undefined

/** Runs a command whose reply Redis orders by hash (PUBSUB CHANNELS, UNSUBSCRIBE without names) and records it sorted. */
async function runUnordered(s: Session, n: number, cmd: string): Promise<void> {
  const reply = await (await s.connection(n)).call(argvOf(cmd))
  s.record(`${n}> ${cmd} (sorted)`, normalizeUnordered(reply))
}

/**
 * Runs an unsubscribe without names, whose confirmations come in Redis's hash order: records
 * their frame types and counts in order (those do not depend on the order) and the names sorted.
 */
async function runUnsubscribeAll(s: Session, n: number, cmd: string): Promise<void> {
  const c = await s.connection(n)
  const frames = [await c.call(argvOf(cmd))]
  await sleep(SETTLE_MS)
  frames.push(...c.unsolicited.splice(0))
  const parts = frames.map((frame) => (frame.type === 'array' || frame.type === 'push' ? frame.value : []))
  const names = parts.map((items) => JSON.stringify(items[1])).sort()
  s.transcript.push(`${n}> ${cmd}: ${frames.map((f) => f.type).join(',')} ${parts.map((items) => JSON.stringify([items[0], items[2]])).join(',')} ${names.join(',')}`)
}

/** Records the pushes connection n received, one line each, as `type: item | item ...` (keyspace runs are long). */
async function messages(s: Session, n: number, ms = 60): Promise<void> {
  await sleep(ms)
  const c = await s.connection(n)
  const text = (item: Reply) => (item.type === 'bulk' ? JSON.stringify(item.value) : JSON.stringify(item))
  for (const reply of c.unsolicited) {
    s.transcript.push(`${n} got ${reply.type}: ${reply.type === 'array' || reply.type === 'push' ? reply.value.map(text).join(' ') : text(reply)}`)
  }
  c.unsolicited.length = 0
}

/** Records the given fields of a CLIENT INFO / INFO text (the rest holds ids, addresses and times). */
async function runFields(s: Session, n: number, cmd: string, fields: string[]): Promise<void> {
  const reply: Reply = await (await s.connection(n)).call(argvOf(cmd))
  const text = reply.type === 'bulk' || reply.type === 'verbatim' ? reply.value : JSON.stringify(reply)
  const found = fields.map((field) => new RegExp(`(?:^|[ \\r\\n])(${field}[=:][^ \\r\\n]*)`).exec(text)?.[1] ?? `${field} missing`)
  s.transcript.push(`${n}> ${cmd}: ${found.join(' ')}`)
}

describe.skipIf(!REDIS_SERVER)('pub/sub against redis-server', () => {
  let sides: Sides
  beforeAll(async () => {
    sides = await startSides()
  })
  afterAll(async () => {
    await sides?.stop()
  })

  it('SUBSCRIBE and PSUBSCRIBE confirm each name; PUBLISH counts channel and pattern receivers', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(1, 'SUBSCRIBE news sport news')
      await s.pushes(1)
      await s.run(2, 'PSUBSCRIBE n* s?ort')
      await s.pushes(2)
      await s.run(0, 'PUBLISH news hello')
      await s.run(0, 'PUBLISH sport "two words"')
      await s.run(0, 'PUBLISH nothing x')
      await s.run(0, 'PUBLISH weather x')
      await s.pushes(1)
      await s.pushes(2)
      await runUnordered(s, 0, 'PUBSUB CHANNELS')
      await runUnordered(s, 0, 'PUBSUB CHANNELS n*')
      await s.run(0, 'PUBSUB NUMSUB news sport weather')
      await s.run(0, 'PUBSUB NUMSUB')
      await s.run(0, 'PUBSUB NUMPAT')
      await s.run(0, 'PUBSUB CHANNELS a b')
      await s.run(0, 'PUBSUB NUMPAT x')
      await s.run(3, 'PSUBSCRIBE n*')
      await s.run(0, 'PUBSUB NUMPAT')
      await s.run(0, 'PUBLISH news again')
      await s.pushes(1)
      await s.pushes(2)
      await s.pushes(3)
      await s.run(1, 'SUBSCRIBE a b')
      await s.run(1, 'UNSUBSCRIBE news nope')
      await s.pushes(1)
      await runUnsubscribeAll(s, 1, 'UNSUBSCRIBE')
      await s.run(1, 'UNSUBSCRIBE')
      await s.run(2, 'PUNSUBSCRIBE')
      await s.pushes(2)
      await s.run(2, 'PUNSUBSCRIBE')
      await s.run(3, 'PUNSUBSCRIBE nope n*')
      await s.pushes(3)
      await s.run(0, 'PUBSUB NUMSUB news sport')
      await s.run(0, 'PUBSUB NUMPAT')
      await s.run(0, 'PUBLISH news gone')
      // Binary names and messages, and a pattern with a character class.
      await s.run(1, ['SUBSCRIBE', 'ch\x00\xff'])
      await s.run(2, ['PSUBSCRIBE', 'ch[\x00-\x01]*'])
      await s.run(0, ['PUBLISH', 'ch\x00\xff', 'm\r\n\x80'])
      await s.pushes(1)
      await s.pushes(2)
    })
  })

  it('RESP2 subscribed mode allows only the subscription commands, PING, QUIT and RESET', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(1, 'SET k v')
      await s.run(1, 'SUBSCRIBE c')
      for (const cmd of ['GET k', 'CLIENT INFO', 'HELLO 3', 'MULTI', 'PUBLISH c x', 'NOSUCH x', 'GET', 'PING', 'PING hi', 'PING a b']) {
        await s.run(1, cmd)
      }
      await s.run(1, 'PSUBSCRIBE p*')
      await s.run(1, 'UNSUBSCRIBE c')
      await s.run(1, 'GET k')
      await s.run(1, 'PUNSUBSCRIBE')
      await s.run(1, 'GET k')
      await s.run(1, 'PING')
      // Shard subscriptions alone keep the connection in subscribed mode; their counts are their own.
      await s.run(1, 'SSUBSCRIBE s1 s2')
      await s.pushes(1)
      await s.run(1, 'SUBSCRIBE c')
      await s.run(1, 'UNSUBSCRIBE')
      await s.run(1, 'GET k')
      await s.run(0, 'SPUBLISH s1 hi')
      await s.run(0, 'PUBLISH s1 hi')
      await s.pushes(1)
      await runUnordered(s, 0, 'PUBSUB SHARDCHANNELS')
      await s.run(0, 'PUBSUB SHARDCHANNELS s1')
      await s.run(0, 'PUBSUB SHARDNUMSUB s1 s2 c')
      await s.run(0, 'PUBSUB SHARDCHANNELS a b')
      await s.run(1, 'SSUBSCRIBE s3')
      await s.run(1, 'SUNSUBSCRIBE s2')
      await runUnsubscribeAll(s, 1, 'SUNSUBSCRIBE')
      await s.run(1, 'SUNSUBSCRIBE')
      await s.run(1, 'GET k')
      // RESET leaves subscribed mode without confirmations.
      await s.run(1, 'SUBSCRIBE c')
      await s.run(1, 'RESET')
      await s.run(1, 'GET k')
      await s.run(0, 'PUBSUB NUMSUB c')
      await s.pushes(1)
    })
  })

  it('RESP3: confirmations and messages are push frames, and any command may run', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(1, 'HELLO 3').then(() => s.transcript.pop())
      await s.run(1, 'SUBSCRIBE a b')
      await s.pushes(1)
      await s.run(1, 'PSUBSCRIBE a*')
      await s.run(1, 'SET k v')
      await s.run(1, 'GET k')
      await s.run(1, 'PING')
      await s.run(0, 'PUBLISH a hello')
      await s.pushes(1)
      // Its own PUBLISH: the messages come before the reply.
      await s.run(1, 'PUBLISH a self')
      await s.pushes(1)
      await s.run(1, 'PUBSUB NUMSUB a')
      await s.run(1, 'UNSUBSCRIBE nope')
      await s.run(1, 'PUNSUBSCRIBE')
      await runUnsubscribeAll(s, 1, 'UNSUBSCRIBE')
      await s.run(1, 'UNSUBSCRIBE')
      await s.run(1, 'SSUBSCRIBE sh')
      await s.run(0, 'SPUBLISH sh m')
      await s.pushes(1)
      await s.run(1, 'HELLO 2').then(() => s.transcript.pop())
      await s.run(1, 'GET k')
      await s.run(1, 'PING')
    })
  })

  it('SUBSCRIBE inside MULTI, and closing a connection drops its subscriptions', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(1, 'MULTI')
      await s.run(1, 'SUBSCRIBE m1 m2')
      await s.run(1, 'PING')
      await s.run(1, 'GET k')
      // EXEC's array announces two replies; SUBSCRIBE wrote two of its own (as in Redis).
      await s.run(1, 'EXEC')
      await s.pushes(1)
      await s.run(2, 'SUBSCRIBE m1')
      await s.run(0, 'PUBSUB NUMSUB m1 m2')
      ;(await s.connection(1)).close()
      await sleep(50)
      await s.run(0, 'PUBSUB NUMSUB m1 m2')
      await s.run(0, 'PUBLISH m1 x')
      await s.pushes(2)
    })
  })

  it('CLIENT LIST/INFO and INFO report subscriptions', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(1, 'HELLO 3').then(() => s.transcript.pop())
      await s.run(1, 'SUBSCRIBE a b')
      await s.run(1, 'PSUBSCRIBE p*')
      await s.run(1, 'SSUBSCRIBE s')
      await s.pushes(1)
      await runFields(s, 1, 'CLIENT INFO', ['flags', 'sub', 'psub', 'ssub'])
      await runFields(s, 0, 'CLIENT INFO', ['flags', 'sub', 'psub', 'ssub'])
      await runFields(s, 0, 'INFO stats', ['pubsub_channels', 'pubsub_patterns', 'pubsubshard_channels'])
      await runFields(s, 0, 'CLIENT LIST TYPE pubsub', ['flags', 'sub'])
      await s.run(0, 'CLIENT LIST TYPE master')
      await s.run(1, 'RESET')
      await runFields(s, 1, 'CLIENT INFO', ['flags', 'sub', 'psub', 'ssub'])
      await s.run(0, 'CLIENT LIST TYPE pubsub')
      await runFields(s, 0, 'INFO stats', ['pubsub_channels', 'pubsub_patterns', 'pubsubshard_channels'])
    })
  })
})

describe.skipIf(!REDIS_SERVER)('keyspace notifications against redis-server', () => {
  let sides: Sides
  beforeAll(async () => {
    sides = await startSides()
  })
  afterAll(async () => {
    await sides?.stop()
  })

  it('CONFIG SET notify-keyspace-events: flag letters, canonical order and errors', async () => {
    await expectSameScenario(sides, async (s) => {
      for (const value of ['KEA', 'AKE', 'Ex', 'xK', 'g$lshzxetdn', 'gx$lshzetdnm', 'AnKE', 'Km', 'n', 'A', 'KEq', 'a', '']) {
        await s.run(0, ['CONFIG', 'SET', 'notify-keyspace-events', value])
        await s.run(0, 'CONFIG GET notify-keyspace-events')
      }
    })
  })

  /** Subscribes connection 1 to every keyspace channel, runs the lines on connection 0, and records what arrived. */
  async function notifications(s: Session, classes: string, lines: Array<string | string[] | { pause: number }>): Promise<void> {
    await s.run(0, ['CONFIG', 'SET', 'notify-keyspace-events', classes])
    await s.run(1, 'PSUBSCRIBE __key*__:*')
    try {
      for (const line of lines) {
        if (typeof line === 'object' && !Array.isArray(line)) await sleep(line.pause)
        else await s.run(0, line)
      }
      await messages(s, 1)
    } finally {
      await s.run(0, 'CONFIG SET notify-keyspace-events ""')
      await s.run(1, 'PUNSUBSCRIBE')
    }
  }

  it('every type: event names, order, keyspace and keyevent channels, new keys', async () => {
    await expectSameScenario(sides, (s) => notifications(s, 'KEAn', [
      'SET s 1', 'SET s 2 EX 100', 'INCRBY s 5', 'INCR s', 'DECR s', 'INCRBYFLOAT s 1.5', 'APPEND s x', 'SETRANGE s 0 9',
      'SETNX s x', 'SETNX s2 x', 'MSET m1 a m2 b', 'GETSET m1 c', 'GETDEL m2', 'GETEX m1 PX 100000', 'GETEX m1 PERSIST',
      'PERSIST s', 'EXPIRE s 100', 'PEXPIRE s 0', 'SETEX e 100 v', 'PSETEX e 100000 v', 'APPEND new x', 'SETRANGE new2 1 y',
      'RPUSH l a b c d', 'LPUSH l z', 'LPOP l', 'RPOP l', 'LINSERT l BEFORE b x', 'LSET l 0 y', 'LREM l 1 y', 'LTRIM l 0 1',
      'LMOVE l l2 LEFT RIGHT', 'RPOPLPUSH l2 l', 'LPOP l 5', 'RPUSHX nolist a', 'LPUSHX l2 a',
      'SADD st a b c', 'SREM st a b', 'SPOP st', 'SADD st b c', 'SMOVE st st2 b', 'SMOVE st st2 c', 'SADD o1 1 2', 'SADD o2 2 3',
      'SINTERSTORE d1 o1 o2', 'SUNIONSTORE d2 o1 o2', 'SDIFFSTORE d3 o1 o2', 'SINTERSTORE d1 o1 nope',
      'HSET h a 1 b 2', 'HSETNX h a 3', 'HSETNX h c 3', 'HINCRBY h a 2', 'HINCRBYFLOAT h a 0.5', 'HDEL h a b', 'HDEL h c',
      'ZADD z 1 a 2 b 3 c 4 d', 'ZADD z INCR 5 a', 'ZINCRBY z 1 b', 'ZREM z a', 'ZADD z XX 1 nope', 'ZADD zx XX 1 a',
      'ZREMRANGEBYSCORE z 0 2', 'ZREMRANGEBYRANK z 0 0', 'ZADD z 0 x 0 y', 'ZREMRANGEBYLEX z [x [x', 'ZPOPMIN z',
      'ZPOPMAX z', 'ZADD z1 1 a', 'ZUNIONSTORE zu 1 z1', 'ZINTERSTORE zi 1 z1', 'ZDIFFSTORE zd 1 z1', 'ZRANGESTORE zr z1 0 -1',
      'XADD x 1-1 f v', 'XADD x 2-1 f v', 'XDEL x 1-1', 'XTRIM x MAXLEN 0', 'XSETID x 5-0', 'XGROUP CREATE x g $',
      'XGROUP CREATECONSUMER x g c', 'XGROUP DELCONSUMER x g c', 'XGROUP SETID x g 0', 'XGROUP DESTROY x g',
      'XGROUP CREATE x2 g $ MKSTREAM', 'XADD x3 MAXLEN 1 1-1 f v', 'XADD x3 MAXLEN 1 2-1 f v',
      'SET r v', 'RENAME r r2', 'RENAMENX r2 r3', 'COPY r3 r4', 'MOVE r4 3', 'DEL r3 nope', 'UNLINK s',
      'RPUSH srt 3 1 2', 'SORT srt STORE srt2', 'SORT nope STORE srt2',
      'SELECT 2', 'SET db2 v', 'EXPIRE db2 100', 'SELECT 0', 'SWAPDB 0 1', 'FLUSHDB',
    ]))
  })

  it('classes pick which events are published; K and E each alone', async () => {
    await expectSameScenario(sides, (s) => notifications(s, 'Kl', ['SET a 1', 'RPUSH l a', 'DEL l']))
    await expectSameScenario(sides, (s) => notifications(s, 'E$g', ['SET a 1', 'RPUSH l a', 'DEL l a', 'HSET h f v']))
    await expectSameScenario(sides, (s) => notifications(s, 'A', ['SET a 1']))
    await expectSameScenario(sides, (s) => notifications(s, 'Ehz', ['HSET h f v', 'ZADD z 1 m', 'SET a 1']))
  })

  it('expired keys, lazily and actively, and EXPIRE in the past', async () => {
    await expectSameScenario(sides, (s) => notifications(s, 'KEA', [
      'SET t1 v PX 20', { pause: 300 }, 'GET t1', 'SET t2 v PX 20', { pause: 300 }, 'EXPIRE e 100', 'SET p v', 'EXPIRE p -1',
      'SET q v', 'EXPIREAT q 1',
    ]))
  })
})

describe.skipIf(!REDIS_SERVER || !REDIS_CLI)('formatReply of pub/sub replies against redis-cli', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  /**
   * What redis-cli prints for a subscribing command (it keeps reading until killed), without its
   * "Reading messages..." line; `meanwhile` runs once it has subscribed.
   */
  async function redisCli(argv: string[], resp: 2 | 3, meanwhile: () => Promise<unknown> = async () => undefined): Promise<string> {
    const child = spawn(REDIS_CLI as string, ['--no-raw', '-p', String(redis.port), ...(resp === 3 ? ['-3'] : []), ...argv])
    let out = ''
    child.stdout.setEncoding('latin1').on('data', (chunk: string) => (out += chunk))
    const exited = new Promise((resolve) => child.once('exit', resolve))
    await sleep(200)
    await meanwhile()
    await sleep(200)
    child.kill()
    await exited
    return out.replace(/^Reading messages\.\.\. \(press Ctrl-C to quit\)\n/, '')
  }

  /** The engine's text for the same: the command's reply, then each push delivered while `meanwhile` ran. */
  function engineText(argv: string[], resp: 2 | 3, meanwhile: (engine: Engine) => void = () => undefined): string {
    const engine = new Engine()
    const client = engine.createClient()
    client.resp = resp
    const texts: string[] = []
    client.deliver = (reply) => texts.push(formatReply(reply, resp))
    texts.unshift(formatReply(engine.exec(client, argv), resp))
    meanwhile(engine)
    return texts.map((text) => `${text}\n`).join('')
  }

  it('confirmations and messages print as redis-cli prints them, RESP2 and RESP3', async () => {
    for (const resp of [2, 3] as const) {
      const publish = (channel: string, message: string) => ['PUBLISH', channel, message]
      // One pattern per channel: Redis tries the patterns in hash order.
      const lines = [publish('news', 'hello'), publish('sport.x', 'a "quoted"\nline'), publish('other', 'x')]
      const printed = await redisCli(['PSUBSCRIBE', 'news*', 's?ort.*'], resp, async () => {
        for (const argv of lines) await redis.client.call(argv)
      })
      const formatted = engineText(['PSUBSCRIBE', 'news*', 's?ort.*'], resp, (engine) => {
        const publisher = engine.createClient()
        for (const argv of lines) engine.exec(publisher, argv)
      })
      expect(formatted).toBe(printed)
      const subscribePrinted = await redisCli(['SUBSCRIBE', 'a', 'b', 'a'], resp, () => redis.client.call(['PUBLISH', 'b', '']))
      const subscribeFormatted = engineText(['SUBSCRIBE', 'a', 'b', 'a'], resp, (engine) => {
        engine.exec(engine.createClient(), ['PUBLISH', 'b', ''])
      })
      expect(subscribeFormatted).toBe(subscribePrinted)
    }
  })
})
