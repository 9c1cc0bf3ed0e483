// `npm run bench`: the engine's cost per operation, beside ioredis-mock and real Redis on the
// same calls; sorted-set costs as the set grows; memory of a million small string keys.
// A benchmark, not a test: it prints numbers and asserts nothing.
import { cpus, loadavg } from 'node:os'
import { Engine } from '../../worker/engine.ts'
import { startRedis, REDIS_SERVER, type RedisProcess } from '../helpers/redis-server.ts'
import {
  FILL_GROUPS,
  fillCommands,
  fillData,
  MEMORY_KEYS,
  memoryCommand,
  MIX,
  SCALE_SIZES,
  scaleFill,
  scaleOperations,
  SIZE,
  type FillData,
  type FillGroup,
} from './workload.ts'
import { execAll, MIX_BUDGET, timeEngine, type EngineBudget } from './engine-runner.ts'
import { createMock, MOCK_MAX_MS, MOCK_ROUNDS, timeMock } from './mock-runner.ts'
import { PipelinedConnection, REDIS_MAX_CALLS, timeRedis } from './redis-runner.ts'
import { failed, type Outcome } from './outcome.ts'
import { formatOutcome, mib, ratio, table } from './report.ts'

const SCALE_BUDGET: EngineBudget = { warmupOps: 5_000, rounds: 5, roundOps: 4_000, roundMs: 150, batch: 1_000 }
const SCALE_REDIS_CALLS = 15_000
/** Redis's used_memory for 1e6 `SET key:i value:i` as commonly quoted (64-bit, 7.x). */
const REDIS_QUOTED_MEMORY = 85 * 1024 * 1024

interface Reference {
  process: RedisProcess
  connection: PipelinedConnection
  version: string
}

const startedAt = Date.now()
/** Progress on stderr, with seconds since the start (stdout carries only the report). */
const log = (text: string) => process.stderr.write(`[${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${text}\n`)

function collectGarbage(): void {
  if (globalThis.gc === undefined) return
  globalThis.gc()
  globalThis.gc()
}

async function startReference(): Promise<Reference | undefined> {
  if (REDIS_SERVER === undefined) return undefined
  const process = await startRedis().catch((thrown: unknown) => {
    log(`redis-server did not start (${String(thrown)}): Redis columns will be n/a`)
    return undefined
  })
  if (process === undefined) return undefined
  const connection = await PipelinedConnection.connect(process.port)
  const server = await connection.info('server')
  return { process, connection, version: server.get('redis_version') ?? '?' }
}

// ---- The standard mix ----

interface EngineMix {
  outcomes: Outcome[]
  /** Calls each operation made (warm-up included): the references replay as many. */
  calls: number[]
}

function engineMix(data: FillData): EngineMix {
  const engine = new Engine()
  const client = engine.createClient()
  const fillErrors = new Map(FILL_GROUPS.map((group) => [group, execAll(engine, client, fillCommands(data, group))]))
  const outcomes: Outcome[] = []
  const calls: number[] = []
  for (const op of MIX) {
    const fillError = fillErrors.get(op.fill)
    if (fillError !== undefined) {
      outcomes.push(failed(`fill: ${fillError}`))
      calls.push(REDIS_MAX_CALLS)
      continue
    }
    const run = timeEngine(engine, client, op, MIX_BUDGET)
    outcomes.push(run.outcome)
    calls.push(run.outcome.ok ? run.calls : REDIS_MAX_CALLS)
    log(`  engine ${op.label}: ${formatOutcome(run.outcome)}`)
  }
  return { outcomes, calls }
}

async function mockMix(data: FillData, calls: number[]): Promise<Outcome[]> {
  const mock = createMock(data)
  const outcomes: Outcome[] = []
  for (const [index, op] of MIX.entries()) {
    const outcome = await timeMock(mock, op, calls[index])
    outcomes.push(outcome)
    log(`  ioredis-mock ${op.label}: ${formatOutcome(outcome, true)}`)
  }
  // The mock keeps its data in a module-level context: empty it so it stops holding memory.
  await mock.flushall()
  mock.disconnect()
  return outcomes
}

async function redisMix(reference: Reference, data: FillData, calls: number[]): Promise<Outcome[]> {
  const { connection } = reference
  await connection.call(['FLUSHALL'])
  const fillErrors = new Map<FillGroup, string | undefined>()
  for (const group of FILL_GROUPS) fillErrors.set(group, await connection.sendAll(fillCommands(data, group)))
  const outcomes: Outcome[] = []
  for (const [index, op] of MIX.entries()) {
    const fillError = fillErrors.get(op.fill)
    const outcome =
      fillError !== undefined ? failed(`fill: ${fillError}`) : await timeRedis(connection, op, Math.min(calls[index], REDIS_MAX_CALLS), MIX_BUDGET.rounds)
    outcomes.push(outcome)
    log(`  redis ${op.label}: ${formatOutcome(outcome)}`)
  }
  await connection.call(['FLUSHALL'])
  return outcomes
}

