// One Redis database: keys to typed values, absolute expiry times, lazy and active expiry,
// and change notifications (for WATCH, keyspace events, persistence and the visualizers).
import { fail, WRONGTYPE } from './errors.ts'
import type { ListValue } from './types/list.ts'
import type { SetValue } from './types/set.ts'
import type { HashValue } from './types/hash.ts'
import type { ZSetValue } from './types/zset.ts'
import type { StreamValue } from './types/stream.ts'
import { freshStamp, lfuAccessed, usesLfu } from './lru.ts'

/** A string value is a plain JS byte string (it keeps a million small keys cheap); the rest are objects with a `kind`. */
export type Collection = ListValue | SetValue | HashValue | ZSetValue | StreamValue
export type RedisValue = string | Collection
export type TypeName = 'string' | Collection['kind']

interface ValueByType {
  string: string
  list: ListValue
  set: SetValue
  hash: HashValue
  zset: ZSetValue
  stream: StreamValue
}

export function typeOf(value: RedisValue): TypeName {
  return typeof value === 'string' ? 'string' : value.kind
}

/** A looked-up value if it has this type; undefined when missing; WRONGTYPE otherwise (Redis's checkType). */
export function ofType<T extends TypeName>(value: RedisValue | undefined, type: T): ValueByType[T] | undefined {
  if (value === undefined) return undefined
  if (typeOf(value) !== type) fail(WRONGTYPE)
  return value as ValueByType[T]
}

/** What the database needs from its surroundings: the clock and someone to tell about changes. */
export interface DatabaseHost {
  now(): number
  /** Uniform in [0, 1): the LFU counter grows by chance. */
  random(): number
  /** Server configuration: maxmemory-policy decides how key accesses are recorded. */
  readonly config: ReadonlyMap<string, string>
  /** A key was changed by a command (event is the keyspace-notification event name) or expired. */
  keyChanged(db: Database, key: string, event: string): void
  /** A key that did not exist now does (Redis's dbAdd, the 'new' keyspace event). */
  keyCreated(db: Database, key: string): void
  /** A command looked a key up to read it and found none (the 'keymiss' keyspace event, INFO's keyspace_misses). */
  keyMissed(db: Database, key: string, notify?: boolean): void
  /** A command looked a key up to read it and found it (INFO's keyspace_hits). */
  keyHit(): void
}

export class Database {
  private readonly data = new Map<string, RedisValue>()
  private readonly expires = new Map<string, number>()
  /** Each key's access record as Redis keeps it in the object's lru field (see lru.ts). */
  private readonly stamps = new Map<string, number>()
  private expiryCursor: IterableIterator<[string, number]> | undefined

  constructor(
    readonly index: number,
    private readonly host: DatabaseHost,
  ) {}

  get size(): number {
    return this.data.size
  }

  get expiresCount(): number {
    return this.expires.size
  }

  /**
   * The value at key for a command that reads it, or undefined when missing or expired (an
   * expired key is removed now). Counts as an access; a miss is a 'keymiss' event (Redis's lookupKeyRead).
   */
  get(key: string): RedisValue | undefined {
    const value = this.getForWrite(key)
    if (value === undefined) this.host.keyMissed(this, key)
    else this.host.keyHit()
    return value
  }

  /** Like get, for a command that writes the key: Redis's lookupKeyWrite publishes no 'keymiss'. */
  getForWrite(key: string): RedisValue | undefined {
    if (this.expires.size !== 0) this.expireIfDue(key)
    const value = this.data.get(key)
    if (value !== undefined) this.touch(key)
    return value
  }

  /** Like get, but not counted as an access (Redis's LOOKUP_NOTOUCH: TYPE, TTL, EXISTS). */
  getWithoutTouch(key: string): RedisValue | undefined {
    const value = this.peek(key)
    if (value === undefined) this.host.keyMissed(this, key)
    else this.host.keyHit()
    return value
  }

  /** Not an access and no 'keymiss', but counted in INFO's keyspace_hits and misses (OBJECT's lookup). */
  getWithoutNotify(key: string): RedisValue | undefined {
    const value = this.peek(key)
    if (value === undefined) this.host.keyMissed(this, key, false)
    else this.host.keyHit()
    return value
  }

  /** Neither an access nor a 'keymiss' nor counted (SCAN, WATCH, snapshots, the visualizers). */
  peek(key: string): RedisValue | undefined {
    if (this.expires.size !== 0) this.expireIfDue(key)
    return this.data.get(key)
  }

  /** The value at key, as get, if it has this type; undefined when missing; WRONGTYPE otherwise. */
  read<T extends TypeName>(key: string, type: T): ValueByType[T] | undefined {
    return ofType(this.get(key), type)
  }

  /** Like read, for a command that writes the key (no 'keymiss'). */
  readForWrite<T extends TypeName>(key: string, type: T): ValueByType[T] | undefined {
    return ofType(this.getForWrite(key), type)
  }

  /** The value at key if it has this type, else a new one from `create` stored at key. */
  readOrCreate<T extends TypeName>(key: string, type: T, create: () => ValueByType[T]): ValueByType[T] {
    const existing = this.readForWrite(key, type)
    if (existing !== undefined) return existing
    const value = create()
    this.data.set(key, value)
    this.stamps.set(key, freshStamp(this.host.now(), usesLfu(this.host.config)))
    this.host.keyCreated(this, key)
    return value
  }

