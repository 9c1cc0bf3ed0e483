// The worker's host: answers the page's requests (worker/protocol.ts) with the engine, posts
// events, runs the active expiry cycle and keeps the workspace persisted. It talks to anything
// MessagePort-like, so tests run it over a MessageChannel in Node; worker/main.ts starts it in
// the module Web Worker.
import { Client, Engine } from './engine.ts'
import type { Reply } from './reply.ts'
import { formatReply } from './format.ts'
import { globMatch } from './glob.ts'
import { toInt64 } from './args.ts'
import { ScanCursors } from './scan.ts'
import { isBlocked } from './blocking.ts'
import { isSuppressed } from './reply-mode.ts'
import { typeOf, type Database } from './keyspace.ts'
import { IndexedDbBackend, MemoryBackend, type Backend } from './persist.ts'
import { SnapshotError } from './snapshot.ts'
import { WorkspaceError, Workspaces, type LockManagerLike } from './workspaces.ts'
import type {
  ClientState, ExecResult, KeyInspection, KeyPage, KeyWindow, MessagePortLike, Request, RequestOf,
  Response, Results, Status, TextPage, WorkerEvent,
} from './protocol.ts'

export interface ServeOptions {
  /** 'memory' keeps nothing (and skips IndexedDB); 'indexeddb' falls back to memory when it is unavailable. */
  storage?: 'indexeddb' | 'memory'
  /** Names of the IndexedDB databases and Web Locks (tests use one per scenario). */
  prefix?: string
  /** Web Locks; by default navigator.locks when the platform has it. */
  locks?: LockManagerLike
  clock?: () => number
  random?: () => number
  /** Active expiry period in ms (Redis's serverCron runs it ten times a second). */
  tickInterval?: number
  /** How long changes wait before they are written (ms). */
  flushDelay?: number
  /** Log size (in elements) before it is compacted into a snapshot, at the least. */
  compactAfter?: number
  /** Lines of a large reply sent at once; more come with 'page' requests. */
  pageLines?: number
  /** Key changes are gathered this long (ms) before a 'changed' event goes out. */
  eventDelay?: number
}

/** A running host, for the worker entry and for tests. */
export interface Host {
  readonly engine: Engine
  /** Resolves once the workspace is loaded (requests sent earlier wait for it). */
  readonly ready: Promise<void>
  /** Writes what is pending, releases the workspace and stops. */
  close(): Promise<void>
  /** Stops at once without writing what is pending, like a killed tab (tests). */
  crash(): void
}

/** A reply text longer than this many chars is paged even when it has few lines. */
const MAX_TEXT = 256 * 1024
/** A line longer than this is cut in paged output (the whole text is there with `full`). */
const MAX_LINE = 64 * 1024
/** Paged texts kept for 'page' requests, in chars; the oldest go first (the newest always stays). */
const MAX_PAGED_CHARS = 64 * 1024 * 1024
/** The most elements an inspect window holds. */
const MAX_WINDOW = 1000
/** The most keys a 'changed' event lists; more make it an `all` event. */
const MAX_CHANGED_KEYS = 1000
/** Page clients' made-up peer ports start above this (like the ephemeral ports of TCP clients). */
const PAGE_CLIENT_PORTS = 50000

export function serve(port: MessagePortLike, options: ServeOptions = {}): Host {
  const host = new EngineHost(port, options)
  return host
}

interface PagedText {
  text: string
  /** Offset of each line's first char. */
  starts: number[]
}