// ---- Sorted-set growth ----

function engineGrowth(): Outcome[][] {
  const engine = new Engine()
  const client = engine.createClient()
  const rows: Outcome[][] = scaleOperations(1).map(() => [])
  let filled = 0
  for (const n of SCALE_SIZES) {
    const fillError = execAll(engine, client, scaleFill(filled, n))
    filled = n
    // One discarded pass at the first size: a fresh engine's first calls still run colder code.
    if (fillError === undefined && n === SCALE_SIZES[0]) for (const op of scaleOperations(n)) timeEngine(engine, client, op, SCALE_BUDGET)
    for (const [index, op] of scaleOperations(n).entries()) {
      if (fillError !== undefined) {
        rows[index].push(failed(`fill: ${fillError}`))
        continue
      }
      const run = timeEngine(engine, client, op, SCALE_BUDGET)
      rows[index].push(run.outcome)
      log(`  engine n=${n} ${op.label}: ${formatOutcome(run.outcome)}`)
    }
  }
  return rows
}

async function redisGrowth(reference: Reference): Promise<Outcome[][]> {
  const { connection } = reference
  await connection.call(['FLUSHALL'])
  const rows: Outcome[][] = scaleOperations(1).map(() => [])
  let filled = 0
  for (const n of SCALE_SIZES) {
    const fillError = await connection.sendAll(scaleFill(filled, n), 100)
    filled = n
    for (const [index, op] of scaleOperations(n).entries()) {
      const outcome = fillError !== undefined ? failed(`fill: ${fillError}`) : await timeRedis(connection, op, SCALE_REDIS_CALLS, SCALE_BUDGET.rounds)
      rows[index].push(outcome)
      log(`  redis n=${n} ${op.label}: ${formatOutcome(outcome)}`)
    }
  }
  await connection.call(['FLUSHALL'])
  return rows
}

// ---- Memory of a million small keys ----

function engineMemory(): { bytes: number } | { error: string } {
  const engine = new Engine()
  const client = engine.createClient()
  collectGarbage()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < MEMORY_KEYS; i++) {
    const reply = engine.exec(client, memoryCommand(i))
    if (reply.type === 'error') return { error: reply.value }
  }
  collectGarbage()
  const after = process.memoryUsage().heapUsed
  // Read the engine after measuring so it is certainly alive at the second reading.
  const keys = engine.databases[0].size
  if (keys !== MEMORY_KEYS) return { error: `expected ${MEMORY_KEYS} keys, found ${keys}` }
  return { bytes: after - before }
}

async function redisMemory(reference: Reference): Promise<{ bytes: number } | { error: string }> {
  const { connection } = reference
  await connection.call(['FLUSHALL'])
  const usedMemory = async () => Number((await connection.info('memory')).get('used_memory'))
  const before = await usedMemory()
  const error = await connection.sendAll(Array.from({ length: MEMORY_KEYS }, (_, i) => memoryCommand(i)))
  if (error !== undefined) return { error }
  const after = await usedMemory()
  await connection.call(['FLUSHALL'])
  return { bytes: after - before }
}

// ---- Main ----

