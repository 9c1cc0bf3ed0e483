// Running an EVAL script or an FCALL function to its reply. The first slice runs inside the
// command, as Redis runs a script, until the script ends (the common case: the reply goes back
// from exec) or until it has run longer than busy-reply-threshold. Then, as Redis does, the
// engine becomes busy: the script goes on in short slices the engine schedules, other clients
// get BUSY in between (SCRIPT KILL, FUNCTION KILL and the other allow-busy commands still run),
// nothing else touches the data, and the script's client is answered through client.deliver
// (or, inside MULTI/EXEC, the transaction goes on: commands/transactions.ts). A command that
// cannot be answered later (a client without a transport) runs its script to the end.
import type { BusyScript, Client, Context } from '../engine.ts'
import { BLOCKED } from '../blocking.ts'
import { configNumber } from '../config.ts'
import { fail } from '../errors.ts'
import { error, OK, type Reply } from '../reply.ts'
import type { CommandRunner } from './convert.ts'
import type { ScriptFailure, ScriptOutcome, ScriptRun } from './script-run.ts'

export type ScriptKind = 'eval' | 'function'

/** How long a slice runs once the script is busy (engine ms); the host reads its messages in between. */
const SLICE_MS = 20

const BUSY_ERRORS: Record<ScriptKind, string> = {
  eval: 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.',
  function: 'BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.',
}

/** One script run, with what SCRIPT KILL, FUNCTION KILL and FUNCTION STATS need to know about it. */
export class RunningScript implements BusyScript {
  readonly busyError: string
  readonly startedAt: number
  /** Set once the script called a write command: it can no longer be killed (Redis's SCRIPT_WRITE_DIRTY). */
  wrote = false
  readonly run: ScriptRun
  /** Set by SHUTDOWN NOSAVE: the slices stop and nobody is answered. */
  abandoned = false
  /** Once the script is busy: the caller gets the reply late, unless EXEC takes it instead. */
  answer: (reply: Reply) => void = (reply) => this.ctx.engine.answerLater(this.ctx.client, reply)

  /**
   * `name` is what errors show (the SHA1 or the function's name); `start` begins the run with the
   * runner through which the script calls commands on `client`.
   */
  constructor(
    readonly ctx: Context,
    readonly client: Client,
    readonly kind: ScriptKind,
    readonly name: string,
    private readonly readOnly: boolean,
    start: (runner: CommandRunner) => ScriptRun,
  ) {
    this.busyError = BUSY_ERRORS[kind]
    this.startedAt = ctx.engine.now()
    client.db = ctx.client.db
    client.resp = 2
    this.run = start((argv) => this.call(argv))
  }

  /** A command from redis.call or redis.pcall, with Redis's checks for scripts. */
  private call(argv: string[]): Reply {
    const engine = this.ctx.engine
    const found = engine.resolve(argv)
    if ('error' in found) {
      return error(found.rejected === undefined
        ? 'ERR Unknown Redis command called from script'
        : 'ERR Wrong number of args calling Redis command from script')
    }
    const flags = found.spec.flags
    if (flags.includes('noscript')) return error('ERR This Redis command is not allowed from script')
    if (flags.includes('write')) {
      if (this.readOnly) return error('ERR Write commands are not allowed from read-only scripts.')
      this.wrote = true
    }
    return engine.exec(this.client, argv)
  }

  abandon(): void {
    this.abandoned = true
  }
}

/** An error the script ended with, as Redis 7.0 reports it: where it happened, and in which script. */
export function failureReply(failure: ScriptFailure, name: string): Reply {
  const where = failure.source !== undefined && failure.line !== undefined ? ` script: ${name}, on ${failure.source}:${failure.line}.` : ''
  return error(`${failure.message}${where}`.replace(/[\r\n]/g, ' '))
}

function outcomeReply(outcome: ScriptOutcome, name: string): Reply {
  return 'reply' in outcome ? outcome.reply : failureReply(outcome.failure, name)
}

/** Runs the script: its reply now, or BLOCKED when it went on past busy-reply-threshold (see the top). */
export function runScript(running: RunningScript): Reply {
  const { engine, client } = running.ctx
  const threshold = configNumber(engine.config, 'busy-reply-threshold')
  const canWait = engine.canAnswerLater(client)
  const first = running.run.resume(() => canWait && engine.now() - running.startedAt >= threshold)
  if (first !== undefined) return outcomeReply(first, running.name)
  engine.beginBusyScript(running)
  const slice = () => {
    if (running.abandoned) return
    const started = engine.now()
    let reply: Reply
    try {
      const outcome = running.run.resume(() => engine.now() - started >= SLICE_MS)
      if (outcome === undefined) {
        engine.schedule(slice)
        return
      }
      reply = outcomeReply(outcome, running.name)
    } catch (thrown) {
      // A bug must not leave the engine busy for good.
      reply = error(`ERR internal error: ${String(thrown instanceof Error ? thrown.message : thrown).replace(/[\r\n]/g, ' ')}`)
    }
    // The script's reply goes first; clients it unblocked are served once the engine is no longer busy.
    engine.endBusyScript(running, reply)
  }
  engine.schedule(slice)
  return BLOCKED
}

/** SCRIPT KILL (`by` 'eval') and FUNCTION KILL (`by` 'function'), with Redis's refusals. */
export function killScript(ctx: Context, by: ScriptKind): Reply {
  const running = ctx.engine.busyScript
  if (!(running instanceof RunningScript)) fail('NOTBUSY No scripts in execution right now.')
  if (running.wrote) {
    fail('UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.')
  }
  if (running.kind !== by) fail(running.busyError)
  running.run.interrupt({ table: 'Script killed by user with SCRIPT KILL...' })
  return OK
}
