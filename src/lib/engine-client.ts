// The page's typed client for the engine's worker: each request gets an id and a promise that
// the worker's response settles; events go to the handlers registered with on().
//
//   const engine = startEngineWorker()
//   const client = await engine.createClient()
//   const result = await engine.exec(client, ['SET', 'k', 'v'])   // result.text === 'OK'
//   engine.on('changed', ({ db, keys, all }) => ...)
//
// Requests sent before the worker has loaded the workspace wait in the worker, so the page may
// send right away. Messages are those of worker/protocol.ts.
import type {
  Bytes, ClientState, EventOf, ExecResult, KeyInspection, KeyPage, KeyType, MessagePortLike, RequestParams,
  RequestType, Response, Results, Status, TextPage, WorkerEvent, WorkerEventType, WorkspaceExport,
  WorkspaceInfo, WorkspaceList,
} from '../../worker/protocol.ts'
import { splitArgs } from '../../worker/split-args.ts'
import { fromText } from '../../worker/bytes.ts'
import { GOODBYE } from '../../worker/port-hub.ts'

export type {
  Bytes, ClientState, ExecResult, KeyEntry, KeyInspection, KeyPage, KeyType, KeyWindow, StorageState, Status, TextPage,
  WorkerEvent, WorkspaceExport, WorkspaceInfo, WorkspaceList,
} from '../../worker/protocol.ts'

/** A request the worker refused (unknown client, invalid import file, ...). Redis errors are replies, not faults. */
export class EngineFault extends Error {
  override name = 'EngineFault'
}

/**
 * Starts the engine and returns its client. Where the browser has SharedWorker, every tab of the
 * playground talks to one engine (worker/shared-main.ts), so two tabs are two sets of clients of
 * the same server and never write the workspace behind each other's back. Elsewhere each tab
 * has a module Web Worker of its own (worker/main.ts), and the workspace's Web Lock keeps a
 * second tab from writing it.
 */
export function startEngineWorker(): EngineClient {
  if (typeof SharedWorker === 'function') {
    const shared = new SharedWorker(new URL('../../worker/shared-main.ts', import.meta.url), { type: 'module', name: 'redis-engine' })
    // The engine closes this tab's clients when it goes, as a server does when a connection drops.
    window.addEventListener('pagehide', () => shared.port.postMessage({ type: GOODBYE }))
    return new EngineClient(shared.port)
  }
  const worker = new Worker(new URL('../../worker/main.ts', import.meta.url), { type: 'module', name: 'redis-engine' })
  return new EngineClient(worker)
}

/**
 * A typed line as redis-cli splits it: UTF-8 encoded to bytes, then quotes and escapes applied.
 * Undefined for unbalanced quotes (redis-cli prints "Invalid argument(s)"); [] for a blank line.
 */
export function splitCommandLine(line: string): Bytes[] | undefined {
  return splitArgs(fromText(line))
}

interface Pending {
  resolve(value: unknown): void
  reject(error: Error): void
}

export class EngineClient {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly handlers = new Map<WorkerEventType, Set<(event: WorkerEvent) => void>>()
  private readonly listener = (event: MessageEvent) => this.receive(event.data as Response | WorkerEvent)

  constructor(private readonly port: MessagePortLike) {
    port.addEventListener('message', this.listener)
    port.start?.()
  }

