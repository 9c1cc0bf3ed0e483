// The differential fuzzer: seeded random command sequences across every group in the table,
// run against a real redis-server and the engine; every reply and the final state must match.
// FUZZ_SEQUENCES (default 1000) and FUZZ_SEED choose how many and which; `npm run test:long` runs more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EnginePeer, REDIS_SERVER, show, normalizeUnordered, startRedis, type RawClient, type RedisProcess,
} from '../helpers/redis-server.ts'
import { seededRandom } from '../helpers/engine.ts'
import { ALL_KEYS, fuzzableCommands, generateCommand, stateProbe, UNORDERED } from './fuzz/generate.ts'
import type { Reply } from '../../worker/reply.ts'

const SEQUENCES = Number(process.env.FUZZ_SEQUENCES ?? 1000)
const SEED = Number(process.env.FUZZ_SEED ?? 20261125)
const MAX_REPORTED = 10

interface Failure {
  seed: number
  history: string[]
  redis: string
  engine: string
}

function equal(redis: Reply, engine: Reply, unordered: boolean): boolean {
  return unordered ? show(normalizeUnordered(redis)) === show(normalizeUnordered(engine)) : show(redis) === show(engine)
}

/** PTTL differs by the time between the two calls: same sign class and within a second is the same. */
function sameTtl(redis: Reply, engine: Reply): boolean {
  if (redis.type !== 'integer' || engine.type !== 'integer') return show(redis) === show(engine)
  const a = Number(redis.value)
  const b = Number(engine.value)
  return a < 0 || b < 0 ? a === b : Math.abs(a - b) <= 1000
}

async function runSequence(redis: RawClient, seed: number, length: number): Promise<Failure | undefined> {
  const random = seededRandom(seed)
  const engine = new EnginePeer()
  const commands = fuzzableCommands()
  const history: string[] = []
  const both = async (argv: string[], compare: (r: Reply, e: Reply) => boolean): Promise<Failure | undefined> => {
    history.push(argv.map((a) => JSON.stringify(a)).join(' '))
    const expected = await redis.call(argv)
    const actual = engine.exec(argv)
    if (!compare(expected, actual)) return { seed, history, redis: show(expected), engine: show(actual) }
    return undefined
  }
  await redis.call(['FLUSHALL'])
  await redis.call(['SELECT', '0'])
  for (let i = 0; i < length; i++) {
    const argv = generateCommand(random, commands)
    const unordered = UNORDERED.has(argv[0].toLowerCase())
    const failure = await both(argv, (r, e) => equal(r, e, unordered))
    if (failure) return failure
  }
  for (const db of ['0', '1']) {
    const failure = await both(['SELECT', db], (r, e) => equal(r, e, false))
    if (failure) return failure
    for (const key of ALL_KEYS) {
      const type = await redis.call(['TYPE', key])
      const typeFailure = await both(['TYPE', key], (r, e) => equal(r, e, false))
      if (typeFailure) return typeFailure
      const typeName = type.type === 'simple' ? type.value : 'none'
      if (typeName === 'none') continue
      const probe = stateProbe(key, typeName)
      const unordered = typeName === 'set' || typeName === 'hash'
      const probeFailure = (await both(probe, (r, e) => equal(r, e, unordered))) ?? (await both(['PTTL', key], sameTtl))
      if (probeFailure) return probeFailure
    }
  }
  return undefined
}

describe.skipIf(!REDIS_SERVER)(`random command sequences against redis-server (${SEQUENCES}, seed ${SEED})`, () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  it('every reply and the final state match Redis', async () => {
    const failures: Failure[] = []
    const random = seededRandom(SEED)
    for (let n = 0; n < SEQUENCES && failures.length < MAX_REPORTED; n++) {
      const seed = Math.floor(random() * 2 ** 31)
      const failure = await runSequence(redis.client, seed, 5 + Math.floor(random() * 20))
      if (failure) failures.push(failure)
    }
    const report = failures
      .map((f) => `sequence seed ${f.seed}:\n  ${f.history.join('\n  ')}\n  redis:  ${f.redis}\n  engine: ${f.engine}`)
      .join('\n\n')
    expect(failures.length, report).toBe(0)
  }, 600_000)
})
