// String commands, after Redis 7.0's t_string.c: the same parsing order, the same errors and
// the same keyspace events. Values are byte strings; counters are int64 (JS numbers while they
// are safe integers, BigInt beyond); INCRBYFLOAT uses C's long double (see longdouble.ts).
import type { Context, Handler } from '../engine.ts'
import {
  DECREMENT_OVERFLOW, fail, invalidExpireTime, LCS_LEN_AND_IDX, LCS_NOT_STRINGS, LCS_TOO_MUCH_MEMORY, NOT_FLOAT,
  NOT_INTEGER, OFFSET_OUT_OF_RANGE, OVERFLOW, STRING_TOO_LONG, SYNTAX, wrongArity,
} from '../errors.ts'
import { INT64_MAX, INT64_MIN, parseInt64, parseInteger, toInt64 } from '../args.ts'
import { array, bulk, bulkOrNil, int, int64, map, NIL, OK, ONE, type Reply, ZERO } from '../reply.ts'
import { configNumber } from '../config.ts'
import { incrementByFloat, parseLongDouble } from '../longdouble.ts'
import { expireKeyAt } from './expire.ts'

const EMPTY_BULK = bulk('')

/**
 * Redis compares option tokens as C strings, so an argument matches up to its first NUL byte
 * ("NX\0junk" is NX); upper-cased for comparison.
 */
function optionName(arg: string): string {
  const nul = arg.indexOf('\0')
  return (nul === -1 ? arg : arg.slice(0, nul)).toUpperCase()
}

/** The proto-max-bulk-len check of SETRANGE and APPEND. */
function checkStringLength(ctx: Context, size: number): void {
  if (size > configNumber(ctx.engine.config, 'proto-max-bulk-len')) fail(STRING_TOO_LONG)
}

// --- SET, GETEX and their options -------------------------------------------------------

type ExpireUnit = 'EX' | 'PX' | 'EXAT' | 'PXAT'

interface StringOptions {
  nx: boolean
  xx: boolean
  get: boolean
  keepTtl: boolean
  persist: boolean
  /** The expire option and its argument as given (validated later, as Redis does). */
  expire?: { unit: ExpireUnit; text: string }
}

const NO_OPTIONS: StringOptions = Object.freeze({ nx: false, xx: false, get: false, keepTtl: false, persist: false })

/**
 * Redis's parseExtendedStringArgumentsOrReply: SET takes NX/XX/GET/KEEPTTL, GETEX takes PERSIST,
 * both take one of EX/PX/EXAT/PXAT. Options that contradict an earlier one are a syntax error;
 * repeating the same one is allowed (the last value wins).
 */
function parseStringOptions(args: string[], from: number, forSet: boolean): StringOptions {
  const options: StringOptions = { ...NO_OPTIONS }
  for (let j = from; j < args.length; j++) {
    const option = optionName(args[j])
    const unit = options.expire?.unit
    if (option === 'NX' && forSet && !options.xx) {
      options.nx = true
    } else if (option === 'XX' && forSet && !options.nx) {
      options.xx = true
    } else if (option === 'GET' && forSet) {
      options.get = true
    } else if (option === 'KEEPTTL' && forSet && !options.persist && unit === undefined) {
      options.keepTtl = true
    } else if (option === 'PERSIST' && !forSet && unit === undefined && !options.keepTtl) {
      options.persist = true
    } else if (
      (option === 'EX' || option === 'PX' || option === 'EXAT' || option === 'PXAT') &&
      !options.keepTtl && !options.persist && (unit === undefined || unit === option) && j + 1 < args.length
    ) {
      options.expire = { unit: option, text: args[++j] }
    } else {
      fail(SYNTAX)
    }
  }
  return options
}

/**
 * Redis's getExpireMillisecondsOrReply: the absolute expiry time in ms. Not positive, or
 * overflowing int64 once in ms (and added to the clock for EX/PX), is "invalid expire time".
 */
