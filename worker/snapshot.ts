// A whole keyspace as plain data: every database, every type, absolute expiry times, with a
// format name and version. Persistence stores it in IndexedDB (structured clone), export and
// import write it as JSON text, share links compress that text.
//
// Values are stored by content, not by encoding: a loaded value gets the encoding Redis would
// give the same contents when it loads an RDB file (a small hash is a listpack again), so a
// reload behaves like a Redis restart. Byte strings stay JS strings with one char per byte, which
// JSON carries exactly (non-ASCII chars become UTF-8 in a file and decode back to the same chars).
import type { Engine } from './engine.ts'
import { DATABASES } from './engine.ts'
import type { Database, RedisValue } from './keyspace.ts'
import { ListValue } from './types/list.ts'
import { maxIntsetEntries, SetValue } from './types/set.ts'
import { HashValue } from './types/hash.ts'
import { listpackLimits, ZSetValue } from './types/zset.ts'
import { ConsumerGroup, formatId, StreamValue } from './types/stream.ts'
import { configNumber } from './config.ts'
import { ReplyError } from './errors.ts'
import { scriptingIfStarted, scriptingOf } from './scripting/engine-scripting.ts'

export const SNAPSHOT_FORMAT = 'redis-playground-snapshot'
export const SNAPSHOT_VERSION = 1

/** A score as data: finite numbers as themselves, the rest as text (JSON has no Infinity or -0). */
export type StoredScore = number | 'inf' | '-inf' | '-0'

/** One key: its type, name, contents and absolute expiry time in ms (absent when the key has no TTL). */
export type StoredKey =
  | [type: 'string', key: string, value: string, expireAt?: number]
  | [type: 'list', key: string, elements: string[], expireAt?: number]
  | [type: 'set', key: string, members: string[], expireAt?: number]
  /** Fields and values alternate: [field, value, field, value, ...]. */
  | [type: 'hash', key: string, fieldsAndValues: string[], expireAt?: number]
  /** In ascending order, members and scores alternate: [member, score, member, score, ...]. */
  | [type: 'zset', key: string, membersAndScores: Array<string | StoredScore>, expireAt?: number]
  | [type: 'stream', key: string, stream: StoredStream, expireAt?: number]

/** A stream with its counters and consumer groups; ids as Redis prints them ('ms-seq'). */
export interface StoredStream {
  /** Oldest first: [id, [field, value, field, value, ...]]. */
  entries: Array<[id: string, fields: string[]]>
  lastId: string
  maxDeletedId: string
  firstId: string
  entriesAdded: number
  groups: StoredGroup[]
}

export interface StoredGroup {
  name: string
  lastId: string
  /** -1 when unknown. */
  entriesRead: number
  consumers: Array<[name: string, seenTime: number]>
  /** The pending entries list, by id: [id, consumer, delivery time, delivery count]. */
  pending: Array<[id: string, consumer: string, deliveryTime: number, deliveryCount: number]>
}

export interface StoredDatabase {
  index: number
  keys: StoredKey[]
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT
  version: typeof SNAPSHOT_VERSION
  /** When it was taken (ms since the epoch). */
  savedAt: number
  /** The workspace's name, in exported files. */
  name?: string
  /** Non-empty databases only. */
  databases: StoredDatabase[]
  /**
   * Redis 7 function libraries, as FUNCTION LOAD got their code (Redis keeps them in its RDB file).
   * Absent when there are none. An optional part with a version of its own, so that files without
   * it stay format 1.
   */
  functions?: StoredFunctions
}

export interface StoredFunctions {
  version: 1
  libraries: string[]
}

/** A file or link that cannot be loaded; the message says why, for the user. */
export class SnapshotError extends Error {
  override name = 'SnapshotError'
}

/** The stored form of one key, or undefined when it does not exist (or has expired). Not an access. */
export function storeKey(db: Database, key: string): StoredKey | undefined {
  const value = db.peek(key)
  if (value === undefined) return undefined
  const expireAt = db.expireAt(key)
  const stored = storedValue(key, value)
  if (expireAt !== undefined) stored.push(expireAt)
  return stored
}

function storedValue(key: string, value: RedisValue): StoredKey {
  if (typeof value === 'string') return ['string', key, value]
  switch (value.kind) {
    case 'list':
      return ['list', key, [...value.values()]]
    case 'set':
      return ['set', key, [...value.values()]]
    case 'hash': {
      const flat: string[] = []
      for (const [field, fieldValue] of value) flat.push(field, fieldValue)
      return ['hash', key, flat]
    }
    case 'zset': {
      const flat: Array<string | StoredScore> = []
      for (const { member, score } of value.entries()) flat.push(member, storedScore(score))
      return ['zset', key, flat]
    }
    case 'stream':
      return ['stream', key, storedStream(value)]
  }
}