async function main(): Promise<void> {
  const reference = await startReference()
  const cpu = cpus()
  const out: string[] = []
  out.push(`# Engine benchmark, ${new Date().toISOString().slice(0, 10)}`)
  out.push('')
  out.push(`Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
    (reference ? `redis-server ${reference.version}` : 'redis-server not installed'))
  out.push(`Load average at start: ${loadavg()[0].toFixed(2)} (other processes on the machine inflate the figures).`)
  if (globalThis.gc === undefined) out.push('Note: run with `node --expose-gc` for exact memory figures (GC could not be forced).')
  if (!reference) out.push('Note: Redis columns are n/a: install redis-server (`apt-get install -y redis-server`) to measure them.')

  log(`Standard mix on collections of ${SIZE.toLocaleString('en-US')} elements...`)
  const data = fillData()
  const engine = engineMix(data)
  collectGarbage()
  const mock = await mockMix(data, engine.calls)
  collectGarbage()
  const redis = reference ? await redisMix(reference, data, engine.calls) : undefined

  out.push('')
  out.push(`## Standard mix (collections of ${SIZE.toLocaleString('en-US')} elements)`)
  out.push('')
  out.push(table(
    ['command', 'engine (in-process)', 'ioredis-mock', 'speed-up vs mock', 'Redis usec_per_call', 'engine / Redis'],
    MIX.map((op, i) => [
      op.label,
      formatOutcome(engine.outcomes[i]),
      formatOutcome(mock[i], true),
      ratio(mock[i], engine.outcomes[i], 'times'),
      formatOutcome(redis?.[i]),
      ratio(engine.outcomes[i], redis?.[i], 'plain'),
    ]),
  ))
  out.push('')
  out.push(`Engine: ${MIX_BUDGET.warmupOps.toLocaleString('en-US')} untimed calls, then ${MIX_BUDGET.rounds} rounds of up to ` +
    `${MIX_BUDGET.roundOps.toLocaleString('en-US')} calls (or ${MIX_BUDGET.roundMs} ms); the best round's mean, GC included. ` +
    `ioredis-mock: the same calls awaited one by one, ${MOCK_ROUNDS} rounds stopped after ${MOCK_MAX_MS / 1000} s of ` +
    `timed work in all ("calls" = timed calls); the best round's mean. Redis: the same calls (at most ${REDIS_MAX_CALLS.toLocaleString('en-US')}) ` +
    `pipelined in ${MIX_BUDGET.rounds} rounds; the best round's server-side usec_per_call from INFO commandstats.`)

  log('Sorted-set growth...')
  const growth = engineGrowth()
  collectGarbage()
  const redisGrowthRows = reference ? await redisGrowth(reference) : undefined
  const sizes = SCALE_SIZES.map((n) => `n=${n.toExponential(0).replace('+', '')}`)
  const growthRows = (rows: Outcome[][] | undefined) =>
    scaleOperations(1).map((op, index) => {
      const cells = rows?.[index] ?? SCALE_SIZES.map((): Outcome | undefined => undefined)
      return [op.label, ...cells.map((c) => formatOutcome(c)), ratio(cells[cells.length - 1], cells[0], 'times')]
    })
  const logGrowth = Math.log2(SCALE_SIZES[SCALE_SIZES.length - 1]) / Math.log2(SCALE_SIZES[0])
  out.push('')
  out.push('## Sorted-set cost by size')
  out.push('')
  out.push('Engine (in-process):')
  out.push('')
  out.push(table(['operation', ...sizes, 'growth 1e3 -> 1e6'], growthRows(growth)))
  out.push('')
  out.push(reference ? 'Redis (usec_per_call):' : 'Redis: n/a (redis-server not installed)')
  if (reference) {
    out.push('')
    out.push(table(['operation', ...sizes, 'growth 1e3 -> 1e6'], growthRows(redisGrowthRows)))
  }
  out.push('')
  out.push(`A cost growing like log N grows x${logGrowth.toFixed(1)} from 1e3 to 1e6 members (log2 1e6 / log2 1e3); ` +
    'linear growth would be x1000. ZRANGE costs are O(log N + 10). ZADD adds new members in batches of ' +
    'min(1000, n/10) that are removed (untimed) after each batch, so the set stays at n.')

  log('Memory of 1,000,000 small string keys...')
  collectGarbage()
  const engineBytes = engineMemory()
  collectGarbage()
  const redisBytes = reference ? await redisMemory(reference) : undefined
  const redisMeasured = redisBytes !== undefined && 'bytes' in redisBytes ? redisBytes.bytes : undefined
  const baseline = redisMeasured ?? REDIS_QUOTED_MEMORY
  out.push('')
  out.push(`## Memory: ${MEMORY_KEYS.toLocaleString('en-US')} x \`SET key:i value:i\``)
  out.push('')
  const perKey = (bytes: number) => `${(bytes / MEMORY_KEYS).toFixed(0)} B/key`
  out.push(table(['', 'memory', 'per key', 'ratio to Redis'], [
    'bytes' in engineBytes
      ? ['engine (V8 heap after GC)', mib(engineBytes.bytes), perKey(engineBytes.bytes), (engineBytes.bytes / baseline).toFixed(2)]
      : ['engine (V8 heap after GC)', `n/a (error: ${engineBytes.error})`, 'n/a', 'n/a'],
    redisBytes === undefined
      ? ['Redis used_memory (measured)', 'n/a (redis-server not installed)', 'n/a', '']
      : 'bytes' in redisBytes
        ? ['Redis used_memory (measured)', mib(redisBytes.bytes), perKey(redisBytes.bytes), '1.00']
        : ['Redis used_memory (measured)', `n/a (error: ${redisBytes.error})`, 'n/a', ''],
    ['Redis, commonly quoted', mib(REDIS_QUOTED_MEMORY), perKey(REDIS_QUOTED_MEMORY), ''],
  ]))
  out.push('')
  out.push(`Ratio against ${redisMeasured !== undefined ? 'the measured' : 'the quoted'} Redis figure.`)

  if (reference) {
    reference.connection.close()
    await reference.process.stop()
  }
  out.push('')
  out.push(`Total run time: ${((Date.now() - startedAt) / 1000).toFixed(0)} s; load average at the end: ${loadavg()[0].toFixed(2)}.`)
  console.log(out.join('\n'))
}

await main()