function absoluteExpiry(ctx: Context, unit: ExpireUnit, text: string): number {
  const given = parseInteger(text)
  if (given <= 0) fail(invalidExpireTime(ctx.name))
  const scale = unit === 'EX' || unit === 'EXAT' ? 1000 : 1
  const base = unit === 'EX' || unit === 'PX' ? ctx.now : 0
  const at = given * scale + base
  if (Number.isSafeInteger(at)) return at
  // Far beyond any real date: do C's int64 overflow checks exactly.
  const exact = parseInt64(text)
  if (scale === 1000 && exact > INT64_MAX / 1000n) fail(invalidExpireTime(ctx.name))
  const exactAt = exact * BigInt(scale) + BigInt(base)
  if (exactAt > INT64_MAX) fail(invalidExpireTime(ctx.name))
  return Number(exactAt)
}

/**
 * Redis's setGenericCommand, behind SET, SETNX, SETEX and PSETEX: the expire time is checked
 * first, then GET's type check, then NX/XX. With GET the reply is always the old value.
 */
function setGeneric(ctx: Context, key: string, value: string, options: StringOptions, ok: Reply, aborted: Reply): Reply {
  const { db } = ctx
  const at = options.expire === undefined ? undefined : absoluteExpiry(ctx, options.expire.unit, options.expire.text)
  let found: boolean
  let old: Reply = NIL
  if (options.get) {
    const previous = db.read(key, 'string')
    found = previous !== undefined
    old = bulkOrNil(previous)
  } else {
    found = db.getForWrite(key) !== undefined
  }
  if ((options.nx && found) || (options.xx && !found)) return options.get ? old : aborted
  db.set(key, value, options.keepTtl)
  db.changed(key, 'set')
  if (at !== undefined) {
    db.setExpireAt(key, at)
    db.changed(key, 'expire')
  }
  return options.get ? old : ok
}

// --- Integer counters ---------------------------------------------------------------------

/** Canonical integers of at most 14 digits: exact as JS numbers, and still exact after adding an increment below 10^15. */
const SHORT_INTEGER = /^(?:0|-?[1-9][0-9]{0,13})$/

/** An increment argument: a number when it is exact as one, else a bigint. */
function parseIncrement(text: string): number | bigint {
  return text.length < 16 ? parseInteger(text) : parseInt64(text)
}

/** Redis's incrDecrCommand: the stored text must be a canonical int64; the sum must stay in int64. */
function incrementBy(ctx: Context, key: string, delta: number | bigint): Reply {
  const { db } = ctx
  const current = db.readForWrite(key, 'string')
  let next: number | bigint
  if (current === undefined) {
    next = delta
  } else if (typeof delta === 'number' && SHORT_INTEGER.test(current)) {
    next = Number(current) + delta // both below 2^53 in magnitude: exact, and int64 cannot overflow
  } else {
    const value = toInt64(current) ?? fail(NOT_INTEGER)
    const sum = value + BigInt(delta)
    if (sum > INT64_MAX || sum < INT64_MIN) fail(OVERFLOW)
    next = sum
  }
  const reply = int64(next)
  db.set(key, String(next), true)
  db.changed(key, 'incrby')
  return reply
}

// --- LCS ----------------------------------------------------------------------------------

/** A DP table cell type wide enough for LCS lengths up to `max`. */
function lcsTable(cells: number, max: number): Uint8Array | Uint16Array | Uint32Array {
  return max < 0x100 ? new Uint8Array(cells) : max < 0x10000 ? new Uint16Array(cells) : new Uint32Array(cells)
}