function storedStream(stream: StreamValue): StoredStream {
  return {
    entries: stream.range(0n, (1n << 128n) - 1n).map((entry) => [formatId(entry.id), entry.fields]),
    lastId: formatId(stream.lastId),
    maxDeletedId: formatId(stream.maxDeletedId),
    firstId: formatId(stream.firstId),
    entriesAdded: stream.entriesAdded,
    groups: [...stream.groups].map(([name, group]) => ({
      name,
      lastId: formatId(group.lastId),
      entriesRead: group.entriesRead,
      consumers: [...group.consumers.values()].map((consumer) => [consumer.name, consumer.seenTime]),
      pending: group.pending.all().map((entry) => [formatId(entry.id), entry.consumer.name, entry.deliveryTime, entry.deliveryCount]),
    })),
  }
}

/** 'ms-seq' as a stream id; the text was checked by storedKeyProblem. */
function loadedId(text: string): bigint {
  const [ms, seq] = text.split('-')
  return (BigInt(ms) << 64n) | BigInt(seq)
}

function loadedStream(stored: StoredStream, nodeMaxEntries: number): StreamValue {
  const stream = new StreamValue()
  for (const [id, fields] of stored.entries) stream.append(loadedId(id), fields, nodeMaxEntries)
  stream.lastId = loadedId(stored.lastId)
  stream.maxDeletedId = loadedId(stored.maxDeletedId)
  stream.firstId = loadedId(stored.firstId)
  stream.entriesAdded = stored.entriesAdded
  for (const storedGroup of stored.groups) {
    const group = new ConsumerGroup(loadedId(storedGroup.lastId), storedGroup.entriesRead)
    for (const [name, seenTime] of storedGroup.consumers) group.consumer(name, seenTime)
    for (const [id, name, deliveryTime, deliveryCount] of storedGroup.pending) {
      const consumer = group.consumer(name, deliveryTime)
      const entry = { id: loadedId(id), consumer, deliveryTime, deliveryCount }
      group.pending.set(entry.id, entry)
      consumer.pending.set(entry.id, entry)
    }
    stream.groups.set(storedGroup.name, group)
  }
  return stream
}

function storedScore(score: number): StoredScore {
  if (score === Infinity) return 'inf'
  if (score === -Infinity) return '-inf'
  return Object.is(score, -0) ? '-0' : score
}

function loadedScore(score: string | StoredScore): number {
  return score === 'inf' ? Infinity : score === '-inf' ? -Infinity : score === '-0' ? -0 : (score as number)
}

/** Every live key of every database. Expired keys are left out. */
export function takeSnapshot(engine: Engine, name?: string): Snapshot {
  const databases: StoredDatabase[] = []
  for (const db of engine.databases) {
    const keys = storeDatabase(db)
    if (keys.length > 0) databases.push({ index: db.index, keys })
  }
  const snapshot: Snapshot = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, savedAt: engine.now(), databases }
  if (name !== undefined) snapshot.name = name
  const libraries = [...scriptingIfStarted(engine)?.libraries.current.libraries.values() ?? []].map((library) => library.code)
  if (libraries.length > 0) snapshot.functions = { version: 1, libraries }
  return snapshot
}

export function storeDatabase(db: Database): StoredKey[] {
  const keys: StoredKey[] = []
  for (const key of db.keys()) {
    const stored = storeKey(db, key)
    if (stored !== undefined) keys.push(stored)
  }
  return keys
}

/** Replaces every database's contents with the snapshot's. Keys whose expiry time has passed are skipped. */
export function loadSnapshot(engine: Engine, snapshot: Snapshot): void {
  loadFunctions(engine, snapshot.functions?.libraries ?? [])
  for (const db of engine.databases) db.flush()
  for (const stored of snapshot.databases) loadDatabase(engine, engine.databases[stored.index], stored.keys)
}

/** Replaces the function libraries; the old ones stay when a library cannot be loaded. */
function loadFunctions(engine: Engine, libraries: string[]): void {
  if (libraries.length === 0 && scriptingIfStarted(engine) === undefined) return
  try {
    scriptingOf(engine).libraries.restore(libraries, 'flush')
  } catch (thrown) {
    if (thrown instanceof ReplyError) throw new SnapshotError(`Its function libraries could not be loaded (${thrown.text}).`)
    throw thrown
  }
}

