// Stream commands on entries: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XREAD, XSETID.
// Parsing follows Redis 7.0's t_stream.c, so the same inputs fail with the same error first.
import type { Context, Handler } from '../engine.ts'
import { fail, NO_SUCH_KEY, SYNTAX, wrongArity } from '../errors.ts'
import { isToken, parseInteger } from '../args.ts'
import { configNumber } from '../config.ts'
import { bulk, EMPTY_ARRAY, int, NIL, NIL_ARRAY, OK, type Reply } from '../reply.ts'
import { formatId, MAX_ID, MIN_ID, type StreamId, StreamValue, type TrimOptions } from '../types/stream.ts'
import {
  entriesReply, nextAutoId, parseCount, parseIdWith, parseRangeBound, parseStrictId, readStream,
} from './stream-shared.ts'
import { streamGroupHandlers } from './stream-groups.ts'
import { streamInfoHandlers } from './stream-info.ts'
import { readStreams } from './stream-read.ts'

interface AddOrTrimArgs {
  trim?: TrimOptions
  noMkStream: boolean
  /** XADD: the explicit id (undefined for `*`) and whether its sequence was given. */
  id?: StreamId
  seqGiven: boolean
  /** XADD: where the field-value pairs start. */
  fieldsAt: number
}

/** Redis's streamParseAddOrTrimArgsOrReply; `args` starts with the key. */
function parseAddOrTrim(ctx: Context, args: string[], xadd: boolean): AddOrTrimArgs {
  const parsed: AddOrTrimArgs = { noMkStream: false, seqGiven: true, fieldsAt: args.length + 1 }
  let strategy: 'maxlen' | 'minid' | undefined
  let maxlen = 0
  let minid = MIN_ID
  let approximate = false
  let limit = 0
  let limitGiven = false
  let i = 1
  for (; i < args.length; i++) {
    const more = args.length - 1 - i
    const option = args[i]
    if (xadd && option === '*') break
    if ((isToken(option, 'MAXLEN') || isToken(option, 'MINID')) && more > 0) {
      if (strategy !== undefined) fail('ERR syntax error, MAXLEN and MINID options at the same time are not compatible')
      approximate = false
      const next = args[i + 1]
      if (more >= 2 && (next === '~' || next === '=')) {
        approximate = next === '~'
        i++
      }
      if (isToken(option, 'MAXLEN')) {
        maxlen = parseInteger(args[i + 1])
        if (maxlen < 0) fail('ERR The MAXLEN argument must be >= 0.')
        strategy = 'maxlen'
      } else {
        minid = parseStrictId(args[i + 1])
        strategy = 'minid'
      }
      i++
    } else if (isToken(option, 'LIMIT') && more > 0) {
      limit = parseInteger(args[i + 1])
      if (limit < 0) fail('ERR The LIMIT argument must be >= 0.')
      limitGiven = true
      i++
    } else if (xadd && isToken(option, 'NOMKSTREAM')) {
      parsed.noMkStream = true
    } else if (xadd) {
      const id = parseIdWith(option, 0n, true, true)
      parsed.id = id.id
      parsed.seqGiven = id.seqGiven
      break
    } else {
      fail(SYNTAX)
    }
  }
  parsed.fieldsAt = i + 1
  if (limit !== 0 && strategy === undefined) {
    fail('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy')
  }
  if (!xadd && strategy === undefined) fail('ERR syntax error, XTRIM must be called with a trimming strategy')
  if (limitGiven) {
    if (!approximate) fail('ERR syntax error, LIMIT cannot be used without the special ~ option')
  } else if (approximate) {
    limit = 100 * configNumber(ctx.engine.config, 'stream-node-max-entries')
    if (limit <= 0 || limit > 10000) limit = 10000
  }
  if (strategy !== undefined) parsed.trim = { strategy, maxlen, minid, approximate, limit }
  return parsed
}

const nodeMaxEntries = (ctx: Context): number => configNumber(ctx.engine.config, 'stream-node-max-entries')

const XADD: Handler = (ctx, args) => {
  const key = args[0]
  const parsed = parseAddOrTrim(ctx, args, true)
  const pairs = args.length - parsed.fieldsAt
  if (pairs < 2 || pairs % 2 === 1) fail(wrongArity('xadd'))
  if (parsed.id === MIN_ID && parsed.seqGiven) fail('ERR The ID specified in XADD must be greater than 0-0')
  let stream = ctx.db.readForWrite(key, 'stream')
  if (stream === undefined) {
    if (parsed.noMkStream) return NIL
    stream = new StreamValue()
    ctx.db.set(key, stream)
  }
  if (stream.lastId === MAX_ID) fail('ERR The stream has exhausted the last possible ID, unable to add more items')
  const id = newEntryId(stream, parsed, ctx.now)
  // <ms>-* after <ms>-18446744073709551615: Redis 7.0 reports it this way, not as a smaller id.
  if (id === undefined) fail('ERR Elements are too large to be stored')
  if (id <= stream.lastId) fail('ERR The ID specified in XADD is equal or smaller than the target stream top item')
  stream.append(id, args.slice(parsed.fieldsAt), nodeMaxEntries(ctx))
  ctx.db.changed(key, 'xadd')
  if (parsed.trim !== undefined && stream.trim(parsed.trim) > 0) ctx.db.changed(key, 'xtrim')
  return bulk(formatId(id))
}

