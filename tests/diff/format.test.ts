// formatReply against the real redis-cli (Debian's, `--no-raw` so it formats as for a terminal):
// the same command is run through redis-cli and through a raw connection whose parsed reply is
// formatted here, which tests the formatter on every reply type the server can produce; and
// hash and string commands are run through the engine, which tests engine and formatter together.
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnginePeer, REDIS_SERVER, startRedis, type RawClient, type RedisProcess } from '../helpers/redis-server.ts'
import { formatReply } from '../../worker/format.ts'
import type { Reply } from '../../worker/reply.ts'

const REDIS_CLI = spawnSync('sh', ['-c', 'command -v redis-cli'], { encoding: 'utf8' }).stdout.trim() || undefined

interface Difference {
  command: string
  resp: 2 | 3
  redisCli: string
  formatted: string
}

describe.skipIf(!REDIS_SERVER || !REDIS_CLI)('formatReply against redis-cli', () => {
  let redis: RedisProcess
  const connections = new Map<2 | 3, RawClient>()

  beforeAll(async () => {
    redis = await startRedis(['--enable-debug-command', 'yes'])
    connections.set(2, redis.client)
    const resp3 = await redis.connect()
    await resp3.call(['HELLO', '3'])
    connections.set(3, resp3)
  })
  afterAll(() => redis?.stop())

  /** What redis-cli prints for a command (its arguments are ASCII: binary data is set up over RESP). */
  function redisCli(argv: string[], resp: 2 | 3, options: string[] = [], input?: string): string {
    for (const arg of argv) if (!/^[\x20-\x7e]*$/.test(arg)) throw new Error(`not ASCII: ${arg}`)
    const args = ['--no-raw', '-p', String(redis.port), ...(resp === 3 ? ['-3'] : []), ...options, ...argv]
    const result = spawnSync(REDIS_CLI as string, args, { encoding: 'latin1', input })
    return result.stdout
  }

  /** Waits for a push (or any unsolicited reply) on a connection. */
  async function nextUnsolicited(connection: RawClient): Promise<Reply> {
    for (let waited = 0; connection.unsolicited.length === 0; waited += 5) {
      if (waited > 2000) throw new Error('no push arrived')
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return connection.unsolicited.shift() as Reply
  }

  async function setup(lines: string[][]): Promise<void> {
    await redis.client.call(['FLUSHALL'])
    for (const argv of lines) await redis.client.call(argv)
  }

  /**
   * Runs each command through redis-cli and through a raw connection + formatReply; returns the
   * differences. Each command runs twice per protocol, so writes must leave the data as it was.
   */
  async function compareWithServer(commands: string[][], protocols: Array<2 | 3> = [2, 3]): Promise<Difference[]> {
    const differences: Difference[] = []
    for (const resp of protocols) {
      for (const argv of commands) {
        const printed = redisCli(argv, resp)
        const formatted = formatReply(await (connections.get(resp) as RawClient).call(argv), resp) + '\n'
        if (printed !== formatted) differences.push({ command: argv.join(' '), resp, redisCli: printed, formatted })
      }
    }
    return differences
  }

  const describeDifferences = (differences: Difference[]) =>
    differences.map((d) => `> ${d.command} (RESP${d.resp})\nredis-cli:\n${d.redisCli}formatReply:\n${d.formatted}`).join('\n')

  it('simple replies, strings with escapes, nil, integers and errors', async () => {
    await setup([
      ['SET', 'bin', 'a\n\r\t\x07\x08\\"b\x00\x01\x1b\x7f\x80\xff ~\xc3\xa9'],
      ['SET', 'empty', ''],
      ['SET', 'n', '-9223372036854775808'],
      ['RPUSH', 'list', 'x'],
    ])
    const differences = await compareWithServer([
      ['PING'], ['PING', 'hello world'], ['ECHO', ''], ['ECHO', "it's \"quoted\""], ['GET', 'bin'], ['GET', 'empty'],
      ['GET', 'nokey'], ['SET', 'k', 'v'], ['GET', 'n'], ['INCRBY', 'n', '0'], ['STRLEN', 'bin'],
      ['GET', 'list'], ['NOSUCHCOMMAND', 'a'], ['GET'], ['BLPOP', 'nokey', '0.01'], ['EXISTS', 'nokey'],
      ['EVAL', 'return {ok="fine"}', '0'], ['EVAL', 'return redis.error_reply("ERR custom")', '0'],
      ['EVAL', 'return redis.call("incrby", "n", "0")', '0'],
    ])
    expect(differences, describeDifferences(differences)).toEqual([])
  })

  it('arrays: numbering width, nesting, empty arrays, nil and errors inside', async () => {
    await setup([['RPUSH', 'list', 'a', 'b\n', '', 'd']])
    const differences = await compareWithServer([
      ['LRANGE', 'list', '0', '-1'], ['LRANGE', 'nokey', '0', '-1'],
      ['EVAL', 'return {1,{2,"x"},{}}', '0'],
      ['EVAL', 'return {1,false,3}', '0'],
      ['EVAL', 'return {1,{err="inner error"},{ok="inner status"}}', '0'],
      ['EVAL', 'return {1,2,3,4,5,6,7,8,9,10,{1,2,3,4,5,6,7,8,9,10,11,12,{"deep",{}}}}', '0'],
      ['EVAL', 'local t={} for i=1,105 do t[i]=i end t[106]={1,{2,{3}}} return t', '0'],
      ['EVAL', 'return {{{{"four levels"}}}}', '0'],
      ['MGET', 'list', 'nokey'],
    ])
    expect(differences, describeDifferences(differences)).toEqual([])
  })

  it('RESP3 types: maps, sets, doubles, booleans, verbatim, and their RESP2 forms', async () => {
    await setup([
      ['HSET', 'h', 'a', '1', 'b', '2'], ['SADD', 'set', 'x'], ['ZADD', 'z', '1.5', 'm', '0.1', 'n', 'inf', 'o'],
    ])
    const differences = await compareWithServer([
      ['HGETALL', 'h'], ['HGETALL', 'nokey'], ['SMEMBERS', 'set'], ['SMEMBERS', 'nokey'], ['ZSCORE', 'z', 'm'],
      ['ZSCORE', 'z', 'n'], ['ZSCORE', 'z', 'o'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZINCRBY', 'z', '0', 'm'],
      ['DEBUG', 'PROTOCOL', 'string'], ['DEBUG', 'PROTOCOL', 'integer'], ['DEBUG', 'PROTOCOL', 'double'],
      ['DEBUG', 'PROTOCOL', 'null'], ['DEBUG', 'PROTOCOL', 'array'], ['DEBUG', 'PROTOCOL', 'set'],
      ['DEBUG', 'PROTOCOL', 'map'], ['DEBUG', 'PROTOCOL', 'verbatim'], ['DEBUG', 'PROTOCOL', 'true'],
      ['DEBUG', 'PROTOCOL', 'false'],
      ['EVAL', 'redis.setresp(3) return {map={}}', '0'],
      ['EVAL', 'redis.setresp(3) return {set={}}', '0'],
      ['EVAL', 'redis.setresp(3) return {map={a={1,2}}}', '0'],
      ['EVAL', 'redis.setresp(3) return {map={b={map={x=1}}}}', '0'],
      ['EVAL', 'redis.setresp(3) return {{map={c={{1,2}}}}}', '0'],
      ['EVAL', 'redis.setresp(3) return {{map={d={"only"}}}}', '0'],
      ['EVAL', 'redis.setresp(3) return {map={e={map={x=1,y=2}}}}', '0'],
      ['EVAL', 'redis.setresp(3) return {map={f={map={x={1,2}}}}}', '0'],
      ['EVAL', 'redis.setresp(3) return {map={g={}}}', '0'],
      ['EVAL', 'redis.setresp(3) return {map={[{1,2}]=1}}', '0'],
      ['EVAL', 'redis.setresp(3) local t={} for i=1,12 do t["k"..i]={i} end return {map=t}', '0'],
      ['EVAL', 'redis.setresp(3) return {set={"a","b",{1,{2}}}}', '0'],
      ['EVAL', 'redis.setresp(3) return {{double=1.5},{double=0.1},{double=1e300},{double=1/0},{double=-1/0},true,false}', '0'],
    ])
    expect(differences, describeDifferences(differences)).toEqual([])
  })

  it('pushes as redis-cli --show-pushes prints them', async () => {
    const connection = connections.get(3) as RawClient
    const pushed = await connection.call(['DEBUG', 'PROTOCOL', 'push'])
    const after = await nextUnsolicited(connection)
    expect(pushed.type).toBe('push')
    expect(redisCli(['DEBUG', 'PROTOCOL', 'push'], 3, ['--show-pushes', 'yes']))
      .toBe(`${formatReply(pushed)}\n${formatReply(after)}\n`)

    // Client-side caching: reading a key, then changing it, sends an invalidation push.
    await setup([])
    const tracking = await redis.connect()
    await tracking.call(['HELLO', '3'])
    const replies: Reply[] = [await tracking.call(['CLIENT', 'TRACKING', 'on']), await tracking.call(['GET', 'k'])]
    replies.push(await tracking.call(['SET', 'k', '1']), await nextUnsolicited(tracking), await tracking.call(['GET', 'k']))
    tracking.close()
    await setup([])
    const printed = redisCli([], 3, ['--show-pushes', 'yes'], 'CLIENT TRACKING on\nGET k\nSET k 1\nGET k\n')
    expect(printed).toBe(replies.map((reply) => formatReply(reply) + '\n').join(''))
    expect(printed).toContain("-> invalidate: 'k'\n")
  })

  it('engine replies to hash and connection commands, formatted, match redis-cli', async () => {
    const wide: string[] = []
    for (let i = 1; i <= 12; i++) wide.push(`field${i}`, i % 3 === 0 ? `line\n${i}` : String(i))
    const data = [['HSET', 'h', 'name', 'Ada', 'lang', 'C\n', 'bytes', '\x00\xff'], ['HSET', 'wide', ...wide], ['SET', 's', 'text']]
    await setup(data)
    const engine = new EnginePeer()
    for (const argv of data) engine.exec(argv)
    const commands = [
      ['PING'], ['ECHO', 'hi'], ['HGETALL', 'h'], ['HGETALL', 'wide'], ['HKEYS', 'wide'], ['HVALS', 'h'],
      ['HMGET', 'h', 'name', 'nope', 'bytes'], ['HGET', 'h', 'nope'], ['HGET', 'h', 'bytes'], ['HGETALL', 'nokey'],
      ['HKEYS', 'nokey'], ['HSCAN', 'h', '0'], ['HSCAN', 'wide', '0', 'MATCH', 'field1*'], ['HSCAN', 'nokey', '0'],
      ['HRANDFIELD', 'wide', '100', 'WITHVALUES'], ['HRANDFIELD', 'h', '0'], ['HRANDFIELD', 'nokey'], ['HLEN', 'wide'],
      ['HSET', 'h', 'n', '1'], ['HINCRBY', 'h', 'n', '41'], ['HINCRBYFLOAT', 'h', 'n', '0.5'], ['HSETNX', 'h', 'n', 'x'],
      ['HMSET', 'h', 'm', '1'], ['HDEL', 'h', 'm', 'nope'], ['HGETALL', 'h'], ['HGET', 's', 'x'], ['HSET', 'h', 'odd'],
      ['HINCRBY', 'h', 'name', '1'], ['HRANDFIELD', 'h', '1', 'bad'],
    ]
    const differences: Difference[] = []
    for (const resp of [2, 3] as const) {
      for (const argv of commands) {
        const printed = redisCli(argv, resp)
        engine.clients[0].resp = resp
        const formatted = formatReply(engine.exec(argv), resp) + '\n'
        if (printed !== formatted) differences.push({ command: argv.join(' '), resp, redisCli: printed, formatted })
      }
    }
    expect(differences, describeDifferences(differences)).toEqual([])
  })
})
