// Persistence in IndexedDB (through idb), after Redis's own: an append-only log and a snapshot
// that compacts it.
//
// What the log holds. Each record is one flush: for every key that changed since the previous
// flush, its whole new state (the stored form of worker/snapshot.ts with its absolute expiry
// time) or its deletion; a database emptied or swapped as a whole (FLUSHDB, FLUSHALL, SWAPDB)
// is written whole. Logging results instead of commands makes replay exact by construction:
// no relative times to rewrite (EXPIRE, SET EX), no randomness to repeat (SPOP, SRANDMEMBER,
// scripts), no blocked clients or MULTI bodies to reconstruct, and nothing depends on which
// handlers flag themselves as writes - whatever the engine reports as changed is stored as it
// now is, and commands that failed changed nothing. Changes to the same key within one flush
// coalesce into one entry. The price is that a write to a key of N elements costs O(N) at the
// next flush; flushes are batched, so a key written many times is stored once per flush.
//
// Crash safety: every record is written in one IndexedDB transaction, and every record is the
// exact state of the keys it names at one moment between commands, so the snapshot plus any
// prefix of the log is a state the database really had. A tab killed mid-write loses at most
// the records not yet committed. A compaction writes the snapshot and clears the log in one
// transaction.
//
// Versions: the snapshot carries its format version; the log's shape is tied to the IndexedDB
// schema version (1). A later version that changes either raises the schema version, and this
// one then fails to open the database (VersionError) and works in memory instead of misreading.
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { Engine } from './engine.ts'
import type { Database } from './keyspace.ts'
import type { PersistenceHook } from './commands/persistence.ts'
import type { WorkspaceInfo } from './protocol.ts'
import {
  loadDatabase, loadKey, loadSnapshot, SnapshotError, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, storeDatabase, storeKey, takeSnapshot,
  type Snapshot, type StoredKey,
} from './snapshot.ts'

/** One change in a log record. */
export type LogEntry =
  /** The key's new state. */
  | [op: 'key', db: number, stored: StoredKey]
  /** The key no longer exists (deleted or expired). */
  | [op: 'del', db: number, key: string]
  /** The database's whole contents (after a flush or a swap). */
  | [op: 'db', db: number, keys: StoredKey[]]

export interface LogRecord {
  /** When it was written (ms). */
  at: number
  entries: LogEntry[]
}

/** One workspace's stored data: a snapshot and the log written since. */
export interface WorkspaceStore {
  /** Reads the snapshot and the log in one consistent read. */
  read(): Promise<{ snapshot: Snapshot | undefined; log: LogRecord[] }>
  append(record: LogRecord): Promise<void>
  /** Replaces the snapshot and empties the log, atomically. */
  compact(snapshot: Snapshot): Promise<void>
  close(): void
}

/** The list of workspaces and the stores behind them. */
export interface Backend {
  readonly mode: 'indexeddb' | 'memory'
  list(): Promise<WorkspaceInfo[]>
  put(info: WorkspaceInfo): Promise<void>
  /** Removes a workspace from the list and deletes its data. */
  remove(id: string): Promise<void>
  /** The workspace a new tab opens: the one used last. */
  lastUsed(): Promise<string | undefined>
  setLastUsed(id: string): Promise<void>
  open(id: string): Promise<WorkspaceStore>
  close(): void
}

interface CatalogSchema extends DBSchema {
  workspaces: { key: string; value: WorkspaceInfo }
  settings: { key: string; value: string }
}

interface WorkspaceSchema extends DBSchema {
  snapshot: { key: string; value: Snapshot }
  log: { key: number; value: LogRecord }
}

const SNAPSHOT_KEY = 'current'

/** Workspaces in IndexedDB: a catalog database, and one database per workspace (`prefix` names them). */
export class IndexedDbBackend implements Backend {
  readonly mode = 'indexeddb'

  private constructor(
    private readonly catalog: IDBPDatabase<CatalogSchema>,
    private readonly prefix: string,
  ) {}

  /** Opens the catalog; rejects when IndexedDB is missing or refuses (private mode in some browsers). */
  static async open(prefix = 'redis-playground'): Promise<IndexedDbBackend> {
    if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB')
    const catalog = await openDB<CatalogSchema>(prefix, 1, {
      upgrade(db) {
        db.createObjectStore('workspaces', { keyPath: 'id' })
        db.createObjectStore('settings')
      },
    })
    return new IndexedDbBackend(catalog, prefix)
  }

  list(): Promise<WorkspaceInfo[]> {
    return this.catalog.getAll('workspaces')
  }

  async put(info: WorkspaceInfo): Promise<void> {
    await this.catalog.put('workspaces', info)
  }

  async remove(id: string): Promise<void> {
    await this.catalog.delete('workspaces', id)
    await deleteDB(this.databaseName(id))
  }

