// Consumer groups: XGROUP (CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP), XACK,
// XPENDING, XCLAIM and XAUTOCLAIM, following Redis 7.0's t_stream.c argument order and errors.
import type { Context, Handler } from '../engine.ts'
import { fail, SYNTAX } from '../errors.ts'
import { isToken, parseInteger } from '../args.ts'
import { array, bulk, int, NIL, NIL_ARRAY, OK, type Reply, ZERO } from '../reply.ts'
import { ofType } from '../keyspace.ts'
import {
  type Consumer, ConsumerGroup, formatId, INVALID_ENTRIES_READ, MAX_ID, MIN_ID, type PendingEntry, type StreamId,
  StreamValue,
} from '../types/stream.ts'
import { cText, entryReply, parseCount, parseId, parseRangeBound, parseStrictId } from './stream-shared.ts'
import { helpReply } from './help.ts'

const KEY_REQUIRED =
  'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.'
const ENTRIES_READ_RANGE = 'ERR value for ENTRIESREAD must be positive or -1'

const noGroupForKey = (group: string, key: string) => `NOGROUP No such consumer group '${cText(group)}' for key name '${cText(key)}'`
const noKeyOrGroup = (key: string, group: string) => `NOGROUP No such key '${cText(key)}' or consumer group '${cText(group)}'`
const subcommandSyntax = (ctx: Context) =>
  `ERR unknown subcommand or wrong number of arguments for '${cText(ctx.argv[1]).slice(0, 128)}'. Try XGROUP HELP.`

/** The stream and group an XGROUP subcommand works on, checked in Redis's order. */
function groupTarget(ctx: Context, key: string, name: string, mustExist: boolean): { stream: StreamValue; group?: ConsumerGroup } {
  const stream = ctx.db.readForWrite(key, 'stream') ?? fail(KEY_REQUIRED)
  const group = stream.groups.get(name)
  if (group === undefined && mustExist) fail(noGroupForKey(name, key))
  return { stream, group }
}

/** CREATE's and SETID's options after the id: MKSTREAM (CREATE only) and ENTRIESREAD. */
function parseGroupOptions(ctx: Context, options: string[], create: boolean): { mkstream: boolean; entriesRead: number } {
  let mkstream = false
  let entriesRead = INVALID_ENTRIES_READ
  for (let i = 0; i < options.length; ) {
    if (create && isToken(options[i], 'MKSTREAM')) {
      mkstream = true
      i++
    } else if (isToken(options[i], 'ENTRIESREAD') && i + 1 < options.length) {
      entriesRead = parseInteger(options[i + 1])
      if (entriesRead < 0 && entriesRead !== INVALID_ENTRIES_READ) fail(ENTRIES_READ_RANGE)
      i += 2
    } else {
      fail(subcommandSyntax(ctx))
    }
  }
  return { mkstream, entriesRead }
}

const XGROUP_CREATE: Handler = (ctx, [key, name, idText, ...options]) => {
  const { mkstream, entriesRead } = parseGroupOptions(ctx, options, true)
  let stream = ctx.db.readForWrite(key, 'stream')
  if (stream === undefined && !mkstream) fail(KEY_REQUIRED)
  if (options.length > 3) fail(subcommandSyntax(ctx))
  const id = idText === '$' ? (stream?.lastId ?? MIN_ID) : parseStrictId(idText)
  if (stream === undefined) {
    stream = new StreamValue()
    ctx.db.set(key, stream)
  }
  if (stream.groups.has(name)) fail('BUSYGROUP Consumer Group name already exists')
  stream.groups.set(name, new ConsumerGroup(id, entriesRead))
  ctx.db.changed(key, 'xgroup-create')
  return OK
}

const XGROUP_SETID: Handler = (ctx, [key, name, idText, ...options]) => {
  const { entriesRead } = parseGroupOptions(ctx, options, false)
  const { stream, group } = groupTarget(ctx, key, name, true)
  if (options.length !== 0 && options.length !== 2) fail(subcommandSyntax(ctx))
  group!.lastId = idText === '$' ? stream.lastId : parseId(idText)
  group!.entriesRead = entriesRead
  ctx.db.changed(key, 'xgroup-setid')
  return OK
}

