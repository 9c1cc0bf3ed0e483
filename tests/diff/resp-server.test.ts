// The RESP server end to end, against a real redis-server: the same bytes in give the same bytes
// out (inline commands, pipelines, protocol errors and the close that follows, RESP3 after HELLO 3),
// per-connection state, and real clients: redis-cli, redis-cli --pipe, ioredis, redis-benchmark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { Redis } from 'ioredis'
import { startServer, type RunningServer } from '../../server/server.ts'
import { encodeCommand } from '../../worker/resp.ts'
import type { Reply } from '../../worker/reply.ts'
import { RawClient, REDIS_SERVER, show, startRedis, type RedisProcess } from '../helpers/redis-server.ts'
import { rawSession, type SessionResult } from '../helpers/raw-session.ts'

const multibulk = (...argv: string[]) => encodeCommand(argv)

function installed(binary: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).stdout.trim() !== ''
  if (!found) console.warn(`${binary} is not installed: its tests are skipped. Install it with \`apt-get install -y redis-tools\` (Debian).`)
  return found
}
const REDIS_CLI = installed('redis-cli')
const REDIS_BENCHMARK = installed('redis-benchmark')

interface Run {
  stdout: string
  stderr: string
  code: number | null
}

function run(command: string, args: string[], input?: string | Buffer, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.stdout.on('data', (c: Buffer) => stdout.push(c))
    child.stderr.on('data', (c: Buffer) => stderr.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ stdout: Buffer.concat(stdout).toString('latin1'), stderr: Buffer.concat(stderr).toString('latin1'), code })
    })
    child.stdin.end(input)
  })
}

/** HELLO's reply with the connection id blanked: ids depend on how many connections each server has seen. */
function withoutClientId(reply: Reply): Reply {
  const isId = (r: Reply | undefined) => r?.type === 'bulk' && r.value === 'id'
  const blank: Reply = { type: 'integer', value: 0 }
  if (reply.type === 'map') return { type: 'map', value: reply.value.map(([k, v]) => [k, isId(k) ? blank : v]) }
  // RESP2: the same map as a flat array.
  if (reply.type === 'array') return { type: 'array', value: reply.value.map((item, i) => (i % 2 === 1 && isId(reply.value[i - 1]) ? blank : item)) }
  return reply
}