  lastUsed(): Promise<string | undefined> {
    return this.catalog.get('settings', 'lastUsed')
  }

  async setLastUsed(id: string): Promise<void> {
    await this.catalog.put('settings', id, 'lastUsed')
  }

  async open(id: string): Promise<WorkspaceStore> {
    const db = await openDB<WorkspaceSchema>(this.databaseName(id), 1, {
      upgrade(db) {
        db.createObjectStore('snapshot')
        db.createObjectStore('log', { autoIncrement: true })
      },
      // Another tab deleting this workspace asks us to let go.
      blocking() {
        db.close()
      },
    })
    return new IndexedDbStore(db)
  }

  close(): void {
    this.catalog.close()
  }

  private databaseName(id: string): string {
    return `${this.prefix}-workspace-${id}`
  }
}

class IndexedDbStore implements WorkspaceStore {
  constructor(private readonly db: IDBPDatabase<WorkspaceSchema>) {}

  async read(): Promise<{ snapshot: Snapshot | undefined; log: LogRecord[] }> {
    const tx = this.db.transaction(['snapshot', 'log'], 'readonly')
    const [snapshot, log] = await Promise.all([tx.objectStore('snapshot').get(SNAPSHOT_KEY), tx.objectStore('log').getAll()])
    await tx.done
    return { snapshot, log }
  }

  async append(record: LogRecord): Promise<void> {
    const tx = this.db.transaction('log', 'readwrite')
    void tx.store.add(record)
    await tx.done
  }

  async compact(snapshot: Snapshot): Promise<void> {
    const tx = this.db.transaction(['snapshot', 'log'], 'readwrite')
    void tx.objectStore('snapshot').put(snapshot, SNAPSHOT_KEY)
    void tx.objectStore('log').clear()
    await tx.done
  }

  close(): void {
    this.db.close()
  }
}

/** Workspaces kept in memory only, for when IndexedDB is unavailable: they last as long as the worker. */
export class MemoryBackend implements Backend {
  readonly mode = 'memory'
  private readonly workspaces = new Map<string, WorkspaceInfo>()
  private readonly stores = new Map<string, MemoryStore>()
  private last: string | undefined

  async list(): Promise<WorkspaceInfo[]> {
    return [...this.workspaces.values()].map((info) => ({ ...info }))
  }

  async put(info: WorkspaceInfo): Promise<void> {
    this.workspaces.set(info.id, { ...info })
  }

  async remove(id: string): Promise<void> {
    this.workspaces.delete(id)
    this.stores.delete(id)
  }

  async lastUsed(): Promise<string | undefined> {
    return this.last
  }

  async setLastUsed(id: string): Promise<void> {
    this.last = id
  }

  async open(id: string): Promise<WorkspaceStore> {
    let store = this.stores.get(id)
    if (store === undefined) this.stores.set(id, (store = new MemoryStore()))
    return store
  }

  close(): void {}
}

class MemoryStore implements WorkspaceStore {
  private snapshot: Snapshot | undefined
  private log: LogRecord[] = []

  async read(): Promise<{ snapshot: Snapshot | undefined; log: LogRecord[] }> {
    return { snapshot: this.snapshot, log: this.log.slice() }
  }

  async append(record: LogRecord): Promise<void> {
    this.log.push(record)
  }

  async compact(snapshot: Snapshot): Promise<void> {
    this.snapshot = snapshot
    this.log = []
  }

  close(): void {}
}

/** What loading found, for INFO persistence and the compaction schedule. */
export interface LoadResult {
  /** When the snapshot was taken, or undefined when there was none. */
  lastSave: number | undefined
  keysLoaded: number
  keysExpired: number
  /** Size of the log (see weightOf), counted against the snapshot's. */
  logWeight: number
  snapshotWeight: number
}

/** Replaces the engine's data with the workspace's: the snapshot, then each log record in order. */
export async function loadWorkspace(engine: Engine, store: WorkspaceStore): Promise<LoadResult> {
  const { snapshot, log } = await store.read()
  if (snapshot !== undefined && (snapshot.format !== SNAPSHOT_FORMAT || snapshot.version > SNAPSHOT_VERSION)) {
    throw new SnapshotError('it was saved by a newer version of the playground')
  }
  return applyStored(engine, snapshot, log)
}