/** Replaces one database's contents. */
export function loadDatabase(engine: Engine, db: Database, keys: StoredKey[]): void {
  db.flush()
  for (const stored of keys) loadKey(engine, db, stored)
}

/** Puts one stored key into a database (replacing what was there), unless it has expired. */
export function loadKey(engine: Engine, db: Database, stored: StoredKey): void {
  const [, key, , expireAt] = stored
  if (expireAt !== undefined && expireAt < engine.now()) {
    db.delete(key)
    return
  }
  db.set(key, loadedValue(engine, stored))
  if (expireAt !== undefined) db.setExpireAt(key, expireAt)
}

function loadedValue(engine: Engine, stored: StoredKey): RedisValue {
  const config = engine.config
  switch (stored[0]) {
    case 'string':
      return stored[2]
    case 'list':
      return new ListValue(stored[2])
    case 'set': {
      // As Redis loads a set: an intset while every member is an integer and the limit allows.
      const set = new SetValue('intset')
      const limit = maxIntsetEntries(config)
      for (const member of stored[2]) set.add(member, limit)
      return set
    }
    case 'hash': {
      const hash = new HashValue()
      const flat = stored[2]
      for (let i = 0; i < flat.length; i += 2) hash.set(flat[i], flat[i + 1])
      hash.encoding(config)
      return hash
    }
    case 'zset': {
      const zset = new ZSetValue()
      const limits = listpackLimits(config)
      const flat = stored[2]
      for (let i = 0; i < flat.length; i += 2) zset.set(flat[i] as string, loadedScore(flat[i + 1]), limits)
      return zset
    }
    case 'stream':
      return loadedStream(stored[2], configNumber(config, 'stream-node-max-entries'))
  }
}

/** The snapshot as a file's text. */
export function snapshotToText(snapshot: Snapshot): string {
  return JSON.stringify(snapshot)
}

/**
 * Reads a file's or link's text into a snapshot, checking everything before anything is loaded,
 * so an invalid, foreign or newer file changes nothing. Throws SnapshotError with the reason.
 */
export function snapshotFromText(text: string): Snapshot {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new SnapshotError('This is not a Redis Playground workspace file (it is not JSON).')
  }
  return checkSnapshot(data)
}

/** Checks that data (parsed JSON or a stored record) is a snapshot this version can load. */
export function checkSnapshot(data: unknown): Snapshot {
  if (!isRecord(data) || data.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError('This is not a Redis Playground workspace file.')
  }
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    throw new SnapshotError('This workspace file has no valid format version.')
  }
  if (data.version > SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `This workspace file was made by a newer version of the playground (format ${data.version}; this one reads format ${SNAPSHOT_VERSION}).`,
    )
  }
  if (typeof data.savedAt !== 'number' || !Number.isFinite(data.savedAt)) invalid('its save time is missing')
  if (data.name !== undefined && typeof data.name !== 'string') invalid('its name is not text')
  if (!Array.isArray(data.databases)) invalid('it has no databases')
  if (data.functions !== undefined) {
    const functions = data.functions
    if (!isRecord(functions) || functions.version !== 1 || !Array.isArray(functions.libraries) || !functions.libraries.every(isBytes)) {
      invalid('its function libraries are malformed')
    }
  }
  const seen = new Set<number>()
  for (const db of data.databases as unknown[]) {
    if (!isRecord(db) || !Number.isInteger(db.index) || (db.index as number) < 0 || (db.index as number) >= DATABASES) {
      invalid(`a database index is not between 0 and ${DATABASES - 1}`)
    }
    const index = db.index as number
    if (seen.has(index)) invalid(`database ${index} appears twice`)
    seen.add(index)
    if (!Array.isArray(db.keys)) invalid(`database ${index} has no key list`)
    const names = new Set<string>()
    for (const key of db.keys as unknown[]) {
      const problem = storedKeyProblem(key)
      if (problem !== undefined) invalid(`in database ${index}, ${problem}`)
      const name = (key as StoredKey)[1]
      if (names.has(name)) invalid(`in database ${index}, the key ${JSON.stringify(name)} appears twice`)
      names.add(name)
    }
  }
  return data as unknown as Snapshot
}