const XGROUP_DESTROY: Handler = (ctx, [key, name]) => {
  const { stream, group } = groupTarget(ctx, key, name, false)
  if (group === undefined) return ZERO
  stream.groups.delete(name)
  ctx.db.changed(key, 'xgroup-destroy')
  return int(1)
}

const XGROUP_CREATECONSUMER: Handler = (ctx, [key, name, consumer]) => {
  const { group } = groupTarget(ctx, key, name, true)
  if (group!.consumers.has(consumer)) return ZERO
  group!.consumer(consumer, ctx.now)
  ctx.db.changed(key, 'xgroup-createconsumer')
  return int(1)
}

const XGROUP_DELCONSUMER: Handler = (ctx, [key, name, consumerName]) => {
  const { group } = groupTarget(ctx, key, name, true)
  const consumer = group!.consumers.get(consumerName)
  if (consumer === undefined) return ZERO
  const pending = consumer.pending.size
  for (const entry of [...consumer.pending.all()]) group!.acknowledge(entry)
  group!.consumers.delete(consumerName)
  ctx.db.changed(key, 'xgroup-delconsumer')
  return int(pending)
}

const XGROUP_HELP_LINES = [
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
]

/** The stream and group of XACK-like commands: undefined when either is missing. */
function findGroup(ctx: Context, key: string, name: string): { stream: StreamValue; group: ConsumerGroup } | undefined {
  const stream = ctx.db.read(key, 'stream')
  const group = stream?.groups.get(name)
  return stream === undefined || group === undefined ? undefined : { stream, group }
}

const XACK: Handler = (ctx, [key, name, ...idTexts]) => {
  const found = findGroup(ctx, key, name)
  if (found === undefined) return ZERO
  const ids = idTexts.map((text) => parseStrictId(text))
  let acknowledged = 0
  for (const id of ids) {
    const entry = found.group.pending.get(id)
    if (entry === undefined) continue
    found.group.acknowledge(entry)
    acknowledged++
  }
  return int(acknowledged)
}

const XPENDING: Handler = (ctx, args) => {
  const [key, name] = args
  const summary = args.length === 2
  if (!summary && (args.length < 5 || args.length > 8)) fail(SYNTAX)
  let start = MIN_ID
  let end = MAX_ID
  let count = 0
  let minIdle = 0
  let consumerName: string | undefined
  if (!summary) {
    let at = 2
    if (isToken(args[2], 'IDLE')) {
      minIdle = parseInteger(args[3])
      if (args.length < 7) fail(SYNTAX)
      at += 2
    }
    count = Math.max(parseCount(args[at + 2]), 0)
    start = parseRangeBound(args[at], true)
    end = parseRangeBound(args[at + 1], false)
    if (at + 3 < args.length) consumerName = args[at + 3]
  }
  const stream = ctx.db.read(key, 'stream')
  const group = stream?.groups.get(name) ?? fail(noKeyOrGroup(key, name))
  if (summary) return pendingSummary(group)
  let pel = group.pending
  if (consumerName !== undefined) {
    const consumer = group.consumers.get(consumerName)
    if (consumer === undefined) return array([])
    pel = consumer.pending
  }
  const out: Reply[] = []
  if (start > end) return array(out)
  for (const entry of pel.range(start, end)) {
    if (count === 0) break
    const idle = ctx.now - entry.deliveryTime
    if (minIdle !== 0 && idle < minIdle) continue
    count--
    out.push(array([bulk(formatId(entry.id)), bulk(entry.consumer.name), int(Math.max(idle, 0)), int(entry.deliveryCount)]))
  }
  return array(out)
}