/** Loads a snapshot and a log into the engine (synchronously, so no command runs in between). */
export function applyStored(engine: Engine, snapshot: Snapshot | undefined, log: LogRecord[]): LoadResult {
  let snapshotWeight = 0
  // Without a snapshot the workspace has no function libraries either: none stay from the last one.
  loadSnapshot(engine, snapshot ?? emptySnapshot(engine.now()))
  if (snapshot !== undefined) {
    for (const stored of snapshot.databases) for (const key of stored.keys) snapshotWeight += weightOf(key)
  }
  let logWeight = 0
  for (const record of log) {
    for (const entry of record.entries) {
      const db = engine.databases[entry[1]]
      switch (entry[0]) {
        case 'key':
          loadKey(engine, db, entry[2])
          break
        case 'del':
          db.delete(entry[2])
          break
        case 'db':
          loadDatabase(engine, db, entry[2])
          break
      }
      logWeight += entryWeight(entry)
    }
  }
  let keysLoaded = 0
  for (const db of engine.databases) keysLoaded += db.size
  return { lastSave: snapshot?.savedAt, keysLoaded, keysExpired: expiredKeys(snapshot, engine.now()), logWeight, snapshotWeight }
}

/** How many of the snapshot's keys had expired by the time it was loaded. */
function expiredKeys(snapshot: Snapshot | undefined, now: number): number {
  let expired = 0
  for (const stored of snapshot?.databases ?? []) {
    for (const key of stored.keys) if (key[3] !== undefined && key[3] < now) expired++
  }
  return expired
}

/** A stored key's size in elements: what writing it costs, roughly. */
function weightOf(stored: StoredKey): number {
  if (stored[0] === 'string') return 1
  return 1 + (stored[0] === 'stream' ? stored[2].entries.length : stored[2].length)
}

function entryWeight(entry: LogEntry): number {
  switch (entry[0]) {
    case 'key':
      return weightOf(entry[2])
    case 'del':
      return 1
    case 'db': {
      let weight = 1
      for (const key of entry[2]) weight += weightOf(key)
      return weight
    }
  }
}

/** The snapshot a reset leaves: every database empty. */
export function emptySnapshot(savedAt: number): Snapshot {
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, savedAt, databases: [] }
}

export interface PersisterOptions {
  /** How long changes wait before they are written (appendfsync everysec batches them). */
  flushDelay?: number
  /** The log is compacted once it outweighs the snapshot and holds at least this many elements. */
  compactAfter?: number
  /** Writes were committed at `at`; `lastSave` is the last snapshot's time. */
  onPersisted?(at: number, lastSave: number | undefined): void
  /** A write failed (quota exceeded, storage gone): the data stays in memory, nothing more is written. */
  onFailure?(reason: string): void
}

/**
 * Follows the engine's changes and writes them to a workspace store. It is also the engine's
 * persistence hook (SAVE, BGSAVE, BGREWRITEAOF, LASTSAVE, INFO persistence).
 */
export class Persister implements PersistenceHook {
  /** Keys changed since the last flush, per database index. */
  private readonly dirtyKeys = new Map<number, Set<string>>()
  /** Databases replaced as a whole since the last flush. */
  private readonly dirtyDatabases = new Set<number>()
  private changesSinceSave = 0
  private snapshotRequested = false
  /** Function libraries changed: they are stored with the snapshot only, so the next flush writes one. */
  private functionsDirty = false
  private timer: ReturnType<typeof setTimeout> | undefined
  /** The chain of writes: IndexedDB runs them in order anyway; this lets flush() wait for all. */
  private writing: Promise<void> = Promise.resolve()
  private failed = false
  private saved: number | undefined
  private saves = 0
  private rewrites = 0
  private logWeight: number
  private snapshotWeight: number
  private readonly unsubscribe: Array<() => void> = []
  private readonly flushDelay: number
  private readonly compactAfter: number

  constructor(
    private readonly engine: Engine,
    private readonly store: WorkspaceStore,
    private readonly loaded: LoadResult,
    private readonly options: PersisterOptions = {},
  ) {
    this.saved = loaded.lastSave
    this.logWeight = loaded.logWeight
    this.snapshotWeight = loaded.snapshotWeight
    this.flushDelay = options.flushDelay ?? 200
    this.compactAfter = options.compactAfter ?? 10_000
    this.unsubscribe.push(
      engine.onKeyChange(({ db, key }) => this.keyChanged(db, key)),
      engine.onDatabaseReplaced((emptied) => this.databaseReplaced(emptied)),
    )
    engine.persistence = this
  }