/** What is wrong with a stored key, or undefined when it is well formed. */
export function storedKeyProblem(key: unknown): string | undefined {
  if (!Array.isArray(key) || key.length < 3 || key.length > 4) return 'a key entry is malformed'
  const [type, name, contents, expireAt] = key as unknown[]
  if (!isBytes(name)) return 'a key name is not a byte string'
  const where = `the key ${JSON.stringify(name)}`
  if (expireAt !== undefined && (typeof expireAt !== 'number' || !Number.isSafeInteger(expireAt))) {
    return `${where} has an invalid expiry time`
  }
  switch (type) {
    case 'string':
      return isBytes(contents) ? undefined : `${where} has an invalid value`
    case 'list':
      return isNonEmptyByteArray(contents) ? undefined : `${where} has an invalid list`
    case 'set':
      if (!isNonEmptyByteArray(contents)) return `${where} has an invalid set`
      return new Set(contents).size === contents.length ? undefined : `${where} repeats a set member`
    case 'hash': {
      if (!isNonEmptyByteArray(contents) || contents.length % 2 !== 0) return `${where} has an invalid hash`
      const fields = new Set<string>()
      for (let i = 0; i < contents.length; i += 2) fields.add(contents[i])
      return fields.size * 2 === contents.length ? undefined : `${where} repeats a hash field`
    }
    case 'zset': {
      if (!Array.isArray(contents) || contents.length === 0 || contents.length % 2 !== 0) return `${where} has an invalid sorted set`
      const members = new Set<string>()
      for (let i = 0; i < contents.length; i += 2) {
        if (!isBytes(contents[i]) || !isScore(contents[i + 1])) return `${where} has an invalid sorted set`
        members.add(contents[i])
      }
      return members.size * 2 === contents.length ? undefined : `${where} repeats a sorted set member`
    }
    case 'stream':
      return isStoredStream(contents) ? undefined : `${where} has an invalid stream`
    default:
      return `${where} has an unknown type ${JSON.stringify(type)}`
  }
}

const STORED_ID = /^(0|[1-9][0-9]{0,19})-(0|[1-9][0-9]{0,19})$/
const U64_MAX = (1n << 64n) - 1n

function isStoredId(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const parts = STORED_ID.exec(value)
  return parts !== null && BigInt(parts[1]) <= U64_MAX && BigInt(parts[2]) <= U64_MAX
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** A well-formed stream: ids valid and ascending, entries with fields, groups whose pending entries name their consumers. */
function isStoredStream(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value.entries) || !Array.isArray(value.groups)) return false
  if (!isStoredId(value.lastId) || !isStoredId(value.maxDeletedId) || !isStoredId(value.firstId) || !isCount(value.entriesAdded)) return false
  let previous = -1n
  for (const entry of value.entries as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isStoredId(entry[0])) return false
    if (!isNonEmptyByteArray(entry[1]) || entry[1].length % 2 !== 0) return false
    const id = loadedId(entry[0])
    if (id <= previous) return false
    previous = id
  }
  if (previous > loadedId(value.lastId)) return false
  const names = new Set<string>()
  for (const group of value.groups as unknown[]) {
    if (!isRecord(group) || !isBytes(group.name) || names.has(group.name) || !isStoredId(group.lastId)) return false
    names.add(group.name)
    if (typeof group.entriesRead !== 'number' || !Number.isSafeInteger(group.entriesRead) || group.entriesRead < -1) return false
    if (!Array.isArray(group.consumers) || !Array.isArray(group.pending)) return false
    const consumers = new Set<string>()
    for (const consumer of group.consumers as unknown[]) {
      if (!Array.isArray(consumer) || consumer.length !== 2 || !isBytes(consumer[0]) || !isCount(consumer[1])) return false
      consumers.add(consumer[0])
    }
    let last = -1n
    for (const entry of group.pending as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 4 || !isStoredId(entry[0]) || !consumers.has(entry[1])) return false
      if (!isCount(entry[2]) || !isCount(entry[3])) return false
      const id = loadedId(entry[0])
      if (id <= last) return false
      last = id
    }
  }
  return true
}

function invalid(problem: string): never {
  throw new SnapshotError(`This workspace file is damaged: ${problem}.`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A byte string: every char 0..255. */
function isBytes(value: unknown): value is string {
  return typeof value === 'string' && !/[^\x00-\xff]/.test(value)
}

function isNonEmptyByteArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every(isBytes)
}

function isScore(value: unknown): boolean {
  return (typeof value === 'number' && Number.isFinite(value)) || value === 'inf' || value === '-inf' || value === '-0'
}
