// XREAD and XREADGROUP: read new entries from several streams, or (XREADGROUP) deliver entries to
// a consumer of a group and record them as pending, or replay the consumer's pending history.
import type { Context } from '../engine.ts'
import { fail, SYNTAX } from '../errors.ts'
import { isToken } from '../args.ts'
import { block, parseTimeout } from '../blocking.ts'
import { array, bulk, map, NIL_ARRAY, type Reply } from '../reply.ts'
import { formatId, MAX_ID, MIN_ID, type ConsumerGroup, type StreamId, type StreamValue } from '../types/stream.ts'
import { cText, entryReply, parseCount, parseStrictId } from './stream-shared.ts'

interface ReadRequest {
  keys: string[]
  /** Per key: read entries with ids above this (MAX_ID for `>`). */
  ids: StreamId[]
  count: number
  group?: { name: string; consumer: string }
  noAck: boolean
  /** BLOCK milliseconds, or undefined without BLOCK. */
  block?: number
}

function parseRead(ctx: Context, args: string[], grouped: boolean): ReadRequest {
  const name = grouped ? 'XREADGROUP' : 'XREAD'
  const request: ReadRequest = { keys: [], ids: [], count: 0, noAck: false }
  let streamsAt = -1
  for (let i = 0; i < args.length; i++) {
    const more = args.length - i - 1
    const option = args[i]
    if (isToken(option, 'BLOCK') && more > 0) {
      i++
      request.block = parseTimeout(args[i], 'milliseconds')
    } else if (isToken(option, 'COUNT') && more > 0) {
      i++
      request.count = Math.max(parseCount(args[i]), 0)
    } else if (isToken(option, 'STREAMS') && more > 0) {
      streamsAt = i + 1
      if ((args.length - streamsAt) % 2 !== 0) {
        // Redis 7.0 names XREAD here for XREADGROUP too.
        fail("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.")
      }
      break
    } else if (isToken(option, 'GROUP') && more >= 2) {
      if (!grouped) fail('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.')
      request.group = { name: args[i + 1], consumer: args[i + 2] }
      i += 2
    } else if (isToken(option, 'NOACK')) {
      if (!grouped) fail('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.')
      request.noAck = true
    } else {
      fail(SYNTAX)
    }
  }
  if (streamsAt < 0) fail(SYNTAX)
  if (grouped && request.group === undefined) fail('ERR Missing GROUP option for XREADGROUP')
  const half = (args.length - streamsAt) / 2
  request.keys = args.slice(streamsAt, streamsAt + half)
  for (let k = 0; k < half; k++) {
    const key = request.keys[k]
    const text = args[streamsAt + half + k]
    const stream = ctx.db.read(key, 'stream')
    if (request.group !== undefined && stream?.groups.get(request.group.name) === undefined) {
      fail(`NOGROUP No such key '${cText(key)}' or consumer group '${cText(request.group.name)}' in XREADGROUP with GROUP option`)
    }
    if (text === '$') {
      if (grouped) {
        fail('ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.')
      }
      request.ids.push(stream?.lastId ?? MIN_ID)
    } else if (text === '>') {
      if (!grouped) fail('ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.')
      request.ids.push(MAX_ID)
    } else {
      request.ids.push(parseStrictId(text))
    }
  }
  return request
}

export function readStreams(ctx: Context, args: string[], grouped: boolean): Reply {
  const request = parseRead(ctx, args, grouped)
  const served: Array<[string, Reply]> = []
  for (let k = 0; k < request.keys.length; k++) {
    const key = request.keys[k]
    const stream = ctx.db.read(key, 'stream')
    if (stream === undefined) continue
    const entries = request.group === undefined
      ? readPlain(stream, request.ids[k], request.count)
      : readGroup(ctx, key, stream, request, request.ids[k])
    if (entries !== undefined) served.push([key, entries])
  }
  if (served.length > 0) return keyedReply(ctx, served)
  if (request.block === undefined) return NIL_ARRAY
  return block(ctx, {
    keys: request.keys,
    timeout: request.block,
    serve: (later, key) => serveBlocked(later, request, key),
    onTimeout: () => NIL_ARRAY,
  })
}

