// Named workspaces: which one the engine holds, who may write it, and the operations on them
// (create, rename, switch, delete, reset, export, import).
//
// Two tabs, one workspace: where the browser has SharedWorker, all tabs share one engine
// (worker/port-hub.ts) and so one holder of the lock. Without it, each tab has its own worker,
// and a tab's worker writes a workspace only while it holds the Web Lock
// named after it (navigator.locks, exclusive). The first tab gets it and keeps it until it
// switches away or closes. A second tab that opens the same workspace cannot get the lock: it
// loads a copy of the stored data and runs in memory, and says so ('storage' event with
// openElsewhere). Its changes are never written, so it cannot corrupt the workspace or undo the
// owner's writes. Deleting or resetting a workspace another tab holds is refused.
// Without Web Locks (Node tests, very old browsers) every tab owns what it opens.
import { Engine } from './engine.ts'
import type { StorageState, WorkspaceExport, WorkspaceInfo, WorkspaceList } from './protocol.ts'
import {
  emptySnapshot, loadWorkspace, MemoryBackend, Persister, type Backend, type WorkspaceStore,
} from './persist.ts'
import { snapshotFromText, snapshotToText, takeSnapshot } from './snapshot.ts'

/** The part of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>
}

export interface WorkspaceEvents {
  storage(state: StorageState): void
  persisted(at: number, lastSave: number | undefined): void
  workspaces(list: WorkspaceList): void
}

export interface WorkspacesOptions {
  backend: Backend
  /** Why the backend is memory, when IndexedDB could not be opened. */
  memoryReason?: string
  locks?: LockManagerLike
  /** Prefix of the lock names (tests use one per scenario). */
  lockPrefix?: string
  events: WorkspaceEvents
  flushDelay?: number
  compactAfter?: number
}

/** A request that cannot be carried out; the message is for the user, and nothing changed. */
export class WorkspaceError extends Error {
  override name = 'WorkspaceError'
}

const DEFAULT_NAME = 'Default'
/** How often a workspace's "updated" time is written while it is being changed. */
const TOUCH_INTERVAL = 60_000

export class Workspaces {
  current!: WorkspaceInfo
  storage!: StorageState
  /** Writes the current workspace; undefined when this tab does not own it. */
  persister: Persister | undefined
  private store: WorkspaceStore | undefined
  private releaseLock: (() => void) | undefined
  private touched = 0

  private constructor(
    private readonly engine: Engine,
    private readonly options: WorkspacesOptions,
  ) {}

  /** Opens the workspace used last (or a new one) and loads it into the engine. */
  static async start(engine: Engine, options: WorkspacesOptions): Promise<Workspaces> {
    const workspaces = new Workspaces(engine, options)
    const all = await options.backend.list()
    const last = await options.backend.lastUsed()
    const info = all.find((workspace) => workspace.id === last) ?? all[0] ?? (await workspaces.create(DEFAULT_NAME))
    await workspaces.open(info)
    return workspaces
  }