function pendingSummary(group: ConsumerGroup): Reply {
  const first = group.pending.first()
  const last = group.pending.last()
  if (first === undefined || last === undefined) return array([ZERO, NIL, NIL, NIL_ARRAY])
  const consumers: Reply[] = []
  for (const consumer of group.consumersByName()) {
    if (consumer.pending.size === 0) continue
    consumers.push(array([bulk(consumer.name), bulk(String(consumer.pending.size))]))
  }
  return array([int(group.pending.size), bulk(formatId(first.id)), bulk(formatId(last.id)), array(consumers)])
}

/** Hands a pending entry to a consumer (XCLAIM, XAUTOCLAIM). */
function transfer(group: ConsumerGroup, entry: PendingEntry, consumer: Consumer): void {
  if (entry.consumer === consumer) return
  entry.consumer.pending.delete(entry.id)
  entry.consumer = consumer
  consumer.pending.set(entry.id, entry)
  group.pending.set(entry.id, entry)
}

/** The claiming consumer, created when missing, seen now (Redis's streamLookupConsumer with refresh). */
function claimer(ctx: Context, key: string, group: ConsumerGroup, name: string): Consumer {
  if (!group.consumers.has(name)) ctx.db.changed(key, 'xgroup-createconsumer')
  const consumer = group.consumer(name, ctx.now)
  consumer.seenTime = ctx.now
  return consumer
}

/** XCLAIM's trailing options, each with the error text Redis gives for a bad number. */
const XCLAIM_NUMBER_OPTIONS = new Map([
  ['IDLE', 'ERR Invalid IDLE option argument for XCLAIM'],
  ['TIME', 'ERR Invalid TIME option argument for XCLAIM'],
  ['RETRYCOUNT', 'ERR Invalid RETRYCOUNT option argument for XCLAIM'],
])

const XCLAIM: Handler = (ctx, [key, name, consumerName, minIdleText, ...rest]) => {
  const found = findGroup(ctx, key, name) ?? fail(noKeyOrGroup(key, name))
  const { stream, group } = found
  const minIdle = Math.max(parseInteger(minIdleText, 'ERR Invalid min-idle-time argument for XCLAIM'), 0)
  const ids: StreamId[] = []
  let j = 0
  for (; j < rest.length; j++) {
    try {
      ids.push(parseStrictId(rest[j]))
    } catch {
      break
    }
  }
  const now = ctx.now
  let force = false
  let justId = false
  let deliveryTime = -1
  let retryCount = -1
  let lastId = MIN_ID
  for (; j < rest.length; j++) {
    const option = rest[j].toUpperCase()
    const more = j + 1 < rest.length
    const numberError = XCLAIM_NUMBER_OPTIONS.get(option)
    if (option === 'FORCE') {
      force = true
    } else if (option === 'JUSTID') {
      justId = true
    } else if (numberError !== undefined && more) {
      const value = parseInteger(rest[++j], numberError)
      if (option === 'IDLE') deliveryTime = now - value
      else if (option === 'TIME') deliveryTime = value
      else retryCount = value
    } else if (option === 'LASTID' && more) {
      lastId = parseStrictId(rest[++j])
    } else {
      fail(`ERR Unrecognized XCLAIM option '${cText(rest[j])}'`)
    }
  }
  if (lastId > group.lastId) group.lastId = lastId
  if (deliveryTime === -1 || deliveryTime < 0 || deliveryTime > now) deliveryTime = now
  let consumer: Consumer | undefined
  const out: Reply[] = []
  for (const id of ids) {
    let entry = group.pending.get(id)
    const streamEntry = stream.get(id)
    if (streamEntry === undefined) {
      if (entry !== undefined) group.acknowledge(entry)
      continue
    }
    if (force && entry === undefined) {
      consumer ??= claimer(ctx, key, group, consumerName)
      entry = { id, consumer, deliveryTime: now, deliveryCount: 1 }
      group.pending.set(id, entry)
      consumer.pending.set(id, entry)
    } else if (entry === undefined) {
      continue
    } else if (minIdle !== 0 && now - entry.deliveryTime < minIdle) {
      continue
    }
    consumer ??= claimer(ctx, key, group, consumerName)
    transfer(group, entry, consumer)
    entry.deliveryTime = deliveryTime
    if (retryCount >= 0) entry.deliveryCount = retryCount
    else if (!justId) entry.deliveryCount++
    out.push(justId ? bulk(formatId(id)) : entryReply(streamEntry))
  }
  return array(out)
}

