// Generic key commands: DEL, UNLINK, EXISTS, TYPE, RENAME, RENAMENX, COPY, MOVE, KEYS, SCAN,
// RANDOMKEY, TOUCH. (Expiry is in expire.ts, SORT in sort.ts, OBJECT in object.ts.)
import type { Context, Handler } from '../engine.ts'
import type { Database, RedisValue } from '../keyspace.ts'
import { typeOf } from '../keyspace.ts'
import { DB_INDEX_OUT_OF_RANGE, fail, INT_OUT_OF_RANGE, NO_SUCH_KEY, SAME_OBJECT, SYNTAX } from '../errors.ts'
import { isToken, parseInteger } from '../args.ts'
import { globMatch } from '../glob.ts'
import { matchesPattern, parseCursor, parseScanOptions, scanReply } from '../scan.ts'
import { bulkOrNil, bulks, int, OK, ONE, type Reply, simple, ZERO } from '../reply.ts'

/** Removes each existing key; DEL and UNLINK are the same here (nothing is freed in the background). */
function deleteKeys(ctx: Context, keys: string[]): Reply {
  let deleted = 0
  for (const key of keys) {
    if (ctx.db.delete(key)) {
      ctx.db.changed(key, 'del')
      deleted++
    }
  }
  return int(deleted)
}

function rename(ctx: Context, key: string, newKey: string, onlyIfNew: boolean): Reply {
  const db = ctx.db
  const value = db.getForWrite(key) ?? fail(NO_SUCH_KEY)
  if (key === newKey) return onlyIfNew ? ZERO : OK
  if (db.getForWrite(newKey) !== undefined) {
    if (onlyIfNew) return ZERO
    db.delete(newKey)
  }
  moveValue(db, key, db, newKey, value)
  db.changed(key, 'rename_from')
  db.changed(newKey, 'rename_to')
  return onlyIfNew ? ONE : OK
}

/** Puts a key's value under a new name (or database) with its TTL and access record, and removes the old key. */
function moveValue(from: Database, key: string, to: Database, newKey: string, value: RedisValue): void {
  const expireAt = from.expireAt(key)
  const stamp = from.accessStamp(key)
  to.set(newKey, value)
  if (expireAt !== undefined) to.setExpireAt(newKey, expireAt)
  if (stamp !== undefined) to.setAccessStamp(newKey, stamp)
  from.delete(key)
}

/** A DB index argument as COPY and MOVE parse it: a C int, then a database that exists. */
function databaseAt(ctx: Context, text: string): Database {
  const index = parseInteger(text)
  if (index < -2147483648 || index > 2147483647) fail(INT_OUT_OF_RANGE)
  return ctx.engine.databases[index] ?? fail(DB_INDEX_OUT_OF_RANGE)
}

/** A deep copy: strings are immutable JS strings, collections copy themselves. */
function copyOf(value: RedisValue): RedisValue {
  return typeof value === 'string' ? value : value.clone()
}

export const keyHandlers: Record<string, Handler> = {
  del: (ctx, keys) => deleteKeys(ctx, keys),
  unlink: (ctx, keys) => deleteKeys(ctx, keys),

  exists: (ctx, keys) => {
    let count = 0
    for (const key of keys) if (ctx.db.getWithoutTouch(key) !== undefined) count++
    return int(count)
  },

  touch: (ctx, keys) => {
    let count = 0
    for (const key of keys) if (ctx.db.get(key) !== undefined) count++
    return int(count)
  },

  type: (ctx, [key]) => {
    const value = ctx.db.getWithoutTouch(key)
    return simple(value === undefined ? 'none' : typeOf(value))
  },

  rename: (ctx, [key, newKey]) => rename(ctx, key, newKey, false),
  renamenx: (ctx, [key, newKey]) => rename(ctx, key, newKey, true),

  copy: (ctx, [source, destination, ...options]) => {
    let target = ctx.db
    let replace = false
    for (let i = 0; i < options.length; i++) {
      if (isToken(options[i], 'REPLACE')) replace = true
      else if (isToken(options[i], 'DB') && i + 1 < options.length) target = databaseAt(ctx, options[++i])
      else fail(SYNTAX)
    }
    if (target === ctx.db && source === destination) fail(SAME_OBJECT)
    const value = ctx.db.get(source)
    if (value === undefined) return ZERO
    const expireAt = ctx.db.expireAt(source)
    if (target.getForWrite(destination) !== undefined) {
      if (!replace) return ZERO
      target.delete(destination)
    }
    target.set(destination, copyOf(value))
    if (expireAt !== undefined) target.setExpireAt(destination, expireAt)
    target.changed(destination, 'copy_to')
    return ONE
  },

  move: (ctx, [key, index]) => {
    const target = databaseAt(ctx, index)
    if (target === ctx.db) fail(SAME_OBJECT)
    const value = ctx.db.getForWrite(key)
    if (value === undefined || target.getForWrite(key) !== undefined) return ZERO
    moveValue(ctx.db, key, target, key, value)
    ctx.db.changed(key, 'move_from')
    target.changed(key, 'move_to')
    return ONE
  },

  keys: (ctx, [pattern]) => {
    const everything = pattern === '*'
    const found: string[] = []
    for (const key of ctx.db.keys()) if (everything || globMatch(pattern, key)) found.push(key)
    return bulks(found)
  },

  scan: (ctx, [cursorText, ...options]) => {
    const cursor = parseCursor(cursorText)
    const parsed = parseScanOptions(options, true)
    const db = ctx.db
    // The keyspace is a Map, so the iteration reads it live: O(COUNT) per call.
    const [next, names] = ctx.engine.scans.page(db, cursor, parsed.count, () => db.keys(), true)
    const found: string[] = []
    for (const name of names) {
      if (!matchesPattern(parsed, name)) continue
      const value = db.peek(name)
      if (value === undefined || (parsed.type !== undefined && typeOf(value) !== parsed.type)) continue
      found.push(name)
    }
    return scanReply(next, found)
  },

  randomkey: (ctx) => bulkOrNil(ctx.db.randomKey(ctx.engine.random)),
}
