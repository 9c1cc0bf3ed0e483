// Real Redis as the reference: the same calls sent over one pipelined connection, and Redis's
// own server-side cost per call read from INFO commandstats (usec_per_call), so network and
// client parsing are not counted, only what Redis spends executing the command.
import { Socket } from 'node:net'
import { encodeCommand, ReplyParser } from '../../worker/resp.ts'
import type { Reply } from '../../worker/reply.ts'
import type { Operation } from './workload.ts'
import { failed, replyProblem, type Outcome } from './outcome.ts'

/** Most calls replayed on Redis per operation: usec_per_call is stable long before that. */
export const REDIS_MAX_CALLS = 20_000

interface Pending {
  count: number
  replies: Reply[]
  resolve: (replies: Reply[]) => void
}

/** One RESP2 connection that writes a whole batch of commands at once and collects the replies. */
export class PipelinedConnection {
  private readonly parser = new ReplyParser()
  private readonly pending: Pending[] = []

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      this.parser.feed(chunk)
      for (let reply = this.parser.next(); reply !== undefined; reply = this.parser.next()) {
        const head = this.pending[0]
        head.replies.push(reply)
        if (head.replies.length === head.count) {
          this.pending.shift()
          head.resolve(head.replies)
        }
      }
    })
  }

  static connect(port: number): Promise<PipelinedConnection> {
    return new Promise((resolve, reject) => {
      const socket = new Socket()
      socket.once('error', reject)
      socket.connect(port, '127.0.0.1', () => resolve(new PipelinedConnection(socket)))
    })
  }

  send(commands: string[][]): Promise<Reply[]> {
    return new Promise((resolve) => {
      this.pending.push({ count: commands.length, replies: [], resolve })
      this.socket.write(commands.map(encodeCommand).join(''), 'latin1')
    })
  }

  async call(argv: string[]): Promise<Reply> {
    const [reply] = await this.send([argv])
    return reply
  }

  /** Sends commands in pipelined chunks; returns the first error text, if any. */
  async sendAll(commands: Iterable<string[]>, chunk = 10_000): Promise<string | undefined> {
    let batch: string[][] = []
    const flush = async () => {
      const replies = await this.send(batch)
      batch = []
      const error = replies.find((r) => r.type === 'error')
      return error?.type === 'error' ? error.value : undefined
    }
    for (const argv of commands) {
      batch.push(argv)
      if (batch.length === chunk) {
        const error = await flush()
        if (error !== undefined) return error
      }
    }
    return batch.length > 0 ? flush() : undefined
  }

  /** INFO <section> as field -> value. */
  async info(section: string): Promise<Map<string, string>> {
    const reply = await this.call(['INFO', section])
    const fields = new Map<string, string>()
    if (reply.type !== 'bulk') return fields
    for (const line of reply.value.split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1))
    }
    return fields
  }

  close(): void {
    this.socket.destroy()
  }
}

/** usec_per_call and calls of one command from INFO commandstats. */
async function commandStat(connection: PipelinedConnection, name: string): Promise<{ usecPerCall: number; calls: number } | undefined> {
  const stats = await connection.info('commandstats')
  const line = stats.get(`cmdstat_${name.toLowerCase()}`)
  if (line === undefined) return undefined
  const fields = new Map(line.split(',').map((pair) => pair.split('=') as [string, string]))
  return { usecPerCall: Number(fields.get('usec_per_call')), calls: Number(fields.get('calls')) }
}

/**
 * Replays calls 0 .. calls-1 of `op` in pipelined batches, in `rounds` equal rounds each
 * after CONFIG RESETSTAT, and reports the lowest round's usec_per_call (as the engine runner
 * keeps its best round). The operation's clean-up is a different command, so it does not
 * enter the statistic.
 */
export async function timeRedis(connection: PipelinedConnection, op: Operation, calls: number, rounds: number): Promise<Outcome> {
  const name = op.make(0)[0]
  const batch = op.batch ?? 1_000
  const perRound = Math.ceil(calls / rounds)
  let best = Infinity
  let total = 0
  for (let from = 0; from < calls; from += perRound) {
    await connection.call(['CONFIG', 'RESETSTAT'])
    const to = Math.min(calls, from + perRound)
    for (let next = from; next < to; next += batch) {
      const commands: string[][] = []
      for (let i = next; i < Math.min(to, next + batch); i++) commands.push(op.make(i))
      const replies = await connection.send(commands)
      for (const reply of next === 0 ? replies : replies.filter((r) => r.type === 'error')) {
        const problem = replyProblem(reply, op.valid)
        if (problem !== undefined) return failed(problem)
      }
      if (op.cleanup !== undefined) await connection.call(op.cleanup(next, next + commands.length))
    }
    const stat = await commandStat(connection, name)
    if (stat === undefined || stat.calls === 0) return failed('no commandstats entry')
    best = Math.min(best, stat.usecPerCall * 1000)
    total += stat.calls
  }
  return { ok: true, nsPerOp: best, ops: total }
}