describe.skipIf(!REDIS_SERVER)('RESP server against redis-server', () => {
  let redis: RedisProcess
  let ours: RunningServer
  beforeAll(async () => {
    ;[redis, ours] = await Promise.all([startRedis(), startServer({ port: 0, host: '127.0.0.1' })])
  })
  afterAll(async () => {
    await Promise.all([redis?.stop(), ours?.close()])
  })

  /**
   * How a scenario's conversation ends: 'sentinel' sends PING <marker> last and waits for its
   * reply (whatever the load, no fixed wait); 'close' waits for the server to close (2 s at most);
   * 'quiet' waits until nothing came for a while (for requests that never complete).
   */
  type Ending = 'sentinel' | 'close' | 'quiet'
  const SENTINEL = 'end-of-scenario'

  function session(port: number, chunks: Array<string | Buffer>, ending: Ending): Promise<SessionResult> {
    if (ending === 'sentinel') {
      return rawSession(port, [...chunks, `PING ${SENTINEL}\r\n`], { until: `$${SENTINEL.length}\r\n${SENTINEL}\r\n` })
    }
    return rawSession(port, chunks, { quietMs: ending === 'close' ? 2000 : 300 })
  }

  /** Runs every scenario on both servers (each on its own connection, all at once) and returns the differences. */
  async function compareSessions(
    scenarios: Record<string, Array<string | Buffer> | { chunks: Array<string | Buffer>; ending: Ending }>,
    ending: Ending,
  ): Promise<string[]> {
    const names = Object.keys(scenarios)
    const conversation = (port: number, name: string) => {
      const scenario = scenarios[name]
      return Array.isArray(scenario) ? session(port, scenario, ending) : session(port, scenario.chunks, scenario.ending)
    }
    const [theirs, mine] = await Promise.all(
      [redis.port, ours.port].map((port) => Promise.all(names.map((name) => conversation(port, name)))),
    )
    const show = (r: SessionResult) => `${JSON.stringify(r.bytes.length > 400 ? r.bytes.slice(0, 400) + '...' : r.bytes)} ${r.closed ? 'closed' : 'open'}`
    return names.flatMap((name, i) =>
      theirs[i].bytes === mine[i].bytes && theirs[i].closed === mine[i].closed
        ? []
        : [`${name}\n  redis: ${show(theirs[i])}\n  ours:  ${show(mine[i])}`],
    )
  }

  it('inline commands', async () => {
    const differences = await compareSessions({
      'simple': ['PING\r\n'],
      'LF only': ['PING\nPING x\n'],
      'quotes and escapes': ['ECHO "a b"\r\nECHO \'it\\\'s\'\r\nECHO "\\x41\\xff\\n"\r\nPING a"b" c\r\n'],
      'blanks around': ['  \tPING   \r\n'],
      'lone CR is a blank': ['PING\rPING\r\n'],
      'empty lines and empty multibulks are ignored': ['\r\n\n   \r\n*0\r\n*-1\r\nPING\r\n'],
      'errors keep the connection': ['NOSUCH a b\r\nGET\r\nPING\r\n'],
      'UTF-8 and high bytes pass through': ['ECHO h\xc3\xa9llo\r\nECHO \xff\xfe\r\n'],
      'a NUL before the end hides the line (strchr)': { chunks: ['PI\x00NG\r\n'], ending: 'quiet' },
      'split in the middle': ['EC', 'HO spl', 'it\r', '\n'],
      'longest line that fits': ['ECHO ' + 'y'.repeat(60_000) + '\r\n'],
    }, 'sentinel')
    expect(differences, differences.join('\n')).toEqual([])
  })

  it('pipelined batches', async () => {
    const setGet = Array.from({ length: 200 }, (_, i) => multibulk('SET', `pipe:${i}`, `v${i}`) + multibulk('GET', `pipe:${i}`)).join('')
    const echoes = Array.from({ length: 2000 }, (_, i) => multibulk('ECHO', String(i))).join('')
    const differences = await compareSessions({
      'set/get batch': [setGet],
      'counters': [multibulk('INCR', 'pipe:n') + 'INCR pipe:n\r\nINCRBY pipe:n 5\r\n' + multibulk('GET', 'pipe:n') + 'DEL pipe:n\r\nGET pipe:n\r\n'],
      'inline and multibulk mixed': ['PING\r\n' + multibulk('ECHO', 'a\r\nb') + 'ECHO c\r\n' + multibulk('PING')],
      'many small commands': [echoes],
      'a request split across writes': ['*3\r\n$3\r\nSE', 'T\r\n$9\r\npipe:spli', 't\r\n$3\r\nabc\r', '\n' + multibulk('GET', 'pipe:split')],
      'binary payloads': [multibulk('SET', 'pipe:bin', '\x00\r\n\xff') + multibulk('GET', 'pipe:bin') + multibulk('STRLEN', 'pipe:bin')],
      'a 1 MB value': [multibulk('SET', 'pipe:big', 'q'.repeat(1 << 20)) + multibulk('STRLEN', 'pipe:big') + multibulk('GETRANGE', 'pipe:big', '0', '9')],
      'two bytes after a payload are skipped unread': ['*1\r\n$4\r\nPINGxxPING\r\n'],
      'any byte after the CR of a count line': ['*1\rX$4\r\nPING\r\n'],
      'QUIT replies, closes, runs nothing after it': { chunks: ['PING\r\nQUIT\r\nSET pipe:after-quit 1\r\n'], ending: 'close' },
      'QUIT before a protocol error': { chunks: ['QUIT\r\n*abc\r\n'], ending: 'close' },
    }, 'sentinel')
    expect(differences, differences.join('\n')).toEqual([])
    const afterQuit = await compareSessions({ 'nothing ran after QUIT': [multibulk('EXISTS', 'pipe:after-quit')] }, 'sentinel')
    expect(afterQuit, afterQuit.join('\n')).toEqual([])
  })

  it('protocol errors, then the connection closes', async () => {
    const differences = await compareSessions({
      'invalid multibulk length': ['*abc\r\n'],
      'multibulk length with a plus': ['*+1\r\n$4\r\nPING\r\n'],
      'multibulk length with a leading zero': ['*01\r\n$4\r\nPING\r\n'],
      'multibulk length over INT_MAX': ['*2147483648\r\n'],
      'expected $': ['*1\r\nx3\r\n'],
      'expected $, got CR': ['*1\r\n\r\n'],
      'invalid bulk length': ['*1\r\n$x\r\n'],
      'negative bulk length': ['*1\r\n$-1\r\n'],
      'bulk longer than proto-max-bulk-len': ['*1\r\n$536870913\r\n'],
      'unbalanced double quote': ['PING "a\r\n'],
      'unbalanced single quote': ["PING 'a\r\n"],
      'closing quote not followed by a blank': ['ECHO "a"b\r\n'],
      'replies before the error are sent first': ['PING\r\nECHO x\r\n' + multibulk('ECHO', 'y') + '*a\r\nPING\r\n'],
      'too big inline request': ['PING ' + 'x'.repeat(100_000)],
      'too big inline request, line ended': ['ECHO ' + 'x'.repeat(100_000) + '\r\n'],
      'too big multibulk count': ['*' + '1'.repeat(100_000)],
      'too big bulk count': ['*1\r\n$' + '1'.repeat(100_000)],
      'HTTP request: dropped without a reply': ['POST / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
      'Host: header: dropped without a reply': ['PING\r\nHost: localhost\r\n'],
    }, 'close')
    expect(differences, differences.join('\n')).toEqual([])
  })

  it('HELLO 3 switches the connection to RESP3, HELLO 2 back', async () => {
    const rounds = [
      ['GET', 'resp3:nosuch'],
      ['HGETALL', 'resp3:h'],
      ['SMEMBERS', 'resp3:s'],
      ['ZSCORE', 'resp3:z', 'm'],
      ['ZSCORE', 'resp3:z', 'inf'],
    ]
    const script = [
      ['HSET', 'resp3:h', 'f', 'v'],
      ['SADD', 'resp3:s', 'a'],
      ['ZADD', 'resp3:z', '1.5', 'm', 'inf', 'inf'],
      ...rounds,
      ['HELLO', '3'],
      ...rounds,
      ['HELLO', '2'],
      ...rounds,
      ['HELLO', '4'],
    ]
    const [theirs, mine] = await Promise.all([RawClient.connect(redis.port), RawClient.connect(ours.port)])
    try {
      for (const argv of script) {
        const [expected, actual] = await Promise.all([theirs.call(argv), mine.call(argv)])
        expect(show(withoutClientId(actual)), argv.join(' ')).toBe(show(withoutClientId(expected)))
      }
    } finally {
      theirs.close()
      mine.close()
    }
    // The bytes themselves, after HELLO 3 (its reply aside).
    const after = [rounds.map((argv) => multibulk(...argv)).join('') + 'PING\r\n']
    const [redisBytes, ourBytes] = await Promise.all(
      [redis.port, ours.port].map(async (port) => {
        const result = await rawSession(port, ['HELLO 3\r\n', ...after], { until: '+PONG\r\n' })
        return result.bytes.slice(result.bytes.indexOf('_\r\n'))
      }),
    )
    expect(ourBytes).toBe(redisBytes)
  })

  it(
    'many connections, each with its own database, name and protocol',
    async () => {
      const count = 24
      const [theirs, mine] = await Promise.all(
        [redis.port, ours.port].map((port) => Promise.all(Array.from({ length: count }, () => RawClient.connect(port)))),
      )
      const differences: string[] = []
      const step = async (line: (i: number) => string[] | undefined) => {
        await Promise.all(
          Array.from({ length: count }, async (_, i) => {
            const argv = line(i)
            if (argv === undefined) return
            const [expected, actual] = await Promise.all([theirs[i].call(argv), mine[i].call(argv)])
            if (show(withoutClientId(expected)) !== show(withoutClientId(actual))) {
              differences.push(`connection ${i}: ${argv.join(' ')}\n  redis: ${show(expected)}\n  ours:  ${show(actual)}`)
            }
          }),
        )
      }
      try {
        await step((i) => ['SELECT', String(i % 16)])
        await step((i) => ['CLIENT', 'SETNAME', `conn-${i}`])
        await step((i) => (i % 3 === 0 ? ['HELLO', '3'] : undefined))
        await step((i) => ['SET', `state:${i}`, `db${i % 16}`])
        await step((i) => ['GET', `state:${i}`])
        await step((i) => ['GET', `state:${(i + 1) % count}`])
        await step((i) => ['CLIENT', 'GETNAME'])
        await step((i) => ['GET', 'state:nosuch'])
        await step((i) => (i % 4 === 1 ? ['QUIT'] : undefined))
        await step((i) => (i % 4 === 1 ? undefined : ['CLIENT', 'GETNAME']))
        await step((i) => (i % 4 === 1 ? undefined : ['SELECT', '0']))
        await step((i) => (i % 4 === 1 ? undefined : ['GET', `state:${i}`]))
      } finally {
        for (const c of [...theirs, ...mine]) c.close()
      }
      expect(differences, differences.join('\n')).toEqual([])
    },
  )

  describe.skipIf(!REDIS_CLI)('redis-cli', () => {
    /** The same redis-cli invocation against both servers, one after the other. */
    async function cli(args: string[], input?: string): Promise<{ redis: Run; ours: Run }> {
      const theirs = await run('redis-cli', ['-p', String(redis.port), ...args], input)
      const mine = await run('redis-cli', ['-p', String(ours.port), ...args], input)
      return { redis: theirs, ours: mine }
    }

    it('commands given as arguments print the same (raw, --no-raw)', async () => {
      const commands = [
        ['PING'],
        ['ECHO', 'héllo wörld'],
        ['SET', 'cli:k', 'v1'],
        ['GET', 'cli:k'],
        ['GET', 'cli:nosuch'],
        ['INCR', 'cli:n'],
        ['INCRBYFLOAT', 'cli:f', '1.5'],
        ['RPUSH', 'cli:l', 'a', 'b c', '\\x00'],
        ['LRANGE', 'cli:l', '0', '-1'],
        ['LRANGE', 'cli:nosuch', '0', '-1'],
        ['HSET', 'cli:h', 'field', 'value'],
        ['HGETALL', 'cli:h'],
        ['SADD', 'cli:s', 'only'],
        ['SMEMBERS', 'cli:s'],
        ['GET', 'cli:l'],
        ['NOSUCH', 'a'],
        ['GET'],
        ['SET', 'cli:k', 'v', 'EX', '0'],
      ]
      const differences: string[] = []
      for (const mode of [[], ['--no-raw']]) {
        for (const command of commands) {
          const result = await cli([...mode, ...command])
          if (JSON.stringify(result.redis) !== JSON.stringify(result.ours)) {
            differences.push(`redis-cli ${[...mode, ...command].join(' ')}\n  redis: ${JSON.stringify(result.redis)}\n  ours:  ${JSON.stringify(result.ours)}`)
          }
        }
      }
      expect(differences, differences.join('\n')).toEqual([])
    })

    it('commands read from standard input print the same', async () => {
      const input = 'SET cli:in 10\nINCR cli:in\nGET cli:in\nRPUSH cli:inl x y\nLRANGE cli:inl 0 -1\nECHO "two words"\nNOSUCH\nPING\n'
      for (const mode of [[], ['--no-raw']]) {
        const { redis: theirs, ours: mine } = await cli(mode, input)
        expect(mine, `redis-cli ${mode.join(' ')} < script`).toEqual(theirs)
        // The second round sees the state of the first one, on both servers alike.
      }
    })

    it('redis-cli -3 (RESP3) prints the same', async () => {
      for (const command of [['HGETALL', 'cli:h'], ['GET', 'cli:nosuch'], ['INCRBYFLOAT', 'cli:f3', '2.5'], ['PING']]) {
        for (const mode of [['-3'], ['-3', '--no-raw']]) {
          const { redis: theirs, ours: mine } = await cli([...mode, ...command])
          expect(mine, `redis-cli ${[...mode, ...command].join(' ')}`).toEqual(theirs)
        }
      }
    })

    it('redis-cli --pipe (mass insertion) reports the same', async () => {
      const lines: string[] = []
      for (let i = 0; i < 5000; i++) lines.push(multibulk('SET', `mass:${i}`, `value ${i}`))
      lines.push(multibulk('NOSUCH'), multibulk('INCR', 'mass:0'), 'PING\r\n')
      const input = Buffer.from(lines.join(''), 'latin1')
      const { redis: theirs, ours: mine } = await cli(['--pipe'], input as unknown as string)
      expect(mine).toEqual(theirs)
      expect(mine.stdout).toContain('errors: 2, replies: 5003')
    })
  })

  it(
    'ioredis gets the same results',
    async () => {
      async function session(port: number): Promise<unknown[]> {
        const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 })
        client.on('error', () => {})
        await client.connect()
        try {
          const results: unknown[] = []
          results.push(await client.set('io:k', 'v'))
          results.push(await client.get('io:k'))
          results.push(await client.incr('io:n'))
          results.push(await client.incrby('io:n', 41))
          results.push(await client.get('io:nosuch'))
          const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
          results.push(await client.set('io:bin', bytes))
          results.push((await client.getBuffer('io:bin'))?.equals(bytes))
          results.push(await client.rpush('io:l', 'a', 'b', 'c'))
          results.push(await client.lrange('io:l', 0, -1))
          results.push(await client.hset('io:h', { f1: 'v1', f2: 'v2' }))
          results.push(await client.hgetall('io:h'))
          results.push(await client.mget('io:k', 'io:nosuch', 'io:n'))
          results.push(await client.expire('io:k', 100))
          results.push(await client.ttl('io:k'))
          results.push(await client.get('io:l').catch((e: Error) => `error: ${e.message}`))
          const pipeline = client.pipeline()
          for (let i = 0; i < 100; i++) pipeline.set(`io:p${i}`, String(i)).incr(`io:p${i}`)
          pipeline.get('io:p99').lrange('io:l', 0, 1).get('io:l').del('io:p0', 'io:p1', 'io:nosuch')
          results.push(await pipeline.exec())
          results.push(await client.quit())
          return results
        } finally {
          client.disconnect()
        }
      }
      const [expected, actual] = await Promise.all([session(redis.port), session(ours.port)])
      expect(actual).toEqual(expected)
    },
  )
})

