// Times ioredis-mock on the same calls. It is async (every call is a Promise) and copies a whole
// collection on each access, so phases are capped in time and report the cost of what was done.
import { performance } from 'node:perf_hooks'
import RedisMock, { type MockValue } from 'ioredis-mock'
import { KEYS, type FillData, type Operation } from './workload.ts'
import { failed, type Outcome } from './outcome.ts'

type MockCommand = (...args: string[]) => Promise<unknown>

const MOCK_WARMUP_CALLS = 5
/** Warm-up ends early on slow phases (a single call can take hundreds of ms). */
const MOCK_WARMUP_MS = 300
/** Timed work per operation, split into rounds like the engine's. */
export const MOCK_MAX_MS = 2_000
export const MOCK_ROUNDS = 3

/**
 * A mock holding the same data as the engine, loaded through the `data` constructor option:
 * the JS structures the mock itself uses (string, Array, Set, object, Map of {score, value}),
 * built directly instead of 1.2 million slow calls. The list is given head first, as LPUSH leaves it.
 */
export function createMock(data: FillData): RedisMock {
  const initial: Record<string, MockValue> = Object.fromEntries(data.strings)
  initial[KEYS.list] = [...data.list].reverse()
  initial[KEYS.set] = new Set(data.set)
  initial[KEYS.hash] = Object.fromEntries(data.hash)
  initial[KEYS.zset] = new Map(data.zset.map(([score, member]) => [member, { score, value: member }]))
  // A port of its own: ioredis-mock shares data between instances with the same host:port/db.
  return new RedisMock({ port: 16_379, data: initial })
}

function commandOf(mock: RedisMock, name: string): MockCommand | undefined {
  const method = mock[name.toLowerCase()]
  return typeof method === 'function' ? (method as MockCommand) : undefined
}

/**
 * Calls 0, 1, 2, ... awaited one by one, in MOCK_ROUNDS rounds of at most maxCalls / MOCK_ROUNDS
 * calls or MOCK_MAX_MS / MOCK_ROUNDS of timed work; the best round's mean, as for the engine.
 */
export async function timeMock(mock: RedisMock, op: Operation, maxCalls: number): Promise<Outcome> {
  const name = op.make(0)[0]
  const command = commandOf(mock, name)
  if (command === undefined) return failed(`ioredis-mock has no ${name}`)
  let next = 0
  try {
    const warmupStarted = performance.now()
    while (next < MOCK_WARMUP_CALLS && performance.now() - warmupStarted < MOCK_WARMUP_MS) await command(...op.make(next++).slice(1))
    let best = Infinity
    let timedOps = 0
    let capped = false
    // Batches start at one call and double while fast: a slow call is timed alone.
    let size = 1
    for (let round = 0; round < MOCK_ROUNDS; round++) {
      let ops = 0
      let ms = 0
      while (ops < maxCalls / MOCK_ROUNDS && ms < MOCK_MAX_MS / MOCK_ROUNDS) {
        const batch: string[][] = []
        for (let i = 0; i < size; i++) batch.push(op.make(next + i).slice(1))
        const t0 = performance.now()
        for (const args of batch) await command(...args)
        const elapsed = performance.now() - t0
        next += size
        ops += size
        ms += elapsed
        if (elapsed < 20) size = Math.min(size * 2, 1_000)
      }
      capped ||= ms >= MOCK_MAX_MS / MOCK_ROUNDS
      best = Math.min(best, (ms * 1e6) / ops)
      timedOps += ops
    }
    return { ok: true, nsPerOp: best, ops: timedOps, note: capped ? 'time-capped' : undefined }
  } catch (thrown) {
    return failed(`error: ${thrown instanceof Error ? thrown.message : String(thrown)}`)
  }
}
