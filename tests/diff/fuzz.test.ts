// The differential fuzzer: seeded random command sequences across every group in the table,
// run against a real redis-server and the engine; every reply and the final state must match.
// FUZZ_SEQUENCES (default 1000) and FUZZ_SEED choose how many and which; `npm run test:long` runs more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EnginePeer, RawClient, REDIS_SERVER, show, normalizeUnordered, startRedis, type RedisProcess,
} from '../helpers/redis-server.ts'
import { startServer, type RunningServer } from '../../server/server.ts'
import { seededRandom } from '../helpers/engine.ts'
import { ALL_KEYS, comparisonFor, fuzzableCommands, generateCommand, generateTransaction, stateProbe, type Comparison } from './fuzz/generate.ts'
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

/**
 * TTLs and expiry times differ by the time between the two calls (and expiry times beyond 2^53 ms
 * are held to a millisecond): the same negative code, or within a second.
 */
function sameTtl(redis: Reply, engine: Reply): boolean {
  if (redis.type !== 'integer' || engine.type !== 'integer') return show(redis) === show(engine)
  const a = Number(redis.value)
  const b = Number(engine.value)
  return a < 0 || b < 0 ? a === b : Math.abs(a - b) <= 1000
}

/** XPENDING's extended entries [id, consumer, idle, deliveries] with the idle time left out. */
function withoutIdle(reply: Reply): Reply {
  if (reply.type !== 'array') return reply
  return {
    type: 'array',
    value: reply.value.map((entry) => entry.type === 'array' && entry.value.length === 4
      ? { type: 'array', value: [entry.value[0], entry.value[1], entry.value[3]] }
      : entry),
  }
}

function compared(comparison: Comparison): (redis: Reply, engine: Reply) => boolean {
  switch (comparison) {
    case 'clock': return sameTtl
    case 'idle': return (r, e) => equal(withoutIdle(r), withoutIdle(e), false)
    default: return (r, e) => equal(r, e, comparison === 'unordered')
  }
}

/** The engine side of a sequence: in-process (a fresh engine each time) or over TCP. */
type EngineSide = (argv: string[]) => Promise<Reply>

function inProcess(): EngineSide {
  const engine = new EnginePeer()
  return async (argv) => engine.exec(argv)
}

async function runSequence(redis: RawClient, engine: EngineSide, seed: number, length: number): Promise<Failure | undefined> {
  const random = seededRandom(seed)
  const commands = fuzzableCommands()
  const history: string[] = []
  /** The commands Redis queued since the last MULTI: EXEC's replies are compared as theirs. */
  let queued: string[][] = []
  const both = async (argv: string[], compare: (r: Reply, e: Reply) => boolean): Promise<Failure | undefined> => {
    history.push(argv.map((a) => JSON.stringify(a)).join(' '))
    const expected = await redis.call(argv)
    const actual = await engine(argv)
    if (argv[0] === 'MULTI' && expected.type === 'simple') queued = []
    else if (expected.type === 'simple' && expected.value === 'QUEUED') queued.push(argv)
    if (!compare(expected, actual)) return { seed, history, redis: show(expected), engine: show(actual) }
    return undefined
  }
  const execReplies = (r: Reply, e: Reply): boolean => {
    if (r.type !== 'array' || e.type !== 'array' || r.value.length !== queued.length || e.value.length !== queued.length) {
      return equal(r, e, false)
    }
    return queued.every((argv, i) => compared(comparisonFor(argv))(r.value[i], e.value[i]))
  }
  for (const side of [redis.call.bind(redis), engine]) {
    await side(['FLUSHALL'])
    await side(['SELECT', '0'])
  }
  for (let i = 0; i < length; i++) {
    // About one step in eight is a MULTI/EXEC block (EXEC's replies compared exactly).
    const lines = random() < 0.12 ? generateTransaction(random, commands) : [generateCommand(random, commands)]
    for (const argv of lines) {
      const failure = await both(argv, argv[0] === 'EXEC' ? execReplies : compared(comparisonFor(argv)))
      if (failure) return failure
    }
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

/** Runs `count` sequences from `baseSeed`; returns the failures, stopping after a few. */
async function fuzz(redis: RawClient, engine: () => EngineSide, baseSeed: number, count: number): Promise<string> {
  const failures: Failure[] = []
  const random = seededRandom(baseSeed)
  for (let n = 0; n < count && failures.length < MAX_REPORTED; n++) {
    const seed = Math.floor(random() * 2 ** 31)
    const failure = await runSequence(redis, engine(), seed, 5 + Math.floor(random() * 20))
    if (failure) failures.push(failure)
  }
  return failures
    .map((f) => `sequence seed ${f.seed}:\n  ${f.history.join('\n  ')}\n  redis:  ${f.redis}\n  engine: ${f.engine}`)
    .join('\n\n')
}

describe.skipIf(!REDIS_SERVER)(`random command sequences against redis-server (${SEQUENCES}, seed ${SEED})`, () => {
  let redis: RedisProcess
  let server: RunningServer
  let overTcp: RawClient
  beforeAll(async () => {
    redis = await startRedis()
    server = await startServer({ port: 0, host: '127.0.0.1' })
    overTcp = await RawClient.connect(server.port)
  })
  afterAll(async () => {
    overTcp?.close()
    await server?.close()
    await redis?.stop()
  })

  it('every reply and the final state match Redis (engine in process)', async () => {
    expect(await fuzz(redis.client, inProcess, SEED, SEQUENCES)).toBe('')
  }, 600_000)

  it('the same through the RESP server (a tenth as many sequences)', async () => {
    const side: EngineSide = (argv) => overTcp.call(argv)
    expect(await fuzz(redis.client, () => side, SEED + 1, Math.ceil(SEQUENCES / 10))).toBe('')
  }, 600_000)
})
