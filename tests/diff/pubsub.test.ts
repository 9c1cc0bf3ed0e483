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

  // Key misses (class m): each miss reads a key of its own (m.<command>), so the events show which lookup published them.
  const KEYS_OF_EACH_TYPE = [
    'SET s hello', 'RPUSH l a b c', 'SADD st a b c', 'HSET h f v', 'ZADD z 1 a 2 b', 'XADD x 1-0 f v', 'XGROUP CREATE x g 0',
    'XREADGROUP GROUP g c STREAMS x >',
  ]

  it('keymiss: string and generic key commands that read publish it, writes do not', async () => {
    await expectSameScenario(sides, (s) => notifications(s, 'KEm', [
      ...KEYS_OF_EACH_TYPE,
      'GET m.get', 'GET s', 'GET l', 'MGET s m.mget1 l m.mget2 m.mget1', 'STRLEN m.strlen', 'GETRANGE m.getrange 0 1',
      'SUBSTR m.substr 0 1', 'LCS m.lcs1 s', 'LCS s m.lcs2', 'LCS m.lcs3 l', 'LCS m.lcs4 s BAD',
      'GETSET m.getset v', 'GETDEL m.getdel', 'GETEX m.getex', 'GETEX m.getex2 PX 100', 'GETEX m.getex3 EX -1', 'GETEX m.getex4 BAD',
      'SET m.setget v GET', 'SET m.setnxget v NX GET', 'SET m.setxxget v XX GET', 'SET s v NX GET', 'SET m.setget2 v GET EX 0',
      'SET m.set v', 'SET m.setnx v NX', 'SET m.setxx v XX', 'SETNX m.setnx2 v', 'MSETNX m.msetnx1 v m.msetnx2 w',
      'APPEND m.append v', 'INCR m.incr', 'INCRBYFLOAT m.incrbyfloat 1', 'SETRANGE m.setrange 0 v', 'SETRANGE m.setrange2 0 ""',
      'EXISTS m.exists s m.exists', 'TYPE m.type', 'TYPE s', 'TTL m.ttl', 'PTTL m.pttl', 'EXPIRETIME m.expiretime',
      'PEXPIRETIME m.pexpiretime', 'TOUCH m.touch s m.touch', 'OBJECT ENCODING m.object', 'OBJECT IDLETIME m.object',
      'OBJECT REFCOUNT m.object', 'OBJECT FREQ m.object', 'DEL m.del', 'UNLINK m.unlink', 'RENAME m.rename d',
      'RENAMENX m.renamenx d', 'COPY m.copy d', 'COPY m.copy2 d DB 3', 'COPY s m.copydest', 'COPY s d DB x', 'MOVE m.move 3',
      'EXPIRE m.expire 10', 'PEXPIRE m.pexpire 10', 'EXPIREAT m.expireat 10', 'PERSIST m.persist', 'KEYS m.none*', 'DBSIZE',
      'WATCH m.watch', 'UNWATCH',
    ]))
  })

  it('keymiss: list, set and hash commands', async () => {
    await expectSameScenario(sides, (s) => notifications(s, 'KEm', [
      ...KEYS_OF_EACH_TYPE,
      'LLEN m.llen', 'LLEN l', 'LLEN s', 'LRANGE m.lrange 0 -1', 'LRANGE m.lrange2 a 1', 'LINDEX m.lindex 0', 'LINDEX m.lindex2 x',
      'LPOS m.lpos a', 'LPOS m.lpos2 a RANK 0', 'LPUSHX m.lpushx a', 'LPOP m.lpop', 'RPOP m.rpop 2', 'LSET m.lset 0 a',
      'LINSERT m.linsert BEFORE a b', 'LREM m.lrem 0 a', 'LTRIM m.ltrim 0 1', 'LMOVE m.lmove l LEFT RIGHT',
      'LMOVE l m.lmove2 LEFT RIGHT', 'RPOPLPUSH m.rpoplpush l', 'LMPOP 2 m.lmpop1 m.lmpop2 LEFT', 'LMPOP 2 m.lmpop3 l LEFT',
      'BLPOP m.blpop 0.01', 'BLMOVE m.blmove l LEFT LEFT 0.01', 'BLMPOP 0.01 1 m.blmpop LEFT', 'LPUSH m.lpush a',
      'SMEMBERS m.smembers', 'SISMEMBER st a', 'SISMEMBER m.sismember a', 'SMISMEMBER m.smismember a b', 'SCARD m.scard',
      'SRANDMEMBER m.srandmember', 'SRANDMEMBER m.srandmember2 0', 'SRANDMEMBER m.srandmember3 -5', 'SRANDMEMBER m.srandmember4 x',
      'SPOP m.spop', 'SPOP m.spop2 2', 'SREM m.srem a', 'SMOVE m.smove st a', 'SMOVE st m.smove2 a', 'SMOVE st st b',
      'SINTER m.sinter1 st m.sinter2', 'SINTER m.sinter3 s st', 'SUNION m.sunion1 m.sunion2 m.sunion1', 'SDIFF m.sdiff0 m.sdiff1 m.sdiff2',
      'SINTERCARD 2 st m.sintercard', 'SINTERCARD 2 m.sintercard2 st LIMIT x', 'SINTERSTORE d m.sinterstore st',
      'SUNIONSTORE d m.sunionstore st', 'SDIFFSTORE d st m.sdiffstore', 'SSCAN m.sscan 0', 'SADD m.sadd a',
      'HGET m.hget f', 'HGET h f', 'HGET h nofield', 'HMGET m.hmget f g', 'HGETALL m.hgetall', 'HLEN m.hlen', 'HEXISTS m.hexists f',
      'HKEYS m.hkeys', 'HVALS m.hvals', 'HSTRLEN m.hstrlen f', 'HRANDFIELD m.hrandfield', 'HRANDFIELD m.hrandfield2 0',
      'HRANDFIELD m.hrandfield3 1 BAD', 'HSCAN m.hscan 0', 'HSETNX m.hsetnx f v', 'HDEL m.hdel f', 'HINCRBY m.hincrby f 1',
      'HINCRBYFLOAT m.hincrbyfloat f 1', 'HSET m.hset f v', 'HMSET m.hmset f v',
    ]))
  })

  it('keymiss: sorted set and stream commands (XREAD looks each key up twice)', async () => {
    await expectSameScenario(sides, (s) => notifications(s, 'KEm', [
      ...KEYS_OF_EACH_TYPE,
      'ZCARD m.zcard', 'ZCARD z', 'ZSCORE m.zscore a', 'ZMSCORE m.zmscore a b', 'ZRANK m.zrank a', 'ZREVRANK m.zrevrank a',
      'ZCOUNT m.zcount 0 1', 'ZCOUNT m.zcount2 x y', 'ZLEXCOUNT m.zlexcount - +', 'ZRANGE m.zrange 0 -1',
      'ZRANGE m.zrange2 0 1 BYSCORE REV', 'ZRANGE m.zrange3 x y', 'ZREVRANGE m.zrevrange 0 -1', 'ZRANGEBYSCORE m.zrangebyscore 0 1',
      'ZREVRANGEBYSCORE m.zrevrangebyscore 1 0', 'ZRANGEBYLEX m.zrangebylex - +', 'ZREVRANGEBYLEX m.zrevrangebylex + -',
      'ZRANDMEMBER m.zrandmember', 'ZRANDMEMBER m.zrandmember2 0', 'ZRANDMEMBER m.zrandmember3 1 BAD', 'ZSCAN m.zscan 0',
      'ZUNION 2 m.zunion z', 'ZINTER 2 z m.zinter', 'ZDIFF 3 z m.zdiff1 m.zdiff2', 'ZINTERCARD 2 m.zintercard z',
      'ZUNION 2 m.zunion2 z WEIGHTS x 1', 'ZUNION 2 m.zunion3 s', 'ZUNION x m.zunion4', 'ZUNIONSTORE d 2 m.zunionstore z',
      'ZINTERSTORE d 2 m.zinterstore z', 'ZDIFFSTORE d 2 z m.zdiffstore', 'ZRANGESTORE d m.zrangestore 0 -1',
      'ZRANGESTORE d m.zrangestore2 x y', 'ZINCRBY m.zincrby 1 a', 'ZREM m.zrem a', 'ZPOPMIN m.zpopmin', 'ZPOPMAX m.zpopmax 2',
      'ZMPOP 1 m.zmpop MIN', 'BZPOPMIN m.bzpopmin 0.01', 'BZMPOP 0.01 1 m.bzmpop MAX', 'ZREMRANGEBYRANK m.zremrangebyrank 0 1',
      'ZREMRANGEBYSCORE m.zremrangebyscore 0 1', 'ZREMRANGEBYLEX m.zremrangebylex - +', 'ZADD m.zaddxx XX 1 a', 'ZADD m.zadd 1 a',
      'XLEN m.xlen', 'XLEN x', 'XRANGE m.xrange - +', 'XRANGE m.xrange2 - + COUNT 0', 'XRANGE m.xrange3 x +',
      'XREVRANGE m.xrevrange + -', 'XREAD STREAMS m.xread 0', 'XREAD STREAMS m.xread2 x m.xread3 0 0 0', 'XREAD STREAMS m.xread4 $',
      'XREAD STREAMS m.xread5 m.xread6 0 bad', 'XREAD BLOCK 10 STREAMS m.xread7 $', 'XREADGROUP GROUP g c STREAMS x m.xreadgroup > >',
      'XREADGROUP GROUP g c STREAMS x 0', 'XACK m.xack g 1-0', 'XPENDING m.xpending g', 'XPENDING m.xpending2 g - + x',
      'XCLAIM m.xclaim g c 0 1-0', 'XCLAIM m.xclaim2 g c x 1-0', 'XAUTOCLAIM m.xautoclaim g c 0 0', 'XAUTOCLAIM m.xautoclaim2 g c x 0',
      'XINFO STREAM m.xinfo', 'XINFO STREAM m.xinfo2 FULL', 'XINFO GROUPS m.xinfogroups', 'XINFO CONSUMERS m.xinfoconsumers g',
      'XDEL m.xdel 1-0', 'XTRIM m.xtrim MAXLEN 0', 'XSETID m.xsetid 1-0', 'XGROUP CREATE m.xgroup g $', 'XGROUP SETID m.xgroup g 0',
      'XGROUP CREATECONSUMER m.xgroup g c', 'XGROUP DELCONSUMER m.xgroup g c', 'XGROUP DESTROY m.xgroup g',
      'XADD m.xadd NOMKSTREAM * f v',
    ]))
  })

  it('keymiss: SORT looks up the sorted key and every BY and GET key', async () => {
    await expectSameScenario(sides, (s) => notifications(s, 'KEm', [
      ...KEYS_OF_EACH_TYPE, 'SET w_b 2', 'HSET o_a f x',
      'SORT m.sort', 'SORT_RO m.sort_ro', 'SORT m.sortstore STORE d', 'SORT l BY w_*', 'SORT l BY w_* LIMIT 0 1 GET o_*->f',
      'SORT l BY nosort GET o_* GET # GET w_*', 'SORT l BY o_*->f GET o_*->f ALPHA STORE d', 'SORT_RO l GET # GET w_* ALPHA DESC',
      'SORT l BY nosort GET fixed',
    ]))
  })

  it('keymiss after expired, before new and set; inside MULTI/EXEC and scripts, in their database', async () => {
    await expectSameScenario(sides, (s) => notifications(s, 'KEAmn', [
      'SET t1 v PX 10', { pause: 60 }, 'GET t1', 'SET t2 v PX 10', { pause: 60 }, 'OBJECT ENCODING t2',
      'SET t3 v PX 10', { pause: 60 }, 'MGET t3 t3', 'SET t4 v PX 10', { pause: 60 }, 'APPEND t4 x',
      'SET a v GET', 'GETSET b v', 'SUNIONSTORE c nope a',
      'MULTI', 'GET m1', 'SET m1 v', 'GET m1', 'LLEN m2', 'EXEC',
      ['EVAL', "redis.call('get', KEYS[1]); redis.call('select', 3); return redis.call('exists', KEYS[1])", '1', 'e1'],
      ['EVAL_RO', "return redis.call('hget', KEYS[1], 'f')", '1', 'e2'],
      ['EVAL', "return redis.pcall('llen', KEYS[1])", '1', 'a'],
      'SELECT 5', 'TYPE d5', 'SELECT 0',
    ]))
  })

  it('keymiss: blocked XREAD and BLPOP served later look their keys up for writing', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(0, 'CONFIG SET notify-keyspace-events KEm')
      await s.run(1, 'PSUBSCRIBE __key*__:*')
      try {
        const pop = await s.send(2, 'BLPOP bl 0')
        const read = await s.send(3, 'XREAD BLOCK 0 STREAMS bx $')
        // Created and deleted in one transaction: the blocked clients find no key and go on waiting.
        for (const cmd of ['MULTI', 'RPUSH bl a', 'DEL bl', 'XADD bx 1-0 f v', 'DEL bx', 'EXEC']) await s.run(0, cmd)
        await s.answer('2 BLPOP after EXEC', pop)
        await s.answer('3 XREAD after EXEC', read)
        await s.run(0, 'RPUSH bl a')
        await s.run(0, 'XADD bx 2-0 f v')
        await s.answer('2 BLPOP', pop)
        await s.answer('3 XREAD', read)
        await messages(s, 1)
      } finally {
        await s.run(0, 'CONFIG SET notify-keyspace-events ""')
      }
    })
  })

  it('keymiss: class m is not part of A; K and E each alone', async () => {
    await expectSameScenario(sides, async (s) => {
      for (const value of ['Am', 'mA', 'KEAm', 'mKE', 'm', 'KEA']) {
        await s.run(0, ['CONFIG', 'SET', 'notify-keyspace-events', value])
        await s.run(0, 'CONFIG GET notify-keyspace-events')
      }
    })
    await expectSameScenario(sides, (s) => notifications(s, 'KEA', ['GET a', 'EXISTS a', 'SET a v GET']))
    await expectSameScenario(sides, (s) => notifications(s, 'Km', ['GET a', 'SET a v', 'HGET a f', 'GET a']))
    await expectSameScenario(sides, (s) => notifications(s, 'Em', ['GET a', 'MGET b c']))
    await expectSameScenario(sides, (s) => notifications(s, 'm', ['GET a']))
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