class EngineHost implements Host {
  readonly engine: Engine
  readonly ready: Promise<void>
  private workspaces: Workspaces | undefined
  /** Requests wait here while the workspace loads or changes, so no command sees half a workspace. */
  private held: Request[] | undefined = []
  /** Each client's replies go out in the order its commands ran, even when one waits for a commit. */
  private readonly outboxes = new Map<number, Promise<void>>()
  /** A client's exec that blocked (BLPOP ...), and the exec requests that came after it and wait. */
  private readonly blockedExecs = new Map<number, { request: RequestOf<'exec'>; started: number; queue: Array<RequestOf<'exec'>> }>()
  private blockTimer: ReturnType<typeof setTimeout> | undefined
  private readonly paged = new Map<number, PagedText>()
  private nextHandle = 1
  private nextPort = 1
  private pagedChars = 0
  private readonly keyCursors = new ScanCursors()
  private readonly changedKeys = new Map<number, Set<string>>()
  private readonly changedDatabases = new Set<number>()
  private eventTimer: ReturnType<typeof setTimeout> | undefined
  private readonly ticker: ReturnType<typeof setInterval>
  private readonly pageLines: number
  private readonly listener = (event: MessageEvent) => this.receive(event.data as Request)
  private stopped = false

  constructor(
    private readonly port: MessagePortLike,
    private readonly options: ServeOptions,
  ) {
    this.engine = new Engine({ clock: options.clock, random: options.random })
    this.pageLines = options.pageLines ?? 1000
    this.engine.onKeyChange(({ db, key }) => this.keyChanged(db, key))
    this.engine.onDatabaseReplaced((emptied) => this.databaseChanged(emptied.index))
    this.engine.shutdown = (discardPending) => {
      void this.exclusive(async (all) => {
        await all.restart(discardPending)
        this.allDatabasesChanged()
      }).catch(() => undefined)
    }
    port.addEventListener('message', this.listener)
    port.start?.()
    this.ticker = setInterval(() => this.engine.tick(), options.tickInterval ?? 100)
    this.ready = this.start()
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined)
    this.stop()
    await this.workspaces?.close()
  }

  crash(): void {
    this.stop()
    this.workspaces?.crash()
  }

  private stop(): void {
    this.stopped = true
    clearInterval(this.ticker)
    clearTimeout(this.eventTimer)
    clearTimeout(this.blockTimer)
    this.port.removeEventListener('message', this.listener)
  }

  private async start(): Promise<void> {
    let backend: Backend
    let memoryReason: string | undefined
    if (this.options.storage === 'memory') {
      backend = new MemoryBackend()
      memoryReason = 'This playground keeps its data in memory only.'
    } else {
      try {
        backend = await IndexedDbBackend.open(this.options.prefix)
      } catch (thrown) {
        backend = new MemoryBackend()
        const why = thrown instanceof Error ? thrown.message : String(thrown)
        memoryReason = `Browser storage is unavailable (${why}): your data lives in memory and is lost when the page closes.`
      }
    }
    const platformLocks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks
    const start = (storage: Backend, reason: string | undefined) => Workspaces.start(this.engine, {
      backend: storage,
      memoryReason: reason,
      locks: this.options.locks ?? platformLocks,
      lockPrefix: this.options.prefix,
      flushDelay: this.options.flushDelay,
      compactAfter: this.options.compactAfter,
      events: {
        storage: (state) => this.post({ type: 'storage', ...state }),
        persisted: (at, lastSave) => this.post({ type: 'persisted', at, lastSave: lastSave ?? null }),
        workspaces: (list) => this.post({ type: 'workspaces', ...list }),
      },
    })
    try {
      this.workspaces = await start(backend, memoryReason)
    } catch (thrown) {
      // Stored data this version cannot read (or storage failing while loading): work in memory.
      backend.close()
      const why = thrown instanceof Error ? thrown.message : String(thrown)
      this.workspaces = await start(new MemoryBackend(), `Your saved workspace could not be loaded (${why}): this tab works in memory and saves nothing.`)
    }
    this.allDatabasesChanged()
    this.release()
  }

  private receive(request: Request): void {
    if (this.held !== undefined) this.held.push(request)
    else void this.handle(request)
  }

  /** Runs the requests that waited, in order, unless one of them holds the queue again. */
  private release(): void {
    const held = this.held ?? []
    this.held = undefined
    while (held.length > 0) {
      void this.handle(held.shift() as Request)
      // A held request can itself hold the queue (a workspace switch): the rest wait behind it.
      const again = this.heldRequests()
      if (again !== undefined) {
        again.push(...held)
        return
      }
    }
  }

  private heldRequests(): Request[] | undefined {
    return this.held
  }

  /** Runs a workspace change with every other request held until it is done. */
  private async exclusive<T>(action: (workspaces: Workspaces) => Promise<T>): Promise<T> {
    this.held = []
    try {
      return await action(this.workspaces as Workspaces)
    } finally {
      this.release()
    }
  }

  private async handle(request: Request): Promise<void> {
    try {
      if (request.type === 'exec') return this.exec(request)
      const value = await this.answer(request)
      this.respond({ id: request.id, type: 'result', value })
    } catch (thrown) {
      this.respond({ id: request.id, type: 'fault', message: faultMessage(thrown) })
    }
  }

  private answer(request: Exclude<Request, { type: 'exec' }>): Promise<Results[Exclude<Request['type'], 'exec'>]> | Results[Exclude<Request['type'], 'exec'>] {
    const workspaces = this.workspaces as Workspaces
    switch (request.type) {
      case 'createClient':
        return this.createClient(request.name)
      case 'closeClient':
        this.engine.closeClient(this.client(request.client))
        this.dropBlocked(request.client)
        return null
      case 'page':
        return this.page(request)
      case 'releasePage':
        this.pagedChars -= this.paged.get(request.handle)?.text.length ?? 0
        this.paged.delete(request.handle)
        return null
      case 'flush':
        return workspaces.persister?.flush().then(() => null) ?? null
      case 'keys':
        return this.keys(request)
      case 'inspect':
        return this.inspect(request)
      case 'status':
        return this.status()
      case 'listWorkspaces':
        return workspaces.list()
      case 'createWorkspace':
        return workspaces.create(request.name)
      case 'renameWorkspace':
        return workspaces.rename(request.workspace, request.name)
      case 'switchWorkspace':
        return this.exclusive(async (all) => {
          const list = await all.switchTo(request.workspace)
          this.allDatabasesChanged()
          return list
        })
      case 'deleteWorkspace':
        return this.exclusive(async (all) => {
          const before = all.current.id
          const list = await all.delete(request.workspace)
          if (list.current !== before) this.allDatabasesChanged()
          return list
        })
      case 'resetWorkspace':
        return this.exclusive(async (all) => {
          await all.reset(request.workspace)
          return null
        })
      case 'exportWorkspace':
        return workspaces.exportFile(request.workspace)
      case 'importWorkspace':
        return workspaces.importFile(request.text, request.name)
    }
  }

  private exec(request: RequestOf<'exec'>): void {
    const client = this.engine.clients.get(request.client)
    if (client === undefined) {
      this.respond({ id: request.id, type: 'fault', message: `There is no client ${request.client} (it was closed).` })
      return
    }
    const waiting = this.blockedExecs.get(client.id)
    if (waiting !== undefined) {
      waiting.queue.push(request)
      return
    }
    const started = performance.now()
    const before = stateOf(client)
    const reply = this.engine.exec(client, request.argv)
    if (isBlocked(reply)) {
      // The answer comes through client.deliver once another client's write serves it, or its time is up.
      this.blockedExecs.set(client.id, { request, started, queue: [] })
      this.scheduleBlockTimeout()
      return
    }
    this.answerExec(client, request, reply, before, started)
  }

  private answerExec(client: Client, request: RequestOf<'exec'>, reply: Reply, before: ClientState, started: number): void {
    const closed = client.closing
    if (closed) this.engine.closeClient(client)
    const persister = this.workspaces?.persister
    // appendfsync always and SAVE: the reply waits for the commit, as Redis answers after fsync.
    const commit = persister?.replyMustWait === true ? persister.flush() : undefined
    const after = stateOf(client)
    if (!closed && (after.db !== before.db || after.resp !== before.resp || after.name !== before.name)) {
      this.post({ type: 'clientState', ...after })
    }
    const previous = this.outboxes.get(client.id) ?? Promise.resolve()
    const sent = previous.then(async () => {
      if (commit !== undefined) await commit
      const result = this.result(client, reply, request.full === true, closed, performance.now() - started)
      this.respond({ id: request.id, type: 'reply', result })
    })
    this.outboxes.set(client.id, sent)
    void sent.finally(() => {
      if (this.outboxes.get(client.id) === sent) this.outboxes.delete(client.id)
    })
  }

  /** What the engine delivers outside exec: a blocked command's answer, or a push (pub/sub). */
  private delivered(client: Client, reply: Reply, kind: 'reply' | 'push'): void {
    if (kind === 'push') {
      this.post({ type: 'push', client: client.id, reply, text: formatReply(reply, client.resp) })
      return
    }
    const waiting = this.blockedExecs.get(client.id)
    if (waiting === undefined) return
    this.blockedExecs.delete(client.id)
    this.answerExec(client, waiting.request, reply, stateOf(client), waiting.started)
    // The requests that came while it waited run now, in order; one of them may block again.
    for (const request of waiting.queue) this.exec(request)
  }

  /** A closed client's waiting requests are answered with a fault. */
  private dropBlocked(id: number): void {
    const waiting = this.blockedExecs.get(id)
    if (waiting === undefined) return
    this.blockedExecs.delete(id)
    for (const request of [waiting.request, ...waiting.queue]) {
      this.respond({ id: request.id, type: 'fault', message: `There is no client ${id} (it was closed).` })
    }
  }

  /** Wakes up when the earliest blocked client's time is up (the ticker alone is coarser). */
  private scheduleBlockTimeout(): void {
    clearTimeout(this.blockTimer)
    const next = this.engine.nextTimeout()
    if (next === undefined || this.stopped) return
    this.blockTimer = setTimeout(() => {
      this.blockTimer = undefined
      this.engine.tick(0)
      this.scheduleBlockTimeout()
    }, Math.max(0, next - this.engine.now()) + 1)
  }

  /** The reply and its redis-cli text; a large text is kept here and only its first page posted. */
  private result(client: Client, reply: Reply, full: boolean, closed: boolean, elapsed: number): ExecResult {
    if (isSuppressed(reply)) return { client: client.id, reply: null, kind: 'null', text: '', lines: 0, closed, elapsed, noReply: true }
    const text = formatReply(reply, client.resp)
    const base = { client: client.id, kind: reply.type, closed, elapsed }
    if (full || (text.length <= MAX_TEXT && countLines(text, this.pageLines + 1) <= this.pageLines)) {
      return { ...base, reply, text, lines: countLines(text, Infinity) }
    }
    const paged: PagedText = { text, starts: lineStarts(text) }
    const handle = this.nextHandle++
    this.paged.set(handle, paged)
    this.pagedChars += text.length
    for (const [old, kept] of this.paged) {
      if (this.pagedChars <= MAX_PAGED_CHARS || old === handle) break
      this.paged.delete(old)
      this.pagedChars -= kept.text.length
    }
    const first = this.linesOf(paged, 0, this.pageLines)
    return { ...base, reply: null, text: first.text, lines: paged.starts.length, more: { handle, shownLines: first.end } }
  }

  private page(request: RequestOf<'page'>): TextPage {
    const paged = this.paged.get(request.handle)
    if (paged === undefined) throw new HostFault('That reply is no longer available; run the command again.')
    const start = Math.max(0, Math.min(Math.floor(request.start), paged.starts.length))
    const { text, end } = this.linesOf(paged, start, Math.max(1, Math.floor(request.count)))
    return { handle: request.handle, start, end, lines: paged.starts.length, text }
  }

  /** Up to `count` lines from `start`, at most MAX_TEXT chars (at least one line), long lines cut. */
  private linesOf(paged: PagedText, start: number, count: number): { text: string; end: number } {
    const lines: string[] = []
    let size = 0
    let end = start
    while (end < paged.starts.length && end - start < count && (size < MAX_TEXT || lines.length === 0)) {
      const from = paged.starts[end]
      const to = end + 1 < paged.starts.length ? paged.starts[end + 1] - 1 : paged.text.length
      const line = to - from > MAX_LINE ? `${paged.text.slice(from, from + MAX_LINE)}…` : paged.text.slice(from, to)
      lines.push(line)
      size += line.length + 1
      end++
    }
    return { text: lines.join('\n'), end }
  }

  private createClient(name: string | undefined): ClientState {
    // Each page client gets a port of its own, so CLIENT KILL ADDR and MONITOR tell them apart.
    const client = this.engine.createClient(`127.0.0.1:${PAGE_CLIENT_PORTS + this.nextPort++}`)
    client.deliver = (reply, kind) => this.delivered(client, reply, kind)
    client.killed = () => {
      this.dropBlocked(client.id)
      this.post({ type: 'clientClosed', client: client.id })
    }
    if (name !== undefined) client.name = name
    const state = stateOf(client)
    this.post({ type: 'clientState', ...state })
    return state
  }

  private client(id: number): Client {
    const client = this.engine.clients.get(id)
    if (client === undefined) throw new HostFault(`There is no client ${id} (it was closed).`)
    return client
  }

  private database(index: number): Database {
    const db = Number.isInteger(index) ? this.engine.databases[index] : undefined
    if (db === undefined) throw new HostFault(`There is no database ${index}.`)
    return db
  }

  /** Up to `count` matching keys; the work is bounded (at most 10 × count keys looked at). */
  private keys(request: RequestOf<'keys'>): KeyPage {
    const db = this.database(request.db)
    const count = Math.max(1, Math.min(Math.floor(request.count), MAX_WINDOW))
    const now = this.engine.now()
    const keys: KeyPage['keys'] = []
    let cursor = request.cursor
    let budget = count * 10
    do {
      const [next, names] = this.keyCursors.page(db, cursor, Math.min(count - keys.length, budget), () => db.keys())
      budget -= names.length
      cursor = next
      for (const name of names) {
        if (request.pattern !== undefined && !globMatch(request.pattern, name)) continue
        const value = db.peek(name)
        if (value === undefined) continue
        const type = typeOf(value)
        if (request.keyType !== undefined && type !== request.keyType) continue
        const expireAt = db.expireAt(name)
        keys.push({ name, type, ttl: expireAt === undefined ? -1 : Math.max(0, expireAt - now) })
      }
    } while (cursor !== '0' && keys.length < count && budget > 0)
    return { cursor, keys, total: db.size }
  }

  private inspect(request: RequestOf<'inspect'>): KeyInspection | null {
    const db = this.database(request.db)
    const value = db.peek(request.key)
    if (value === undefined) return null
    const start = Math.max(0, Math.floor(request.start ?? 0))
    const count = Math.max(0, Math.min(Math.floor(request.count ?? 200), MAX_WINDOW))
    const expireAt = db.expireAt(request.key) ?? null
    const config = this.engine.config
    let window: KeyWindow
    let encoding: string
    if (typeof value === 'string') {
      // A string's window is counted in bytes, MAX_WINDOW times larger than an element window.
      window = { type: 'string', value: value.slice(start, start + count * 64) }
      encoding = stringEncoding(value)
    } else {
      encoding = value.encoding(config)
      switch (value.kind) {
        case 'list':
          window = { type: 'list', elements: start < value.size ? value.range(start, Math.min(start + count, value.size) - 1) : [] }
          break
        case 'set':
          window = { type: 'set', members: slice(value.values(), start, count) }
          break
        case 'hash':
          window = { type: 'hash', entries: slice(value[Symbol.iterator](), start, count) }
          break
        case 'zset': {
          const entries: Array<[string, number]> = []
          for (let rank = start; rank < Math.min(start + count, value.size); rank++) {
            const entry = value.at(rank)
            if (entry !== undefined) entries.push([entry.member, entry.score])
          }
          window = { type: 'zset', entries }
          break
        }
        case 'stream':
          window = { type: 'stream', entries: value.window(start, count) }
          break
      }
    }
    return {
      db: db.index, key: request.key, encoding, size: typeof value === 'string' ? value.length : value.size,
      ttl: expireAt === null ? -1 : Math.max(0, expireAt - this.engine.now()), expireAt, start, window,
    }
  }

  private async status(): Promise<Status> {
    const workspaces = this.workspaces as Workspaces
    const list = await workspaces.list()
    return {
      storage: workspaces.storage,
      workspace: workspaces.current,
      workspaces: list.workspaces,
      clients: [...this.engine.clients.values()].map(stateOf),
      lastSave: workspaces.persister?.lastSave() ?? null,
    }
  }

  private keyChanged(db: number, key: string): void {
    if (!this.changedDatabases.has(db)) {
      let keys = this.changedKeys.get(db)
      if (keys === undefined) this.changedKeys.set(db, (keys = new Set()))
      keys.add(key)
      if (keys.size > MAX_CHANGED_KEYS) this.databaseChanged(db)
    }
    this.scheduleEvents()
  }

  private databaseChanged(db: number): void {
    this.changedDatabases.add(db)
    this.changedKeys.delete(db)
    this.scheduleEvents()
  }

  private allDatabasesChanged(): void {
    for (const db of this.engine.databases) this.databaseChanged(db.index)
  }

  private scheduleEvents(): void {
    if (this.eventTimer !== undefined || this.stopped) return
    this.eventTimer = setTimeout(() => this.postChanges(), this.options.eventDelay ?? 16)
  }

  private postChanges(): void {
    this.eventTimer = undefined
    for (const db of this.changedDatabases) this.post({ type: 'changed', db, keys: [], all: true })
    for (const [db, keys] of this.changedKeys) this.post({ type: 'changed', db, keys: [...keys], all: false })
    this.changedDatabases.clear()
    this.changedKeys.clear()
  }

  private respond(response: Response): void {
    if (!this.stopped) this.port.postMessage(response)
  }

  private post(event: WorkerEvent): void {
    if (!this.stopped) this.port.postMessage(event)
  }
}

/** A request the host refuses; its message goes to the page as a fault. */
class HostFault extends Error {}

function faultMessage(thrown: unknown): string {
  if (thrown instanceof HostFault || thrown instanceof WorkspaceError || thrown instanceof SnapshotError) return thrown.message
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return `The engine could not do that: ${message}`
}

function stateOf(client: Client): ClientState {
  return { client: client.id, db: client.db, resp: client.resp, name: client.name }
}

/** Lines in a text, counting no further than `limit`. */
function countLines(text: string, limit: number): number {
  let lines = 1
  for (let at = text.indexOf('\n'); at >= 0 && lines < limit; at = text.indexOf('\n', at + 1)) lines++
  return lines
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
  return starts
}

function slice<T>(items: Iterator<T>, start: number, count: number): T[] {
  const out: T[] = []
  let index = 0
  for (let next = items.next(); !next.done && out.length < count; next = items.next(), index++) {
    if (index >= start) out.push(next.value)
  }
  return out
}

/** OBJECT ENCODING of a string, as Redis decides it (see worker/commands/object.ts). */
function stringEncoding(value: string): string {
  if (value.length <= 20 && toInt64(value) !== undefined) return 'int'
  return value.length <= 44 ? 'embstr' : 'raw'
}