/** The id XADD gives: the time-based next id, the explicit one, or `<ms>-*` completed (streamAppendItem). */
function newEntryId(stream: StreamValue, parsed: AddOrTrimArgs, now: number): StreamId | undefined {
  if (parsed.id === undefined) return nextAutoId(stream.lastId, now)
  if (parsed.seqGiven) return parsed.id
  if (parsed.id >> 64n === stream.lastId >> 64n) {
    return (stream.lastId & ((1n << 64n) - 1n)) === (1n << 64n) - 1n ? undefined : stream.lastId + 1n
  }
  return parsed.id
}

const XTRIM: Handler = (ctx, args) => {
  const parsed = parseAddOrTrim(ctx, args, false)
  const stream = ctx.db.readForWrite(args[0], 'stream')
  if (stream === undefined || parsed.trim === undefined) return int(0)
  const deleted = stream.trim(parsed.trim)
  if (deleted > 0) ctx.db.changed(args[0], 'xtrim')
  return int(deleted)
}

const XLEN: Handler = (ctx, [key]) => int(readStream(ctx, key)?.size ?? 0)

function range(ctx: Context, args: string[], reverse: boolean): Reply {
  const [key, first, second] = args
  const start = parseRangeBound(reverse ? second : first, true)
  const end = parseRangeBound(reverse ? first : second, false)
  let count = -1
  for (let i = 3; i < args.length; i++) {
    if (isToken(args[i], 'COUNT') && i + 1 < args.length) {
      count = Math.max(parseCount(args[i + 1]), 0)
      i++
    } else {
      fail(SYNTAX)
    }
  }
  const stream = readStream(ctx, key)
  if (stream === undefined) return EMPTY_ARRAY
  if (count === 0) return NIL_ARRAY
  return entriesReply(stream.range(start, end, count === -1 ? 0 : count, reverse))
}

const XDEL: Handler = (ctx, [key, ...ids]) => {
  const stream = ctx.db.readForWrite(key, 'stream')
  if (stream === undefined) return int(0)
  const parsed = ids.map((id) => parseStrictId(id))
  let deleted = 0
  for (const id of parsed) if (stream.delete(id)) deleted++
  if (deleted > 0) ctx.db.changed(key, 'xdel')
  return int(deleted)
}

const XSETID: Handler = (ctx, [key, idText, ...options]) => {
  const id = parseStrictId(idText)
  let entriesAdded = -1
  let maxDeleted = MIN_ID
  for (let i = 0; i < options.length; i += 2) {
    const more = i + 1 < options.length
    if (isToken(options[i], 'ENTRIESADDED') && more) {
      entriesAdded = parseInteger(options[i + 1])
      if (entriesAdded < 0) fail('ERR entries_added must be positive')
    } else if (isToken(options[i], 'MAXDELETEDID') && more) {
      maxDeleted = parseStrictId(options[i + 1])
      if (id < maxDeleted) fail('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id')
    } else {
      fail(SYNTAX)
    }
  }
  const stream = ctx.db.readForWrite(key, 'stream') ?? fail(NO_SUCH_KEY)
  if (stream.size > 0) {
    if (id < (stream.edge(false)?.id ?? MIN_ID)) fail('ERR The ID specified in XSETID is smaller than the target stream top item')
    if (entriesAdded !== -1 && stream.size > entriesAdded) {
      fail('ERR The entries_added specified in XSETID is smaller than the target stream length')
    }
  }
  stream.lastId = id
  if (entriesAdded !== -1) stream.entriesAdded = entriesAdded
  if (maxDeleted !== MIN_ID) stream.maxDeletedId = maxDeleted
  ctx.db.changed(key, 'xsetid')
  return OK
}

export const streamHandlers: Record<string, Handler> = {
  xadd: XADD,
  xtrim: XTRIM,
  xlen: XLEN,
  xrange: (ctx, args) => range(ctx, args, false),
  xrevrange: (ctx, args) => range(ctx, args, true),
  xdel: XDEL,
  xsetid: XSETID,
  xread: (ctx, args) => readStreams(ctx, args, false),
  xreadgroup: (ctx, args) => readStreams(ctx, args, true),
  ...streamGroupHandlers,
  ...streamInfoHandlers,
}