  /** Stores a value. The TTL is dropped unless keepTtl (Redis's setKey semantics). */
  set(key: string, value: RedisValue, keepTtl = false): void {
    if (this.expires.size !== 0) {
      this.expireIfDue(key)
      if (!keepTtl) this.expires.delete(key)
    }
    const lfu = usesLfu(this.host.config)
    const created = !this.data.has(key)
    // A new object starts a new record, but under LFU an overwrite keeps the key's counter (dbSetValue).
    if (!lfu || created) this.stamps.set(key, freshStamp(this.host.now(), lfu))
    this.data.set(key, value)
    if (created) this.host.keyCreated(this, key)
  }

  delete(key: string): boolean {
    if (this.expires.size !== 0) {
      this.expireIfDue(key)
      this.expires.delete(key)
    }
    this.stamps.delete(key)
    return this.data.delete(key)
  }

  /** The key's access record (for OBJECT IDLETIME/FREQ), or undefined when missing. Not an access. */
  accessStamp(key: string): number | undefined {
    return this.peek(key) === undefined ? undefined : this.stamps.get(key)
  }

  /** Gives a key an access record: a value moved by RENAME or MOVE keeps its own. */
  setAccessStamp(key: string, stamp: number): void {
    if (this.data.has(key)) this.stamps.set(key, stamp)
  }

  /** Removes a collection that has become empty, as Redis never keeps empty collections. Returns true if removed. */
  deleteIfEmpty(key: string, value: Collection): boolean {
    if (value.size !== 0) return false
    this.delete(key)
    this.changed(key, 'del')
    return true
  }

  /** Absolute expiry time in ms, or undefined when the key has none (or is missing). */
  expireAt(key: string): number | undefined {
    return this.expires.get(key)
  }

  setExpireAt(key: string, at: number): void {
    this.expires.set(key, at)
  }

  /** Removes the TTL; true if there was one. */
  persist(key: string): boolean {
    return this.expires.delete(key)
  }

  /** Tells watchers, keyspace notifications, persistence and visualizers that key changed. */
  changed(key: string, event: string): void {
    this.host.keyChanged(this, key, event)
  }

  /** All live keys, in storage order. Expired keys are skipped (and removed). */
  *keys(): IterableIterator<string> {
    const now = this.host.now()
    for (const key of this.data.keys()) {
      const at = this.expires.get(key)
      if (at !== undefined && at < now) {
        this.expireNow(key)
        continue
      }
      yield key
    }
  }

  /** A random live key, or undefined when the database is empty. Not an access. */
  randomKey(random: () => number): string | undefined {
    for (let attempt = 0; attempt < 100 && this.data.size > 0; attempt++) {
      let skip = Math.floor(random() * this.data.size)
      for (const key of this.data.keys()) {
        if (skip-- === 0) {
          if (this.peek(key) !== undefined) return key
          break
        }
      }
    }
    return undefined
  }

  /** Empties the database. Returns how many keys it held. */
  flush(): number {
    const count = this.data.size
    this.data.clear()
    this.expires.clear()
    this.stamps.clear()
    this.expiryCursor = undefined
    return count
  }

  /** Exchanges all contents with another database (SWAPDB). */
  swapContents(other: Database): void {
    const data = [...this.data]
    const expires = [...this.expires]
    const stamps = [...this.stamps]
    this.data.clear()
    this.expires.clear()
    this.stamps.clear()
    for (const [k, v] of other.data) this.data.set(k, v)
    for (const [k, v] of other.expires) this.expires.set(k, v)
    for (const [k, v] of other.stamps) this.stamps.set(k, v)
    other.data.clear()
    other.expires.clear()
    other.stamps.clear()
    for (const [k, v] of data) other.data.set(k, v)
    for (const [k, v] of expires) other.expires.set(k, v)
    for (const [k, v] of stamps) other.stamps.set(k, v)
    this.expiryCursor = other.expiryCursor = undefined
  }

  /**
   * The active expiry cycle: looks at up to `budget` keys with a TTL, continuing where the
   * previous cycle stopped, and removes those that are due. Returns how many it removed.
   */
  activeExpire(budget: number): number {
    if (this.expires.size === 0) return 0
    const now = this.host.now()
    let removed = 0
    for (let seen = 0; seen < budget && seen < this.expires.size; seen++) {
      this.expiryCursor ??= this.expires.entries()
      const next = this.expiryCursor.next()
      if (next.done) {
        this.expiryCursor = undefined
        continue
      }
      const [key, at] = next.value
      if (at < now && this.expires.get(key) === at) {
        this.expireNow(key)
        removed++
      }
    }
    return removed
  }

  private expireIfDue(key: string): void {
    const at = this.expires.get(key)
    if (at !== undefined && at < this.host.now()) this.expireNow(key)
  }

  private touch(key: string): void {
    const now = this.host.now()
    const config = this.host.config
    if (!usesLfu(config)) {
      this.stamps.set(key, freshStamp(now, false))
      return
    }
    const stamp = this.stamps.get(key) ?? freshStamp(now, true)
    this.stamps.set(key, lfuAccessed(stamp, now, config, () => this.host.random()))
  }

  private expireNow(key: string): void {
    this.expires.delete(key)
    this.data.delete(key)
    this.stamps.delete(key)
    this.host.keyChanged(this, key, 'expired')
  }
}
