// Database-wide server commands: DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, and TIME.
import type { Context, Handler } from '../engine.ts'
import { DATABASES } from '../engine.ts'
import { fail, DB_INDEX_OUT_OF_RANGE, SYNTAX } from '../errors.ts'
import { bulks, int, OK } from '../reply.ts'
import { parseDatabaseIndex } from './connection.ts'

/** FLUSHDB and FLUSHALL take nothing, ASYNC or SYNC; the playground always frees at once. */
function checkFlushMode(args: string[]): void {
  if (args.length === 0) return
  const mode = args[0].toUpperCase()
  if (args.length > 1 || (mode !== 'ASYNC' && mode !== 'SYNC')) fail(SYNTAX)
}

/**
 * Empties a database. Redis sends no per-key events for a flush (no 'del' notifications), but
 * it makes WATCH fail for the keys that existed: `databaseReplaced` is that signal, given before
 * the keys go.
 */
function flush(ctx: Context, index: number): void {
  const db = ctx.engine.databases[index]
  ctx.engine.databaseReplaced(db)
  db.flush()
}

export const serverHandlers: Record<string, Handler> = {
  dbsize: (ctx) => int(ctx.db.size),
  flushdb: (ctx, args) => {
    checkFlushMode(args)
    flush(ctx, ctx.client.db)
    return OK
  },
  flushall: (ctx, args) => {
    checkFlushMode(args)
    for (let index = 0; index < DATABASES; index++) flush(ctx, index)
    return OK
  },
  swapdb: (ctx, [first, second]) => {
    const a = parseDatabaseIndex(first, 'ERR invalid first DB index')
    const b = parseDatabaseIndex(second, 'ERR invalid second DB index')
    if (a < 0 || a >= DATABASES || b < 0 || b >= DATABASES) fail(DB_INDEX_OUT_OF_RANGE)
    if (a === b) return OK
    const [dbA, dbB] = [ctx.engine.databases[a], ctx.engine.databases[b]]
    // Like a flush, a swap touches WATCHed keys of both databases but sends no per-key events.
    ctx.engine.databaseReplaced(dbA, dbB)
    ctx.engine.databaseReplaced(dbB, dbA)
    dbA.swapContents(dbB)
    return OK
  },
  time: (ctx) => {
    const seconds = Math.floor(ctx.now / 1000)
    return bulks([String(seconds), String((ctx.now - seconds * 1000) * 1000)])
  },
}
