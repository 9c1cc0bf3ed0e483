// Blocking commands (BLPOP, BZPOPMIN, XREAD BLOCK, ...): clients that wait on keys, served
// first-come first-served when another client's write makes data available, or answered when
// their timeout ends.
//
// How a handler blocks:
//
//   const BLPOP: Handler = (ctx, args) => {
//     const timeout = parseTimeout(args.at(-1), 'seconds')     // before any other work, as Redis
//     const keys = args.slice(0, -1)
//     for (const key of keys) { const reply = popFrom(ctx, key); if (reply) return reply }
//     return block(ctx, { keys, timeout, serve: popFrom, onTimeout: () => NIL_ARRAY })
//   }
//
// - `block` returns BLOCKED, a marker the transports never send: the answer comes later through
//   `client.deliver(reply, 'reply')`. When the client may not block (inside MULTI/EXEC or a
//   script: `client.denyBlocking`), `block` returns `onTimeout()` at once, as Redis does.
// - Any change to a key (db.changed, expiry aside) marks it ready. Once the outermost command
//   has finished (EXEC and scripts included), the engine calls `serve(ctx, key)` for each client
//   blocked on a ready key, in the order they blocked, with a fresh Context (its `now` is the
//   serving time) and the key that became ready: it answers from that key alone, as Redis does. `serve` may write (BLMOVE pushes to its destination); those keys are served too.
//   `serve` must not throw for a key of the wrong type: Redis 7.0 leaves such a client blocked.
// - Timeouts: `engine.tick()` answers the clients whose time is up; `engine.nextTimeout()` is
//   the earliest deadline, for a host that wants to wake up exactly then.
// - `client.deliver(reply, 'push')` carries unsolicited messages (pub/sub, keyspace events).
import type { Client, Context, Engine } from './engine.ts'
import { ReplyError, fail } from './errors.ts'
import { parseLongDouble } from './longdouble.ts'
import { toInt64 } from './args.ts'
import { error, type Reply } from './reply.ts'

/** The reply a handler returns when its client blocked. Transports must not send it. */
export const BLOCKED: Reply = Object.freeze({ type: 'simple', value: 'BLOCKED' }) as Reply

export function isBlocked(reply: Reply): boolean {
  return reply === BLOCKED
}

export interface BlockRequest {
  /** Keys of the client's selected database to wait on. */
  keys: string[]
  /** Absolute deadline in engine ms, 0 = forever (what parseTimeout returns, made absolute by block). */
  timeout: number
  /** Tries to answer the client from a key that changed: a Reply when served, undefined to keep waiting. */
  serve(ctx: Context, key: string): Reply | undefined
  /** The reply when the time is up (or when the client may not block). */
  onTimeout(): Reply
}

/** What a blocked client waits for. */
export interface BlockedState {
  db: number
  keys: string[]
  /** Absolute engine time in ms; 0 = forever. */
  deadline: number
  argv: string[]
  name: string
  serve(ctx: Context, key: string): Reply | undefined
  onTimeout(): Reply
}

/**
 * A timeout argument as Redis's getTimeoutFromObjectOrReply reads it, as a relative time in ms
 * (0 = forever). Seconds are a long double; the product with 1000 is cast to a 64-bit integer,
 * which x86-64 turns into the most negative value when it does not fit.
 */
export function parseTimeout(text: string, unit: 'seconds' | 'milliseconds'): number {
  let ms: number
  if (unit === 'seconds') {
    const value = parseLongDouble(text)
    if (value === undefined || value.kind === 'nan') fail('ERR timeout is not a float or out of range')
    const seconds = value.kind === 'infinity'
      ? (value.negative ? -Infinity : Infinity)
      : (value.negative ? -1 : 1) * Number(value.mantissa) * 2 ** value.exponent
    const product = seconds * 1000
    ms = Number.isFinite(product) && Math.abs(product) < 2 ** 63 ? Math.trunc(product) : -1
  } else {
    const value = toInt64(text)
    if (value === undefined) fail('ERR timeout is not an integer or out of range')
    ms = Number(value)
  }
  if (ms < 0) fail('ERR timeout is negative')
  return ms === 0 ? 0 : ms
}

/**
 * Blocks the running command's client on keys (see the top of this file). `request.timeout`
 * is relative (parseTimeout's result); 0 waits forever.
 */
