// Transactions: MULTI, EXEC, DISCARD, WATCH and UNWATCH with Redis 7.0's semantics.
// While a client is in MULTI the dispatcher queues its commands (`queueInTransaction`); a
// command refused while queueing (unknown, wrong arity) makes EXEC answer EXECABORT; errors
// while EXEC runs are replies like any other. WATCHed keys make EXEC answer nil once any
// client changed them (writes, expiry, FLUSHDB, FLUSHALL, SWAPDB).
import type { Client, Engine, Handler } from '../engine.ts'
import type { Database } from '../keyspace.ts'
import { array, error, NIL_ARRAY, OK, QUEUED, type Reply } from '../reply.ts'
import { BLOCKED, isBlocked } from '../blocking.ts'
import { isSuppressed } from '../reply-mode.ts'

export interface MultiState {
  queue: string[][]
  /** A command was refused while queueing: EXEC answers EXECABORT (Redis's CLIENT_DIRTY_EXEC). */
  aborted: boolean
}

/** Commands a client in MULTI runs at once instead of queueing (processCommand in server.c). */
const RUN_IN_MULTI = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset'])

const EXECABORT = 'EXECABORT Transaction discarded because of previous errors.'

/**
 * Called by the dispatcher for a resolved command: QUEUED when the client is in MULTI and the
 * command waits for EXEC, undefined when it runs now.
 */
export function queueInTransaction(client: Client, name: string, flags: readonly string[], argv: string[]): Reply | undefined {
  const multi = client.multi
  if (multi === undefined || RUN_IN_MULTI.has(name)) return undefined
  if (flags.includes('no_multi')) {
    multi.aborted = true
    return error('ERR Command not allowed inside a transaction')
  }
  multi.queue.push(argv)
  return QUEUED
}

/**
 * The dispatcher refused a command (unknown, wrong arity): inside MULTI that dooms the
 * transaction. A refused EXEC discards it at once with an EXECABORT (Redis's execCommandAbort).
 */
export function refusedInTransaction(engine: Engine, client: Client, name: string | undefined, text: string): Reply {
  if (name === 'exec') {
    client.multi = undefined
    engine.watches.unwatch(client)
    return error(`EXECABORT Transaction discarded because of: ${text.replace(/^ERR /, '')}`)
  }
  if (client.multi !== undefined) client.multi.aborted = true
  return error(text)
}

const id = (db: number, key: string) => `${db}\0${key}`

/** Who watches which keys, and whose watched keys were touched (Redis's CLIENT_DIRTY_CAS). */
export class Watches {
  /** 'db\0key' -> clients watching it. */
  private readonly watchers = new Map<string, Set<Client>>()
  private readonly watched = new Map<Client, Map<string, { db: number; key: string }>>()
  private readonly dirty = new Set<Client>()

  watch(client: Client, db: Database, key: string): void {
    // Looking the key up removes it now if it expired, so that expiry does not count as a change later.
    db.peek(key)
    const name = id(db.index, key)
    let keys = this.watched.get(client)
    if (keys === undefined) this.watched.set(client, (keys = new Map()))
    if (keys.has(name)) return
    keys.set(name, { db: db.index, key })
    let clients = this.watchers.get(name)
    if (clients === undefined) this.watchers.set(name, (clients = new Set()))
    clients.add(client)
  }

  unwatch(client: Client): void {
    this.dirty.delete(client)
    const keys = this.watched.get(client)
    if (keys === undefined) return
    this.watched.delete(client)
    for (const name of keys.keys()) {
      const clients = this.watchers.get(name)
      clients?.delete(client)
      if (clients?.size === 0) this.watchers.delete(name)
    }
  }

  count(client: Client): number {
    return this.watched.get(client)?.size ?? 0
  }

  /** A key changed (or expired): every client watching it will see EXEC fail. */
  touch(db: number, key: string): void {
    if (this.watchers.size === 0) return
    const clients = this.watchers.get(id(db, key))
    if (clients !== undefined) for (const client of clients) this.dirty.add(client)
  }

  /** FLUSHDB, FLUSHALL, SWAPDB: watched keys of `emptied` that exist there or in `replacedWith` are touched. */
  databaseReplaced(emptied: Database, replacedWith?: Database): void {
    for (const keys of this.watched.values()) {
      for (const { db, key } of keys.values()) {
        if (db !== emptied.index) continue
        if (emptied.peek(key) !== undefined || replacedWith?.peek(key) !== undefined) this.touch(db, key)
      }
    }
  }

  /** Whether EXEC must fail: a watched key was touched, or has expired since WATCH (isWatchedKeyExpired). */
  isDirty(client: Client, engine: Engine, now: number): boolean {
    if (this.dirty.has(client)) return true
    for (const { db, key } of this.watched.get(client)?.values() ?? []) {
      const at = engine.databases[db].expireAt(key)
      if (at !== undefined && at < now) return true
    }
    return false
  }
}

export const transactionHandlers: Record<string, Handler> = {
  multi: (ctx) => {
    if (ctx.client.multi !== undefined) return error('ERR MULTI calls can not be nested')
    ctx.client.multi = { queue: [], aborted: false }
    return OK
  },
  exec: (ctx) => {
    const { client, engine } = ctx
    const multi = client.multi
    if (multi === undefined) return error('ERR EXEC without MULTI')
    client.multi = undefined
    const dirty = engine.watches.isDirty(client, engine, ctx.now)
    engine.watches.unwatch(client)
    if (multi.aborted) return error(EXECABORT)
    if (dirty) return NIL_ARRAY
    return runTransaction(engine, client, multi.queue, engine.canAnswerLater(client))
  },
  discard: (ctx) => {
    if (ctx.client.multi === undefined) return error('ERR DISCARD without MULTI')
    ctx.client.multi = undefined
    ctx.engine.watches.unwatch(ctx.client)
    return OK
  },
  watch: (ctx, keys) => {
    if (ctx.client.multi !== undefined) return error('ERR WATCH inside MULTI is not allowed')
    for (const key of keys) ctx.engine.watches.watch(ctx.client, ctx.db, key)
    return OK
  },
  unwatch: (ctx) => {
    ctx.engine.watches.unwatch(ctx.client)
    return OK
  },
}

/**
 * Runs EXEC's queued commands and returns their replies. A script among them may run past
 * busy-reply-threshold when EXEC can answer later (`canWait`): the engine is then busy with it,
 * as Redis is, and this returns BLOCKED; when the script ends, the rest of the transaction runs
 * before anything else and EXEC's array goes to the client through client.deliver.
 */
function runTransaction(engine: Engine, client: Client, queue: string[][], canWait: boolean): Reply {
  const replies: Reply[] = []
  const runFrom = (start: number): Reply => {
    const denied = client.denyBlocking
    const waited = client.execCanWait
    client.denyBlocking = true
    client.execCanWait = canWait
    try {
      for (let i = start; i < queue.length; i++) {
        const reply = engine.exec(client, queue[i])
        const script = engine.busyScript
        if (isBlocked(reply) && script !== undefined) {
          script.answer = (scriptReply) => {
            replies.push(scriptReply)
            const rest = runFrom(i + 1)
            if (!isBlocked(rest)) engine.answerLater(client, rest)
          }
          return BLOCKED
        }
        // CLIENT REPLY OFF or SKIP inside the transaction add nothing to EXEC's array.
        if (!isSuppressed(reply)) replies.push(reply)
      }
    } finally {
      client.denyBlocking = denied
      client.execCanWait = waited
    }
    return array(replies)
  }
  return runFrom(0)
}