  /** Any request by type; the methods below are shorthands. */
  request<T extends RequestType>(type: T, params: RequestParams[T]): Promise<Results[T]> {
    const id = this.nextId++
    return new Promise<Results[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.port.postMessage({ ...params, id, type })
    })
  }

  /**
   * Runs a command (argv of byte strings) for a client. A large reply comes back paged:
   * `result.more` is then set (see page()); `full: true` asks for the whole text instead.
   */
  exec(client: number, argv: Bytes[], options: { full?: boolean } = {}): Promise<ExecResult> {
    return this.request('exec', { client, argv, full: options.full })
  }

  /** Opens a connection of its own (own SELECT, MULTI, subscriptions); returns its id. */
  async createClient(name?: string): Promise<number> {
    return (await this.request('createClient', { name })).client
  }

  async closeClient(client: number): Promise<void> {
    await this.request('closeClient', { client })
  }

  /** Lines [start, start + count) of a paged reply. */
  page(handle: number, start: number, count: number): Promise<TextPage> {
    return this.request('page', { handle, start, count })
  }

  /** Frees a paged reply in the worker once the console no longer needs more of it. */
  async releasePage(handle: number): Promise<void> {
    await this.request('releasePage', { handle })
  }

  /** One bounded step through a database's keys (start with cursor '0'; '0' back means done). */
  keys(db: number, options: { cursor?: string; count?: number; pattern?: Bytes; keyType?: KeyType } = {}): Promise<KeyPage> {
    return this.request('keys', {
      db, cursor: options.cursor ?? '0', count: options.count ?? 100, pattern: options.pattern, keyType: options.keyType,
    })
  }

  /** A key's type, TTL, size and a window of its elements (by index / rank); null when missing. */
  inspect(db: number, key: Bytes, options: { start?: number; count?: number } = {}): Promise<KeyInspection | null> {
    return this.request('inspect', { db, key, start: options.start, count: options.count })
  }

  status(): Promise<Status> {
    return this.request('status', {})
  }

  /** Writes pending changes now, e.g. on 'visibilitychange' to hidden, so closing the tab loses nothing. */
  async flush(): Promise<void> {
    await this.request('flush', {})
  }

  listWorkspaces(): Promise<WorkspaceList> {
    return this.request('listWorkspaces', {})
  }

  createWorkspace(name: string): Promise<WorkspaceInfo> {
    return this.request('createWorkspace', { name })
  }

  renameWorkspace(workspace: string, name: string): Promise<WorkspaceInfo> {
    return this.request('renameWorkspace', { workspace, name })
  }

  switchWorkspace(workspace: string): Promise<WorkspaceList> {
    return this.request('switchWorkspace', { workspace })
  }

  deleteWorkspace(workspace: string): Promise<WorkspaceList> {
    return this.request('deleteWorkspace', { workspace })
  }

  async resetWorkspace(workspace?: string): Promise<void> {
    await this.request('resetWorkspace', { workspace })
  }

  /** The workspace as a file: save `text` under `fileName`. */
  exportWorkspace(workspace?: string): Promise<WorkspaceExport> {
    return this.request('exportWorkspace', { workspace })
  }

  /** A new workspace from an exported file's text; rejects with an EngineFault saying what is wrong. */
  importWorkspace(text: string, name?: string): Promise<WorkspaceInfo> {
    return this.request('importWorkspace', { text, name })
  }

  /** Listens to one kind of event; returns a function that stops listening. */
  on<T extends WorkerEventType>(type: T, handler: (event: EventOf<T>) => void): () => void {
    let set = this.handlers.get(type)
    if (set === undefined) this.handlers.set(type, (set = new Set()))
    const wrapped = handler as (event: WorkerEvent) => void
    set.add(wrapped)
    return () => set.delete(wrapped)
  }

  /** Stops listening to the port and fails the requests still waiting. Terminates a Worker. */
  close(): void {
    this.port.removeEventListener('message', this.listener)
    for (const pending of this.pending.values()) pending.reject(new EngineFault('The engine client was closed'))
    this.pending.clear()
    if (typeof Worker !== 'undefined' && this.port instanceof Worker) this.port.terminate()
  }

  private receive(message: Response | WorkerEvent): void {
    if ('id' in message) {
      const pending = this.pending.get(message.id)
      if (pending === undefined) return
      this.pending.delete(message.id)
      if (message.type === 'fault') pending.reject(new EngineFault(message.message))
      else pending.resolve(message.type === 'reply' ? message.result : message.value)
      return
    }
    const set = this.handlers.get(message.type)
    if (set !== undefined) for (const handler of set) handler(message)
  }
}