export function block(ctx: Context, request: BlockRequest): Reply {
  if (ctx.client.denyBlocking) return request.onTimeout()
  ctx.engine.blocking.add(ctx.client, {
    db: ctx.db.index,
    keys: [...new Set(request.keys)],
    deadline: request.timeout === 0 ? 0 : ctx.now + request.timeout,
    argv: ctx.argv,
    name: ctx.name,
    serve: request.serve,
    onTimeout: request.onTimeout,
  })
  return BLOCKED
}

const UNBLOCKED_ERROR = 'UNBLOCKED client unblocked via CLIENT UNBLOCK'

/** The engine's register of blocked clients. */
export class Blocking {
  /** db index -> key -> clients waiting on it, in the order they blocked. */
  private readonly waiting = new Map<number, Map<string, Client[]>>()
  /** Keys changed since the last serving round, in order: 'db\0key'. */
  private readonly ready = new Map<string, { db: number; key: string }>()
  private readonly blocked = new Set<Client>()

  constructor(private readonly engine: Engine) {}

  get size(): number {
    return this.blocked.size
  }

  /** Blocked clients with a timeout (INFO's clients_in_timeout_table). */
  get timed(): number {
    let count = 0
    for (const client of this.blocked) if ((client.blocked?.deadline ?? 0) !== 0) count++
    return count
  }

  add(client: Client, state: BlockedState): void {
    client.blocked = state
    this.blocked.add(client)
    let byKey = this.waiting.get(state.db)
    if (byKey === undefined) this.waiting.set(state.db, (byKey = new Map()))
    for (const key of state.keys) {
      const queue = byKey.get(key)
      if (queue === undefined) byKey.set(key, [client])
      else queue.push(client)
    }
  }

  /** Forgets a client's wait without answering it (the client is gone). */
  remove(client: Client): void {
    const state = client.blocked
    if (state === undefined) return
    client.blocked = undefined
    this.blocked.delete(client)
    const byKey = this.waiting.get(state.db)
    for (const key of state.keys) {
      const queue = byKey?.get(key)
      if (queue === undefined) continue
      const at = queue.indexOf(client)
      if (at >= 0) queue.splice(at, 1)
      if (queue.length === 0) byKey?.delete(key)
    }
  }

  /** A key changed: its waiting clients get a chance once the current command is over. */
  signal(db: number, key: string): void {
    if (this.waiting.get(db)?.has(key) === true) this.ready.set(`${db}\0${key}`, { db, key })
  }

  /** Serves clients waiting on keys that changed, until no ready key is left. */
  serveReady(): void {
    while (this.ready.size > 0) {
      const [id, { db, key }] = this.ready.entries().next().value as [string, { db: number; key: string }]
      this.ready.delete(id)
      const queue = this.waiting.get(db)?.get(key)
      if (queue === undefined) continue
      for (const client of [...queue]) {
        const state = client.blocked
        if (state === undefined) continue
        const reply = this.tryServe(client, state, key)
        if (reply === undefined) continue
        this.remove(client)
        this.engine.answerLater(client, reply)
      }
    }
  }

  /** Answers the clients whose deadline has passed. Returns how many. */
  expire(now: number): number {
    let count = 0
    for (const client of [...this.blocked]) {
      const state = client.blocked
      if (state === undefined || state.deadline === 0 || state.deadline > now) continue
      this.remove(client)
      this.engine.answerLater(client, state.onTimeout())
      count++
    }
    return count
  }

  /** The earliest deadline of a blocked client (absolute ms), or undefined. */
  nextTimeout(): number | undefined {
    let earliest: number | undefined
    for (const client of this.blocked) {
      const deadline = client.blocked?.deadline ?? 0
      if (deadline !== 0 && (earliest === undefined || deadline < earliest)) earliest = deadline
    }
    return earliest
  }

  /** CLIENT UNBLOCK: answers a blocked client now, with its timeout reply or an UNBLOCKED error. */
  unblock(client: Client, withError: boolean): boolean {
    const state = client.blocked
    if (state === undefined) return false
    this.remove(client)
    this.engine.answerLater(client, withError ? error(UNBLOCKED_ERROR) : state.onTimeout())
    return true
  }

  private tryServe(client: Client, state: BlockedState, key: string): Reply | undefined {
    const ctx: Context = {
      engine: this.engine, client, db: this.engine.databases[state.db], argv: state.argv, name: state.name, now: this.engine.now(),
    }
    try {
      return state.serve(ctx, key)
    } catch (thrown) {
      if (thrown instanceof ReplyError) return error(thrown.text)
      throw thrown
    }
  }
}
