// SAVE, BGSAVE, BGREWRITEAOF, LASTSAVE and SHUTDOWN, and what INFO persistence reports.
//
// The engine does not store anything itself: a host that persists (the browser worker, with
// IndexedDB) sets `engine.persistence`. Without one (the Node RESP server, tests) the commands
// answer as a Redis whose saves always succeed at once: the times and counters move, nothing is written.
import type { Engine, Handler } from '../engine.ts'
import { fail, SYNTAX } from '../errors.ts'
import { int, OK, simple } from '../reply.ts'
import { NO_REPLY } from '../reply-mode.ts'
import { defaultConfig } from '../config.ts'
import { scriptingIfStarted } from '../scripting/engine-scripting.ts'

/** What the engine asks of the host that keeps its data. */
export interface PersistenceHook {
  /** SAVE: take a snapshot now. The host replies only once it is stored. */
  save(): void
  /** BGSAVE: take a snapshot and store it in the background. */
  backgroundSave(): void
  /** BGREWRITEAOF: compact the write log into a snapshot in the background. */
  rewriteLog(): void
  /** FUNCTION LOAD, DELETE, FLUSH or RESTORE changed the libraries (they are part of the data, as in an RDB file). */
  functionsChanged?(): void
  /** LASTSAVE: when the last snapshot was stored, in ms since the epoch. */
  lastSave(): number
  /** INFO persistence fields with values of their own (the others keep an idle Redis's values). */
  info(): ReadonlyMap<string, string | number>
}

/** Stand-in for hosts that store nothing: counts saves as Redis would report them. */
class NoStorage implements PersistenceHook {
  private saved: number
  private saves = 0
  private rewrites = 0

  constructor(private readonly engine: Engine) {
    this.saved = engine.startedAt
  }

  save(): void {
    this.saved = this.engine.now()
    this.saves++
  }

  backgroundSave(): void {
    this.save()
  }

  rewriteLog(): void {
    this.rewrites++
  }

  lastSave(): number {
    return this.saved
  }

  info(): ReadonlyMap<string, string | number> {
    return new Map<string, string | number>([
      ['rdb_last_save_time', Math.floor(this.saved / 1000)],
      ['rdb_saves', this.saves],
      ['aof_rewrites', this.rewrites],
    ])
  }
}

const standIns = new WeakMap<Engine, PersistenceHook>()

/** The engine's persistence, or a stand-in that stores nothing. */
export function persistenceOf(engine: Engine): PersistenceHook {
  if (engine.persistence !== undefined) return engine.persistence
  let standIn = standIns.get(engine)
  if (standIn === undefined) standIns.set(engine, (standIn = new NoStorage(engine)))
  return standIn
}

export const persistenceHandlers: Record<string, Handler> = {
  save: (ctx) => {
    persistenceOf(ctx.engine).save()
    return OK
  },
  bgsave: (ctx, args) => {
    // SCHEDULE only matters while an AOF rewrite runs; here nothing runs for long enough to wait for.
    if (args.length > 1 || (args.length === 1 && args[0].toLowerCase() !== 'schedule')) fail(SYNTAX)
    persistenceOf(ctx.engine).backgroundSave()
    return simple('Background saving started')
  },
  bgrewriteaof: (ctx) => {
    persistenceOf(ctx.engine).rewriteLog()
    return simple('Background append only file rewriting started')
  },
  lastsave: (ctx) => int(Math.floor(persistenceOf(ctx.engine).lastSave() / 1000)),
  shutdown: (ctx, args) => {
    const given = new Set(args.map((arg) => arg.toLowerCase()))
    if ([...given].some((arg) => !['nosave', 'save', 'now', 'force', 'abort'].includes(arg))) fail(SYNTAX)
    if ((given.has('abort') && given.size > 1) || (given.has('nosave') && given.has('save'))) fail(SYNTAX)
    // No shutdown ever waits here (no replicas to wait for), so there is none to abort.
    if (given.has('abort')) fail('ERR No shutdown in progress.')
    const { engine } = ctx
    const script = engine.busyScript
    if (script !== undefined && !given.has('nosave')) fail(script.busyError)
    if (engine.shutdown === undefined) fail('ERR Errors trying to SHUTDOWN. Check logs.')
    engine.abandonBusyScript()
    restartState(engine)
    for (const client of [...engine.clients.values()]) {
      if (client === ctx.client) continue
      engine.closeClient(client)
      client.killed?.()
    }
    // Redis exits without a reply: the connection just closes.
    ctx.client.closing = true
    engine.shutdown(script !== undefined)
    return NO_REPLY
  },
}

/** What a restarted server no longer has: the script cache, CONFIG SET changes, the counters. */
function restartState(engine: Engine): void {
  const scripting = scriptingIfStarted(engine)
  if (scripting !== undefined) {
    for (const { ref } of scripting.scripts.values()) scripting.vm.release(ref)
    scripting.scripts.clear()
  }
  for (const [name, value] of defaultConfig()) engine.config.set(name, value)
  engine.resetStats()
}

/** INFO persistence's fields, with the values the persistence reports in place of the defaults. */
export function withPersistenceValues(
  engine: Engine, fields: Array<[field: string, value: string | number]>,
): Array<[field: string, value: string | number]> {
  const own = persistenceOf(engine).info()
  return fields.map(([field, value]) => [field, own.get(field) ?? value])
}