  async list(): Promise<WorkspaceList> {
    const workspaces = await this.options.backend.list()
    workspaces.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name))
    return { current: this.current.id, workspaces }
  }

  async create(name: string): Promise<WorkspaceInfo> {
    const now = this.engine.now()
    const info: WorkspaceInfo = { id: newId(now), name: checkName(name), createdAt: now, updatedAt: now }
    await this.options.backend.put(info)
    if (this.current !== undefined) await this.announce()
    return info
  }

  async rename(id: string, name: string): Promise<WorkspaceInfo> {
    const info = { ...(await this.find(id)), name: checkName(name), updatedAt: this.engine.now() }
    await this.options.backend.put(info)
    if (id === this.current.id) this.current = info
    await this.announce()
    return info
  }

  /** Stores the current workspace and loads another. The engine's clients stay connected. */
  async switchTo(id: string): Promise<WorkspaceList> {
    const info = await this.find(id)
    await this.leave()
    await this.open(info)
    return this.list()
  }

  /**
   * SHUTDOWN: the engine starts again from what is stored, as a restarted Redis loads its files.
   * `discardPending` (a script was stopped in the middle) drops what is not stored yet.
   */
  async restart(discardPending: boolean): Promise<void> {
    if (discardPending) {
      this.persister?.detach()
      this.persister = undefined
    }
    await this.leave()
    await this.open(this.current)
  }

  /** Deletes a workspace. Deleting the current one first switches to another, or to a new empty one. */
  async delete(id: string): Promise<WorkspaceList> {
    const info = await this.find(id)
    this.refuseIfElsewhere(info)
    if (id === this.current.id) {
      const others = (await this.list()).workspaces.filter((workspace) => workspace.id !== id)
      const next = others[0] ?? (await this.create(DEFAULT_NAME))
      await this.leave()
      await this.open(next)
    }
    await this.whileOwning(info, () => this.options.backend.remove(id))
    await this.announce()
    return this.list()
  }

  /** Empties every database of a workspace, as FLUSHALL followed by SAVE. */
  async reset(id = this.current.id): Promise<void> {
    const info = await this.find(id)
    this.refuseIfElsewhere(info)
    if (id === this.current.id) {
      for (const db of this.engine.databases) {
        this.engine.databaseReplaced(db)
        db.flush()
      }
      if (this.persister !== undefined) {
        this.persister.save()
        await this.persister.flush()
      }
    } else {
      await this.whileOwning(info, async () => {
        const store = await this.options.backend.open(id)
        try {
          await store.compact(emptySnapshot(this.engine.now()))
        } finally {
          store.close()
        }
      })
    }
    await this.options.backend.put({ ...info, updatedAt: this.engine.now() })
  }

  /** A workspace as a file (the versioned JSON of worker/snapshot.ts). */
  async exportFile(id = this.current.id): Promise<WorkspaceExport> {
    const info = await this.find(id)
    let text: string
    if (id === this.current.id) {
      text = snapshotToText(takeSnapshot(this.engine, info.name))
    } else {
      // Another workspace is read into an engine of its own; the running one is not touched.
      const reader = new Engine({ clock: this.engine.clock })
      const store = await this.options.backend.open(id)
      try {
        await loadWorkspace(reader, store)
      } finally {
        store.close()
      }
      text = snapshotToText(takeSnapshot(reader, info.name))
    }
    return { fileName: `${fileSafe(info.name)}.redis-playground.json`, text }
  }

  /** A new workspace from a file; an invalid or foreign file throws SnapshotError and creates nothing. */
  async importFile(text: string, name?: string): Promise<WorkspaceInfo> {
    const snapshot = snapshotFromText(text)
    const info = await this.create(name ?? snapshot.name ?? 'Imported')
    try {
      const store = await this.options.backend.open(info.id)
      try {
        await store.compact(snapshot)
      } finally {
        store.close()
      }
    } catch (thrown) {
      await this.options.backend.remove(info.id)
      throw thrown
    }
    await this.announce()
    return info
  }

  /** Writes what is pending and lets go of the workspace (the tab is closing). */
  async close(): Promise<void> {
    await this.leave()
    this.options.backend.close()
  }

  /** Stops at once without writing what is pending, as a killed tab does (for tests). */
  crash(): void {
    this.persister?.detach()
    this.persister = undefined
    this.store?.close()
    this.store = undefined
    this.releaseLock?.()
    this.releaseLock = undefined
    this.options.backend.close()
  }

  private async open(info: WorkspaceInfo): Promise<void> {
    const { backend, events } = this.options
    this.current = info
    let release: (() => void) | undefined
    let store: WorkspaceStore | undefined
    try {
      release = await this.lock(info.id)
      store = await backend.open(info.id)
      const loaded = await loadWorkspace(this.engine, store)
      await backend.setLastUsed(info.id)
      if (release === undefined) {
        store.close()
        this.storage = {
          mode: 'memory',
          openElsewhere: true,
          reason: `The workspace "${info.name}" is open in another tab. This tab shows a copy of it; changes made here are not saved.`,
        }
      } else {
        this.releaseLock = release
        this.store = store
        this.persister = new Persister(this.engine, store, loaded, {
          flushDelay: this.options.flushDelay,
          compactAfter: this.options.compactAfter,
          onPersisted: (at, lastSave) => this.persisted(at, lastSave),
          onFailure: (reason) => this.failed(reason),
        })
        this.storage = backend.mode === 'indexeddb'
          ? { mode: 'indexeddb' }
          : { mode: 'memory', reason: this.options.memoryReason ?? 'Browser storage is unavailable: nothing is saved.' }
      }
    } catch (thrown) {
      // Nothing of this workspace is written from here on; the engine keeps what it holds.
      store?.close()
      release?.()
      const why = thrown instanceof Error ? thrown.message : String(thrown)
      this.failed(`The workspace "${info.name}" could not be loaded (${why}); changes are kept in memory only.`)
      throw thrown
    }
    events.storage(this.storage)
    await this.announce()
  }

  /** Writes what is pending, then closes the current workspace's store and gives up its lock. */
  private async leave(): Promise<void> {
    if (this.persister !== undefined) {
      await this.persister.flush()
      this.persister.detach()
      this.persister = undefined
    }
    this.store?.close()
    this.store = undefined
    this.releaseLock?.()
    this.releaseLock = undefined
  }

  private persisted(at: number, lastSave: number | undefined): void {
    this.options.events.persisted(at, lastSave)
    if (at - this.touched < TOUCH_INTERVAL) return
    this.touched = at
    this.current = { ...this.current, updatedAt: at }
    void this.options.backend.put(this.current).catch(() => undefined)
  }

  private failed(reason: string): void {
    this.storage = { mode: 'memory', reason }
    this.options.events.storage(this.storage)
  }

  /** This tab shows a copy of the current workspace: it may not delete or reset what another tab owns. */
  private refuseIfElsewhere(info: WorkspaceInfo): void {
    if (info.id === this.current.id && this.storage.openElsewhere === true) throw elsewhere(info)
  }

  /** Runs `action` while holding another workspace's lock; refuses when another tab has it open. */
  private async whileOwning(info: WorkspaceInfo, action: () => Promise<void>): Promise<void> {
    const release = await this.lock(info.id)
    if (release === undefined) throw elsewhere(info)
    try {
      await action()
    } finally {
      release()
    }
  }

  /** Takes a workspace's lock if no other tab holds it: returns its release, or undefined. */
  private lock(id: string): Promise<(() => void) | undefined> {
    const locks = this.options.locks
    if (locks === undefined || this.options.backend instanceof MemoryBackend) return Promise.resolve(() => undefined)
    const name = `${this.options.lockPrefix ?? 'redis-playground'}:workspace:${id}`
    return new Promise((resolve, reject) => {
      locks.request(name, { ifAvailable: true }, (lock) => {
        if (lock === null) {
          resolve(undefined)
          return
        }
        // The lock is held until the promise the callback returns settles.
        return new Promise<void>((release) => resolve(release))
      }).catch(reject)
    })
  }

  private async find(id: string): Promise<WorkspaceInfo> {
    const info = (await this.options.backend.list()).find((workspace) => workspace.id === id)
    if (info === undefined) throw new WorkspaceError(`There is no workspace with id "${id}".`)
    return info
  }

  private async announce(): Promise<void> {
    this.options.events.workspaces(await this.list())
  }
}

function elsewhere(info: WorkspaceInfo): WorkspaceError {
  return new WorkspaceError(`The workspace "${info.name}" is open in another tab.`)
}

function checkName(name: string): string {
  const trimmed = name.trim()
  if (trimmed === '') throw new WorkspaceError('A workspace needs a name.')
  if (trimmed.length > 100) throw new WorkspaceError('A workspace name can have at most 100 characters.')
  return trimmed
}

/** Unique enough for one person's workspaces; crypto.randomUUID needs a secure context. */
function newId(now: number): string {
  return `${now.toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`
}

function fileSafe(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'workspace'
}