/** Redis's lcsCommand: the classic dynamic programming table, walked back from the end. */
const lcs: Handler = (ctx, args) => {
  const first = ctx.db.get(args[0])
  const second = ctx.db.get(args[1])
  if ((first !== undefined && typeof first !== 'string') || (second !== undefined && typeof second !== 'string')) {
    fail(LCS_NOT_STRINGS)
  }
  const a = first ?? ''
  const b = second ?? ''
  let getLength = false
  let getIndexes = false
  let withMatchLength = false
  let minMatchLength = 0
  for (let j = 2; j < args.length; j++) {
    const option = optionName(args[j])
    if (option === 'IDX') getIndexes = true
    else if (option === 'LEN') getLength = true
    else if (option === 'WITHMATCHLEN') withMatchLength = true
    else if (option === 'MINMATCHLEN' && j + 1 < args.length) minMatchLength = Math.max(0, parseInteger(args[++j]))
    else fail(SYNTAX)
  }
  if (getLength && getIndexes) fail(LCS_LEN_AND_IDX)

  const alen = a.length
  const blen = b.length
  const width = blen + 1
  const cells = (alen + 1) * width
  // Redis refuses when its table of 32-bit cells would outgrow proto-max-bulk-len.
  if (cells * 4 > configNumber(ctx.engine.config, 'proto-max-bulk-len')) fail(LCS_TOO_MUCH_MEMORY)
  const table = lcsTable(cells, Math.min(alen, blen))
  for (let i = 1; i <= alen; i++) {
    const ai = a.charCodeAt(i - 1)
    for (let j = 1; j <= blen; j++) {
      const at = i * width + j
      if (ai === b.charCodeAt(j - 1)) {
        table[at] = table[at - width - 1] + 1
      } else {
        const up = table[at - width]
        const left = table[at - 1]
        table[at] = up > left ? up : left
      }
    }
  }
  const length = table[alen * width + blen]
  if (getLength) return int(length)

  // Walk back from the end, collecting the common bytes and (for IDX) the matching ranges.
  const common: string[] = []
  const matches: Reply[] = []
  let aStart = alen // alen means "no range open"
  let aEnd = 0
  let bStart = 0
  let bEnd = 0
  let i = alen
  let j = blen
  while (i > 0 && j > 0) {
    let emit = false
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      common.push(a[i - 1])
      if (aStart === alen) {
        aStart = aEnd = i - 1
        bStart = bEnd = j - 1
      } else if (aStart === i && bStart === j) {
        aStart--
        bStart--
      } else {
        emit = true
      }
      if (aStart === 0 || bStart === 0) emit = true
      i--
      j--
    } else {
      if (table[(i - 1) * width + j] > table[i * width + j - 1]) i--
      else j--
      if (aStart !== alen) emit = true
    }
    if (emit) {
      const matchLength = aEnd - aStart + 1
      if (getIndexes && (minMatchLength === 0 || matchLength >= minMatchLength)) {
        const range: Reply[] = [array([int(aStart), int(aEnd)]), array([int(bStart), int(bEnd)])]
        if (withMatchLength) range.push(int(matchLength))
        matches.push(array(range))
      }
      aStart = alen
    }
  }
  if (!getIndexes) return bulk(common.reverse().join(''))
  return map([
    [bulk('matches'), array(matches)],
    [bulk('len'), int(length)],
  ])
}

// --- The handlers -------------------------------------------------------------------------

