// Scenarios with several connections, run the same way against redis-server and against the
// engine behind the RESP server: each side records a transcript of the replies (and pushes) the
// scenario reads, and the two transcripts must be equal. Blocking commands are sent without
// waiting; their replies are read later, so the transcript also shows when they were answered.
import { expect } from 'vitest'
import { startServer, type RunningServer } from '../../server/server.ts'
import { Engine } from '../../worker/engine.ts'
import type { Reply } from '../../worker/reply.ts'
import { argvOf, RawClient, show, startRedis, type RedisProcess } from './redis-server.ts'

/** How long a scenario waits for something to happen (or to make sure it did not). */
export const SETTLE_MS = 30

/** A command sent whose reply has not been read yet. */
export interface Pending {
  reply: Promise<Reply>
}

export class Session {
  private readonly connections = new Map<number, RawClient>()
  readonly transcript: string[] = []

  constructor(private readonly port: number) {}

  async connection(n: number): Promise<RawClient> {
    let c = this.connections.get(n)
    if (c === undefined) {
      c = await RawClient.connect(this.port)
      this.connections.set(n, c)
    }
    return c
  }

  /** Runs a command on connection n and records its reply. */
  async run(n: number, cmd: string | string[]): Promise<Reply> {
    const reply = await (await this.connection(n)).call(argvOf(cmd))
    this.record(`${n}> ${argvOf(cmd).join(' ')}`, reply)
    return reply
  }

  /** Sends a command whose reply comes later (a blocking command); read it with `answer`. */
  async send(n: number, cmd: string | string[]): Promise<Pending> {
    const reply = (await this.connection(n)).call(argvOf(cmd))
    await sleep(SETTLE_MS)
    // Wrapped: an async function would otherwise wait for the reply itself.
    return { reply }
  }

  /** Records a sent command's reply, or 'pending' when it has not come within `ms`. */
  async answer(label: string, pending: Pending, ms = SETTLE_MS): Promise<void> {
    const reply = await Promise.race([pending.reply, sleep(ms).then(() => undefined)])
    this.transcript.push(`${label}: ${reply === undefined ? 'pending' : show(reply)}`)
  }

  /** Records the pushes connection n has received so far (after waiting `ms`), and forgets them. */
  async pushes(n: number, ms = SETTLE_MS): Promise<void> {
    await sleep(ms)
    const c = await this.connection(n)
    this.transcript.push(`${n} pushes: ${c.unsolicited.map(show).join(' | ')}`)
    c.unsolicited.length = 0
  }

  record(label: string, reply: Reply): void {
    this.transcript.push(`${label}: ${show(reply)}`)
  }

  close(): void {
    for (const c of this.connections.values()) c.close()
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface Sides {
  redis: RedisProcess
  server: RunningServer
  stop(): Promise<void>
}

export async function startSides(): Promise<Sides> {
  const [redis, server] = await Promise.all([startRedis(), startServer({ port: 0, host: '127.0.0.1', engine: new Engine() })])
  return { redis, server, stop: async () => { await Promise.all([redis.stop(), server.close()]) } }
}

/** Runs a scenario on a flushed redis-server and on the engine, and expects the same transcripts. */
export async function expectSameScenario(sides: Sides, scenario: (s: Session) => Promise<void>): Promise<string[]> {
  const transcripts: string[][] = []
  for (const port of [sides.redis.port, sides.server.port]) {
    const session = new Session(port)
    await session.run(0, 'FLUSHALL')
    try {
      await scenario(session)
    } finally {
      session.close()
    }
    transcripts.push(session.transcript)
  }
  expect(transcripts[1]).toEqual(transcripts[0])
  return transcripts[0]
}