  /** Stops following the engine. Pending changes are dropped: call flush() first to keep them. */
  detach(): void {
    for (const stop of this.unsubscribe) stop()
    this.unsubscribe.length = 0
    if (this.engine.persistence === this) this.engine.persistence = undefined
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /** True when a reply must wait for the commit: SAVE was called, or appendfsync always with changes. */
  get replyMustWait(): boolean {
    if (this.failed) return false
    return this.snapshotRequested || (this.hasChanges && this.engine.config.get('appendfsync') === 'always')
  }

  /** Changes are waiting for the next flush. */
  get hasChanges(): boolean {
    return this.dirtyKeys.size > 0 || this.dirtyDatabases.size > 0
  }

  /** Writes what changed (or the requested snapshot) now; resolves once everything so far is committed. */
  flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.failed) return Promise.resolve()
    // A long script is running in slices: its writes so far are not a state between commands.
    if (this.engine.busyScript !== undefined) {
      this.schedule(this.flushDelay)
      return this.writing
    }
    if (this.snapshotRequested || this.functionsDirty || this.logWeight >= Math.max(this.compactAfter, this.snapshotWeight)) {
      this.writeSnapshot()
    } else if (this.hasChanges) {
      this.writeRecord()
    }
    return this.writing
  }

  save(): void {
    this.snapshotRequested = true
  }

  functionsChanged(): void {
    this.changesSinceSave++
    this.functionsDirty = true
    this.schedule(this.flushDelay)
  }

  backgroundSave(): void {
    this.snapshotRequested = true
    this.schedule(0)
  }

  rewriteLog(): void {
    this.snapshotRequested = true
    this.schedule(0)
  }

  lastSave(): number {
    return this.saved ?? this.engine.startedAt
  }

  info(): ReadonlyMap<string, string | number> {
    return new Map<string, string | number>([
      ['rdb_changes_since_last_save', this.changesSinceSave],
      ['rdb_last_save_time', Math.floor(this.lastSave() / 1000)],
      ['rdb_saves', this.saves],
      ['rdb_last_bgsave_status', this.failed ? 'err' : 'ok'],
      ['rdb_last_load_keys_expired', this.loaded.keysExpired],
      ['rdb_last_load_keys_loaded', this.loaded.keysLoaded],
      ['aof_enabled', 1],
      ['aof_rewrites', this.rewrites],
      ['aof_last_write_status', this.failed ? 'err' : 'ok'],
    ])
  }

  private keyChanged(db: number, key: string): void {
    this.changesSinceSave++
    if (this.dirtyDatabases.has(db)) return
    let keys = this.dirtyKeys.get(db)
    if (keys === undefined) this.dirtyKeys.set(db, (keys = new Set()))
    keys.add(key)
    this.schedule(this.flushDelay)
  }

  private databaseReplaced(emptied: Database): void {
    this.changesSinceSave += emptied.size
    this.dirtyDatabases.add(emptied.index)
    this.dirtyKeys.delete(emptied.index)
    this.schedule(this.flushDelay)
  }

  private schedule(delay: number): void {
    if (this.failed || this.unsubscribe.length === 0) return
    if (this.timer !== undefined && delay > 0) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), delay)
  }

  /** The changed keys' states as they are now, as one record. */
  private writeRecord(): void {
    const entries: LogEntry[] = []
    for (const index of this.dirtyDatabases) entries.push(['db', index, storeDatabase(this.engine.databases[index])])
    for (const [index, keys] of this.dirtyKeys) {
      const db = this.engine.databases[index]
      for (const key of keys) {
        const stored = storeKey(db, key)
        entries.push(stored === undefined ? ['del', index, key] : ['key', index, stored])
      }
    }
    this.dirtyDatabases.clear()
    this.dirtyKeys.clear()
    for (const entry of entries) this.logWeight += entryWeight(entry)
    const record: LogRecord = { at: this.engine.now(), entries }
    this.enqueue(() => this.store.append(record), () => undefined)
  }

  /** Everything as it is now, replacing the snapshot and the log. */
  private writeSnapshot(): void {
    const snapshot = takeSnapshot(this.engine)
    this.dirtyDatabases.clear()
    this.dirtyKeys.clear()
    this.snapshotRequested = false
    this.functionsDirty = false
    this.logWeight = 0
    this.snapshotWeight = 0
    for (const db of snapshot.databases) for (const key of db.keys) this.snapshotWeight += weightOf(key)
    const changes = this.changesSinceSave
    this.enqueue(() => this.store.compact(snapshot), () => {
      this.saved = snapshot.savedAt
      this.saves++
      this.rewrites++
      this.changesSinceSave = Math.max(0, this.changesSinceSave - changes)
    })
  }

  private enqueue(write: () => Promise<void>, committed: () => void): void {
    this.writing = this.writing.then(async () => {
      if (this.failed) return
      try {
        await write()
      } catch (thrown) {
        this.failed = true
        this.options.onFailure?.(storageFailure(thrown))
        return
      }
      committed()
      this.options.onPersisted?.(this.engine.now(), this.saved)
    })
  }
}

/** A write error as the user should read it. */
function storageFailure(thrown: unknown): string {
  const name = thrown instanceof Error || thrown instanceof DOMException ? thrown.name : ''
  if (name === 'QuotaExceededError') return 'Browser storage is full: changes are kept in memory only from now on.'
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return `Saving to browser storage failed (${message}): changes are kept in memory only from now on.`
}