export const stringHandlers: Record<string, Handler> = {
  get: (ctx, [key]) => bulkOrNil(ctx.db.read(key, 'string')),

  set: (ctx, args) => setGeneric(ctx, args[0], args[1], parseStringOptions(args, 2, true), OK, NIL),
  setnx: (ctx, [key, value]) => setGeneric(ctx, key, value, { ...NO_OPTIONS, nx: true }, ONE, ZERO),
  setex: (ctx, [key, seconds, value]) =>
    setGeneric(ctx, key, value, { ...NO_OPTIONS, expire: { unit: 'EX', text: seconds } }, OK, NIL),
  psetex: (ctx, [key, milliseconds, value]) =>
    setGeneric(ctx, key, value, { ...NO_OPTIONS, expire: { unit: 'PX', text: milliseconds } }, OK, NIL),

  getset: (ctx, [key, value]) => {
    const old = ctx.db.read(key, 'string')
    ctx.db.set(key, value)
    ctx.db.changed(key, 'set')
    return bulkOrNil(old)
  },

  getdel: (ctx, [key]) => {
    const value = ctx.db.read(key, 'string')
    if (value === undefined) return NIL
    ctx.db.delete(key)
    ctx.db.changed(key, 'del')
    return bulk(value)
  },

  getex: (ctx, args) => {
    const { db } = ctx
    const key = args[0]
    const options = parseStringOptions(args, 1, false)
    const value = db.read(key, 'string')
    if (value === undefined) return NIL
    if (options.expire !== undefined) {
      // Only EXAT and PXAT can be past (EX and PX must be positive): that deletes the key.
      expireKeyAt(ctx, key, absoluteExpiry(ctx, options.expire.unit, options.expire.text))
    } else if (options.persist && db.persist(key)) {
      db.changed(key, 'persist')
    }
    return bulk(value)
  },

  mget: (ctx, keys) => {
    const values: Reply[] = []
    for (const key of keys) {
      const value = ctx.db.get(key)
      values.push(typeof value === 'string' ? bulk(value) : NIL)
    }
    return array(values)
  },

  mset: (ctx, args) => {
    if (args.length % 2 !== 0) fail(wrongArity(ctx.name))
    for (let j = 0; j < args.length; j += 2) {
      ctx.db.set(args[j], args[j + 1])
      ctx.db.changed(args[j], 'set')
    }
    return OK
  },

  msetnx: (ctx, args) => {
    if (args.length % 2 !== 0) fail(wrongArity(ctx.name))
    for (let j = 0; j < args.length; j += 2) if (ctx.db.getForWrite(args[j]) !== undefined) return ZERO
    for (let j = 0; j < args.length; j += 2) {
      ctx.db.set(args[j], args[j + 1])
      ctx.db.changed(args[j], 'set')
    }
    return ONE
  },

  append: (ctx, [key, value]) => {
    const { db } = ctx
    const current = db.readForWrite(key, 'string')
    let next = value
    if (current !== undefined) {
      checkStringLength(ctx, current.length + value.length)
      next = current + value
    }
    db.set(key, next, true)
    db.changed(key, 'append')
    return int(next.length)
  },

  strlen: (ctx, [key]) => int(ctx.db.read(key, 'string')?.length ?? 0),

  incr: (ctx, [key]) => incrementBy(ctx, key, 1),
  decr: (ctx, [key]) => incrementBy(ctx, key, -1),
  incrby: (ctx, [key, increment]) => incrementBy(ctx, key, parseIncrement(increment)),
  decrby: (ctx, [key, decrement]) => {
    const delta = parseIncrement(decrement)
    if (delta === INT64_MIN) fail(DECREMENT_OVERFLOW)
    return incrementBy(ctx, key, typeof delta === 'number' ? 0 - delta : -delta)
  },

  incrbyfloat: (ctx, [key, increment]) => {
    const current = ctx.db.readForWrite(key, 'string')
    const text = incrementByFloat(current, parseLongDouble(increment) ?? fail(NOT_FLOAT))
    ctx.db.set(key, text, true)
    ctx.db.changed(key, 'incrbyfloat')
    return bulk(text)
  },

  getrange: (ctx, [key, startText, endText]) => getRange(ctx, key, startText, endText),
  substr: (ctx, [key, startText, endText]) => getRange(ctx, key, startText, endText),

  setrange: (ctx, [key, offsetText, value]) => {
    const { db } = ctx
    const offset = parseInteger(offsetText)
    if (offset < 0) fail(OFFSET_OUT_OF_RANGE)
    const current = db.readForWrite(key, 'string')
    if (current === undefined && value.length === 0) return ZERO
    if (current !== undefined && value.length === 0) return int(current.length)
    checkStringLength(ctx, offset + value.length)
    const base = current ?? ''
    const next = base.length >= offset
      ? base.slice(0, offset) + value + base.slice(offset + value.length)
      : base + '\0'.repeat(offset - base.length) + value
    db.set(key, next, true)
    db.changed(key, 'setrange')
    return int(next.length)
  },

  lcs,
}

/** Redis's getrangeCommand: negative offsets count from the end; the range is clamped to the string. */
function getRange(ctx: Context, key: string, startText: string, endText: string): Reply {
  const exactStart = parseInt64(startText)
  const exactEnd = parseInt64(endText)
  const value = ctx.db.read(key, 'string')
  if (value === undefined) return EMPTY_BULK
  if (exactStart < 0n && exactEnd < 0n && exactStart > exactEnd) return EMPTY_BULK
  // Past this point rounding offsets beyond 2^53 changes nothing: they only get clamped.
  let start = Number(exactStart)
  let end = Number(exactEnd)
  const length = value.length
  if (start < 0) start = Math.max(0, length + start)
  if (end < 0) end = Math.max(0, length + end)
  if (end >= length) end = length - 1
  if (start > end || length === 0) return EMPTY_BULK
  return bulk(value.slice(start, end + 1))
}