/** Streams and their entries: an array of [key, entries] pairs in RESP2, a map in RESP3. */
function keyedReply(ctx: Context, served: Array<[string, Reply]>): Reply {
  if (ctx.client.resp === 3) return map(served.map(([key, entries]) => [bulk(key), entries]))
  return array(served.map(([key, entries]) => array([bulk(key), entries])))
}

/**
 * A blocked XREAD or XREADGROUP (always `>`: history never blocks) when `key` changed: entries
 * after the id it asked for (`$` was resolved when it blocked), or undefined to keep waiting.
 */
function serveBlocked(ctx: Context, request: ReadRequest, key: string): Reply | undefined {
  const value = ctx.db.getForWrite(key)
  if (value === undefined || typeof value === 'string' || value.kind !== 'stream') return undefined
  const k = request.keys.indexOf(key)
  if (request.group !== undefined && !value.groups.has(request.group.name)) return undefined
  const entries = request.group === undefined
    ? readPlain(value, request.ids[k], request.count)
    : readGroup(ctx, key, value, request, MAX_ID)
  return entries === undefined ? undefined : keyedReply(ctx, [[key, entries]])
}

function readPlain(stream: StreamValue, after: StreamId, count: number): Reply | undefined {
  const last = stream.edge(false)
  if (last === undefined || last.id <= after) return undefined
  return array(stream.range(after + 1n, MAX_ID, count).map(entryReply))
}

/** XREADGROUP on one stream: history (an explicit id) or new entries (`>`), as streamReplyWithRange does. */
function readGroup(ctx: Context, key: string, stream: StreamValue, request: ReadRequest, id: StreamId): Reply | undefined {
  const { name, consumer: consumerName } = request.group!
  const group = stream.groups.get(name)!
  const history = id !== MAX_ID
  let after = id
  if (!history) {
    const last = stream.edge(false)
    if (last === undefined || last.id <= group.lastId) return undefined
    after = group.lastId
  }
  // Redis creates (and sees) the consumer only when it serves the stream.
  if (!group.consumers.has(consumerName)) ctx.db.changed(key, 'xgroup-createconsumer')
  const consumer = group.consumer(consumerName, ctx.now)
  consumer.seenTime = ctx.now
  if (history) {
    const out: Reply[] = []
    if (after === MAX_ID) return array(out)
    for (const pending of consumer.pending.range(after + 1n, MAX_ID)) {
      if (request.count > 0 && out.length === request.count) break
      const entry = stream.get(pending.id)
      if (entry === undefined) {
        out.push(array([bulk(formatId(pending.id)), NIL_ARRAY]))
      } else {
        pending.deliveryTime = ctx.now
        pending.deliveryCount++
        out.push(entryReply(entry))
      }
    }
    return array(out)
  }
  const entries = stream.range(after + 1n, MAX_ID, request.count)
  for (const entry of entries) {
    advanceGroup(stream, group, entry.id)
    if (request.noAck) continue
    const existing = group.pending.get(entry.id)
    if (existing !== undefined) {
      existing.consumer.pending.delete(entry.id)
      existing.consumer = consumer
      existing.deliveryTime = ctx.now
      existing.deliveryCount = 1
      consumer.pending.set(entry.id, existing)
    } else {
      const pending = { id: entry.id, consumer, deliveryTime: ctx.now, deliveryCount: 1 }
      group.pending.set(entry.id, pending)
      consumer.pending.set(entry.id, pending)
    }
  }
  return array(entries.map(entryReply))
}

/** Moves a group's last delivered id forward, keeping its read counter as Redis does. */
function advanceGroup(stream: StreamValue, group: ConsumerGroup, id: StreamId): void {
  if (id <= group.lastId) return
  if (group.entriesRead !== -1 && !stream.hasTombstonesFrom(id)) group.entriesRead++
  else if (stream.entriesAdded > 0) group.entriesRead = stream.estimateDistance(id)
  group.lastId = id
}
