// The tutorials' command examples give Redis's answers on the engine, called in process and
// through redis-cli against the RESP server (what `npm run server` serves).
import { execFile, spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../server/server.ts'
import { argvOf } from '../helpers/redis-server.ts'
import {
  describeMismatches, diffLines, EnginePeer, REDIS_SERVER, startRedis, type Compare, type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import { TUTORIAL_EXAMPLES } from '../fixtures/tutorial-examples.ts'

/** TTL and PTTL move with the real clock between the two calls: equal within a second. */
const closeTtl: Compare = (redis, engine) =>
  redis.type === 'integer' && engine.type === 'integer' &&
  (Number(redis.value) < 0 ? redis.value === engine.value : Math.abs(Number(redis.value) - Number(engine.value)) <= 1000)

function scriptOf(examples: Array<string | { line: string; unordered?: boolean }>): ScriptLine[] {
  return examples.map((example) => {
    const { line, unordered } = typeof example === 'string' ? { line: example, unordered: false } : example
    if (/^P?TTL /i.test(line)) return { cmd: line, compare: closeTtl }
    return unordered ? { cmd: line, compare: 'unordered' } : line
  })
}

describe.skipIf(!REDIS_SERVER)('tutorial examples against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  for (const [tutorial, examples] of Object.entries(TUTORIAL_EXAMPLES)) {
    it(tutorial, async () => {
      await redis.client.call(['FLUSHALL'])
      const mismatches = await diffLines(redis, new EnginePeer(), scriptOf(examples))
      expect(mismatches, describeMismatches(mismatches)).toEqual([])
    })
  }
})

const REDIS_CLI = spawnSync('sh', ['-c', 'command -v redis-cli'], { encoding: 'utf8' }).stdout.trim() !== ''

/**
 * What redis-cli prints for one command line (argv from the line, redis-cli quoting). Asynchronous:
 * the RESP server answering it runs in this process.
 */
function redisCli(port: number, line: string): Promise<string> {
  const argv = argvOf(line).map((a) => Buffer.from(a, 'latin1').toString())
  return new Promise((resolve, reject) => {
    execFile('redis-cli', ['-p', String(port), '--no-raw', ...argv], { encoding: 'latin1' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout))
  })
}

/** Unordered replies: compare their lines without redis-cli's numbering. */
const itemsOf = (text: string) => text.split('\n').map((l) => l.replace(/^\s*\d+\) /, '')).sort()

describe.skipIf(!REDIS_SERVER || !REDIS_CLI)('tutorial examples through redis-cli and the RESP server', () => {
  let redis: RedisProcess
  let server: RunningServer
  beforeAll(async () => {
    redis = await startRedis()
    server = await startServer({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await server?.close()
    await redis?.stop()
  })

  for (const [tutorial, examples] of Object.entries(TUTORIAL_EXAMPLES)) {
    it(tutorial, async () => {
      await redisCli(redis.port, 'FLUSHALL')
      await redisCli(server.port, 'FLUSHALL')
      const differences: string[] = []
      for (const example of examples) {
        const { line, unordered } = typeof example === 'string' ? { line: example, unordered: false } : example
        const theirs = await redisCli(redis.port, line)
        const ours = await redisCli(server.port, line)
        const same = /^P?TTL /i.test(line)
          ? Math.abs(Number(theirs.replace(/\D/g, '')) - Number(ours.replace(/\D/g, ''))) <= 1
          : unordered ? itemsOf(theirs).join('\n') === itemsOf(ours).join('\n') : theirs === ours
        if (!same) differences.push(`redis-cli ${line}\n  redis: ${JSON.stringify(theirs)}\n  ours:  ${JSON.stringify(ours)}`)
      }
      expect(differences.join('\n')).toBe('')
    })
  }
})
