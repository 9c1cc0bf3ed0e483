// Times the engine in-process: engine.exec(client, argv) over argv arrays built before each
// timed batch, so only the engine's own work (dispatch + handler + reply objects) is measured.
import { performance } from 'node:perf_hooks'
import type { Client, Engine } from '../../worker/engine.ts'
import type { Operation } from './workload.ts'
import { failed, replyProblem, type Outcome } from './outcome.ts'

export interface EngineBudget {
  /** Untimed calls first, so the JIT has compiled the paths being measured. */
  warmupOps: number
  /**
   * Timed rounds; the cost reported is the lowest round mean. Each mean includes the garbage
   * collection its calls cause; taking the best round discounts time lost to other processes.
   */
  rounds: number
  /** Calls and milliseconds per round, whichever ends it first. */
  roundOps: number
  roundMs: number
  /** Largest batch of calls timed at once. */
  batch: number
}

export const MIX_BUDGET: EngineBudget = { warmupOps: 5_000, rounds: 5, roundOps: 10_000, roundMs: 250, batch: 1_000 }

/** The result plus how many calls were made in all (warm-up included), so references can replay the same calls. */
export interface EngineRun {
  outcome: Outcome
  calls: number
}

/** Runs `op` for calls 0, 1, 2, ... in batches, with its clean-up (untimed) after each batch. */
export function timeEngine(engine: Engine, client: Client, op: Operation, budget: EngineBudget): EngineRun {
  let next = 0
  const maxBatch = Math.min(budget.batch, op.batch ?? Infinity)
  // Batches start small and double while fast, so an O(N) command cannot stall the run.
  let size = Math.min(16, maxBatch)
  /** Runs one batch; returns its time in ms, or why the operation cannot be timed. */
  const runBatch = (validate: boolean): number | string => {
    const batch: string[][] = []
    for (let i = 0; i < size; i++) batch.push(op.make(next + i))
    let problem: string | undefined
    const t0 = performance.now()
    for (let i = 0; i < batch.length; i++) {
      const reply = engine.exec(client, batch[i])
      if (reply.type === 'error') problem ??= `error: ${reply.value}`
      else if (validate) problem ??= replyProblem(reply, op.valid)
    }
    const elapsed = performance.now() - t0
    next += batch.length
    if (problem !== undefined) return problem
    if (op.cleanup !== undefined) {
      const undo = engine.exec(client, op.cleanup(next - batch.length, next))
      if (undo.type === 'error') return `clean-up error: ${undo.value}`
    }
    if (elapsed < 20) size = Math.min(size * 2, maxBatch)
    return elapsed
  }

  const warmupStarted = performance.now()
  while (next < budget.warmupOps && performance.now() - warmupStarted < budget.roundMs) {
    const result = runBatch(true)
    if (typeof result === 'string') return { outcome: failed(result), calls: next }
  }
  let best = Infinity
  let timedOps = 0
  for (let round = 0; round < budget.rounds; round++) {
    let ops = 0
    let ms = 0
    while (ops < budget.roundOps && ms < budget.roundMs) {
      const before = next
      const result = runBatch(false)
      if (typeof result === 'string') return { outcome: failed(result), calls: next }
      ops += next - before
      ms += result
    }
    best = Math.min(best, (ms * 1e6) / ops)
    timedOps += ops
  }
  return { outcome: { ok: true, nsPerOp: best, ops: timedOps }, calls: next }
}

/** Runs argv commands untimed (fills); returns the first error text, if any. */
export function execAll(engine: Engine, client: Client, commands: Iterable<string[]>): string | undefined {
  for (const argv of commands) {
    const reply = engine.exec(client, argv)
    if (reply.type === 'error') return `${argv[0]}: ${reply.value}`
  }
  return undefined
}