/** Redis caps XAUTOCLAIM's COUNT so that count * 10 attempts fit a long. */
const XAUTOCLAIM_MAX_COUNT = Math.floor(Number(9223372036854775807n / 16n))
/** Redis allocates 16 bytes per COUNT up front; beyond what a machine can hold (here 64 GiB) it refuses. */
const XAUTOCLAIM_ALLOCATABLE = 2 ** 32

const XAUTOCLAIM: Handler = (ctx, [key, name, consumerName, minIdleText, startText, ...options]) => {
  // Redis looks the key up before parsing (a miss is a 'keymiss' even with bad arguments), and checks it after.
  const value = ctx.db.get(key)
  const minIdle = Math.max(parseInteger(minIdleText, 'ERR Invalid min-idle-time argument for XAUTOCLAIM'), 0)
  const start = parseRangeBound(startText, true)
  let count = 100
  let justId = false
  for (let j = 0; j < options.length; j++) {
    if (isToken(options[j], 'COUNT') && j + 1 < options.length) {
      count = parseInteger(options[j + 1], 'ERR COUNT must be > 0')
      if (count < 1 || count > XAUTOCLAIM_MAX_COUNT) fail('ERR COUNT must be > 0')
      j++
    } else if (isToken(options[j], 'JUSTID')) {
      justId = true
    } else {
      fail(SYNTAX)
    }
  }
  const stream = ofType(value, 'stream')
  const group = stream?.groups.get(name)
  if (stream === undefined || group === undefined) fail(noKeyOrGroup(key, name))
  if (count > XAUTOCLAIM_ALLOCATABLE) fail('ERR Insufficient memory, failed allocating transient memory, COUNT too high.')
  let attempts = count * 10
  // Looked at before any change: at most `attempts` entries, plus one for the next cursor.
  const candidates: PendingEntry[] = []
  for (const entry of group.pending.range(start, MAX_ID)) {
    candidates.push(entry)
    if (candidates.length > attempts) break
  }
  let consumer: Consumer | undefined
  const claimed: Reply[] = []
  const deleted: Reply[] = []
  let next = 0
  while (attempts-- > 0 && count > 0 && next < candidates.length) {
    const entry = candidates[next++]
    const streamEntry = stream.get(entry.id)
    if (streamEntry === undefined) {
      group.acknowledge(entry)
      deleted.push(bulk(formatId(entry.id)))
      count--
      continue
    }
    if (minIdle !== 0 && ctx.now - entry.deliveryTime < minIdle) continue
    consumer ??= claimer(ctx, key, group, consumerName)
    transfer(group, entry, consumer)
    entry.deliveryTime = ctx.now
    if (!justId) entry.deliveryCount++
    claimed.push(justId ? bulk(formatId(entry.id)) : entryReply(streamEntry))
    count--
  }
  const cursor = candidates[next]?.id ?? MIN_ID
  return array([bulk(formatId(cursor)), array(claimed), array(deleted)])
}

export const streamGroupHandlers: Record<string, Handler> = {
  'xgroup|create': XGROUP_CREATE,
  'xgroup|setid': XGROUP_SETID,
  'xgroup|destroy': XGROUP_DESTROY,
  'xgroup|createconsumer': XGROUP_CREATECONSUMER,
  'xgroup|delconsumer': XGROUP_DELCONSUMER,
  'xgroup|help': () => helpReply('XGROUP', XGROUP_HELP_LINES),
  xack: XACK,
  xpending: XPENDING,
  xclaim: XCLAIM,
  xautoclaim: XAUTOCLAIM,
}
