// The tutorials' command examples give Redis's answers on the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  describeMismatches, diffLines, EnginePeer, REDIS_SERVER, startRedis, type Compare, type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import { TUTORIAL_EXAMPLES } from '../fixtures/tutorial-examples.ts'

/** TTL and PTTL move with the real clock between the two calls: equal within a second. */
const closeTtl: Compare = (redis, engine) =>
  redis.type === 'integer' && engine.type === 'integer' &&
  (Number(redis.value) < 0 ? redis.value === engine.value : Math.abs(Number(redis.value) - Number(engine.value)) <= 1000)

export function scriptOf(examples: Array<string | { line: string; unordered?: boolean }>): ScriptLine[] {
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