describe.skipIf(!REDIS_BENCHMARK)('redis-benchmark against our server', () => {
  const TESTS = 'set,get,incr,lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,zpopmin,lrange_100'
  /** The result lines redis-benchmark -q prints for those tests, in order. */
  const EXPECTED = ['SET', 'GET', 'INCR', 'LPUSH', 'RPUSH', 'LPOP', 'RPOP', 'SADD', 'HSET', 'SPOP', 'ZADD', 'ZPOPMIN', 'LPUSH (needed to benchmark LRANGE)', 'LRANGE_100 (first 100 elements)']
  let ours: RunningServer
  beforeAll(async () => {
    ours = await startServer({ port: 0, host: '127.0.0.1' })
  })
  afterAll(() => ours?.close())

  it(`runs -q -n 2000 -P 16 -t ${TESTS} to completion`, async () => {
    const result = await run('redis-benchmark', ['-p', String(ours.port), '-q', '-n', '2000', '-P', '16', '-t', TESTS], undefined, 120_000)
    // Progress lines end in \r, results in \n; an error stops the run with "Error from server: ..." on stderr.
    const lines = result.stdout.split(/[\r\n]+/)
    const done = EXPECTED.filter((name) => lines.some((line) => line.trim().startsWith(`${name}: `) && line.includes('requests per second')))
    const stoppedAt = EXPECTED.find((name) => !done.includes(name))
    const report =
      stoppedAt === undefined
        ? ''
        : `redis-benchmark stopped at ${stoppedAt} (exit ${result.code}): ${result.stderr.trim() || '(no message)'}\n` +
          `completed: ${done.join(', ') || 'none'}`
    expect(report, report).toBe('')
    expect(result.code).toBe(0)
    // CONFIG GET save / appendonly answered as redis-benchmark expects (else it warns and goes on).
    expect(result.stderr).not.toContain('Could not fetch server CONFIG')
  })
})
