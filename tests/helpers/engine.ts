// Test helpers: an engine with a controllable clock and seeded randomness, and `run` that takes
// a redis-cli style line (or an argv array) and returns the Reply.
import { Engine, type Client } from '../../worker/engine.ts'
import { splitArgs } from '../../worker/split-args.ts'
import { fromText } from '../../worker/bytes.ts'
import type { Reply } from '../../worker/reply.ts'

/** A small seeded PRNG (mulberry32) so runs repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface TestEngine {
  engine: Engine
  client: Client
  /** Runs a command line (redis-cli quoting) or argv on the default client. */
  run(command: string | string[], client?: Client): Reply
  /** Moves the clock forward. */
  advance(ms: number): void
  now(): number
}

export function testEngine(start = 1_700_000_000_000, seed = 1): TestEngine {
  let time = start
  const engine = new Engine({ clock: () => time, random: seededRandom(seed) })
  const client = engine.createClient()
  return {
    engine,
    client,
    run(command, on = client) {
      const argv = typeof command === 'string' ? splitArgs(fromText(command)) : command
      if (argv === undefined) throw new Error(`unbalanced quotes in test command: ${command}`)
      return engine.exec(on, argv)
    },
    advance(ms) {
      time += ms
    },
    now: () => time,
  }
}
