// The messages between the page and the engine's worker, both ways, as discriminated unions.
//
// Page -> worker: a Request always has an `id`; the worker answers it with exactly one Response
// carrying the same id ('reply' for exec, 'result' for everything else, 'fault' when the request
// itself failed - a Redis error is NOT a fault, it is a reply of kind 'error').
// Worker -> page: Events have no id; they report what changed (keys, client state, storage).
//
// Everything here is structured-clone data (no classes), so it crosses postMessage as is.
// Redis values are byte strings: one JS char per byte (see worker/bytes.ts for UTF-8 at the edges).
// The worker never posts a whole large value or reply: replies are paged by lines, keys are
// listed and inspected in bounded windows.
import type { Reply } from './reply.ts'

/** A Redis byte string: one JS char per byte (0..255). */
export type Bytes = string

/** The value types the key browser and visualizers know; more arrive with streams, HLL, ... */
export type KeyType = 'string' | 'list' | 'set' | 'hash' | 'zset' | 'stream'

/** A connection's state, as the console shows it in its prompt and tab. */
export interface ClientState {
  client: number
  /** Selected database (SELECT). */
  db: number
  /** Protocol version (HELLO 3 switches to RESP3, which changes how replies print). */
  resp: 2 | 3
  /** CLIENT SETNAME, '' when none. */
  name: string
}

/** The answer to an exec request. */
export interface ExecResult {
  client: number
  /** The reply as the engine produced it; null when it was too large to post (then `more` is set). */
  reply: Reply | null
  /** The reply's top-level type, always present: 'error' marks an error reply. */
  kind: Reply['type']
  /**
   * The reply as redis-cli prints it for this client's protocol (no trailing newline): the whole
   * text, or only its first page when `more` is set.
   */
  text: string
  /** How many lines the whole text has. */
  lines: number
  /** Set when `text` holds only the first lines: fetch more with a 'page' request, then release it. */
  more?: { handle: number; shownLines: number }
  /** This command closed the connection (QUIT): create a new client for further commands. */
  closed: boolean
  /** CLIENT REPLY OFF or SKIP suppressed the reply: a real connection would receive nothing. */
  noReply?: boolean
  /** Time the command took in the worker, in ms (includes waiting for the commit under appendfsync always). */
  elapsed: number
}

/** Lines [start, end) of a paged reply's text, joined with "\n". */
export interface TextPage {
  handle: number
  start: number
  end: number
  /** Total line count of the text. */
  lines: number
  text: string
}

/** One key as the key browser lists it. */
export interface KeyEntry {
  name: Bytes
  type: KeyType
  /** Remaining time to live in ms, -1 when the key has none. */
  ttl: number
}

/** One bounded step of a key listing; pass `cursor` back for the next step ('0' = finished). */
export interface KeyPage {
  cursor: string
  keys: KeyEntry[]
  /** Keys in the database (all, not only matching ones). */
  total: number
}

/** A bounded window of one key's contents (elements [start, start + count) in the type's order). */
export type KeyWindow =
  | { type: 'string'; value: Bytes }
  | { type: 'list'; elements: Bytes[] }
  | { type: 'set'; members: Bytes[] }
  | { type: 'hash'; entries: Array<[field: Bytes, value: Bytes]> }
  /** By rank, lowest score first. */
  | { type: 'zset'; entries: Array<[member: Bytes, score: number]> }
  /** Oldest first: each entry's id and its fields and values alternating. */
  | { type: 'stream'; entries: Array<[id: string, fields: Bytes[]]> }

export interface KeyInspection {
  db: number
  key: Bytes
  /** OBJECT ENCODING's answer. */
  encoding: string
  /** Remaining time to live in ms, -1 when none. */
  ttl: number
  /** Absolute expiry time (ms since the epoch), or null. */
  expireAt: number | null
  /** Elements (collections) or bytes (strings). */
  size: number
  /** Index of the window's first element (byte offset for strings). */
  start: number
  window: KeyWindow
}

export interface WorkspaceInfo {
  id: string
  name: string
  createdAt: number
  updatedAt: number
}

export interface WorkspaceList {
  /** The id of the workspace this worker has loaded. */
  current: string
  workspaces: WorkspaceInfo[]
}

/** Where the data lives: IndexedDB, or memory only (with the reason, shown to the user). */
export interface StorageState {
  mode: 'indexeddb' | 'memory'
  reason?: string
  /**
   * Set when another tab owns this workspace: this tab shows a copy of its data as it was
   * when this tab loaded it, and its changes are not saved (see worker/host.ts on Web Locks).
   */
  openElsewhere?: boolean
}

/** Everything a page needs to draw itself after connecting (events sent before it listened are lost). */
export interface Status {
  storage: StorageState
  workspace: WorkspaceInfo
  workspaces: WorkspaceInfo[]
  clients: ClientState[]
  /** Time of the last snapshot (LASTSAVE, in ms), or null when none. */
  lastSave: number | null
}

/** A workspace as a file: `text` is the versioned JSON format of worker/snapshot.ts. */
export interface WorkspaceExport {
  fileName: string
  text: string
}

/** Each request type's parameters. */
export interface RequestParams {
  /** Runs one command for a client. `full` returns the whole text however large (window.playground.exec). */
  exec: { client: number; argv: Bytes[]; full?: boolean }
  /** Opens a connection (a console tab, a lesson checker). */
  createClient: { name?: string }
  closeClient: { client: number }
  /** More lines of a paged reply. */
  page: { handle: number; start: number; count: number }
  /** Frees a paged reply's text in the worker. */
  releasePage: { handle: number }
  /**
   * A bounded step through a database's keys, SCAN-like: up to `count` keys, with `pattern` (a Redis
   * glob) and `keyType` filters; the work is bounded too, so a step may return fewer with a cursor to go on.
   */
  keys: { db: number; cursor: string; count: number; pattern?: Bytes; keyType?: KeyType }
  /** One key's metadata and a window of its contents; null when the key does not exist. */
  inspect: { db: number; key: Bytes; start?: number; count?: number }
  status: Record<string, never>
  /** Writes pending changes now (the page calls it when it is hidden or closing); resolves once committed. */
  flush: Record<string, never>
  listWorkspaces: Record<string, never>
  /** Creates an empty workspace (does not switch to it). */
  createWorkspace: { name: string }
  renameWorkspace: { workspace: string; name: string }
  /** Loads another workspace into the engine; clients stay connected. */
  switchWorkspace: { workspace: string }
  /** Deletes a workspace; deleting the current one switches to another (or a fresh one). */
  deleteWorkspace: { workspace: string }
  /** Empties every database of a workspace (the current one when omitted). */
  resetWorkspace: { workspace?: string }
  /** The workspace as a file (the current one when omitted). */
  exportWorkspace: { workspace?: string }
  /** Creates a new workspace from a file's text; an invalid file is a fault and changes nothing. */
  importWorkspace: { text: string; name?: string }
}

/** Each request type's result. */
export interface Results {
  exec: ExecResult
  createClient: ClientState
  closeClient: null
  page: TextPage
  releasePage: null
  keys: KeyPage
  inspect: KeyInspection | null
  status: Status
  flush: null
  listWorkspaces: WorkspaceList
  createWorkspace: WorkspaceInfo
  renameWorkspace: WorkspaceInfo
  switchWorkspace: WorkspaceList
  deleteWorkspace: WorkspaceList
  resetWorkspace: null
  exportWorkspace: WorkspaceExport
  importWorkspace: WorkspaceInfo
}

export type RequestType = keyof RequestParams

export type RequestOf<T extends RequestType> = { id: number; type: T } & RequestParams[T]

/** Page -> worker. */
export type Request = { [T in RequestType]: RequestOf<T> }[RequestType]

/** Worker -> page, answering a request. */
export type Response =
  | { id: number; type: 'reply'; result: ExecResult }
  | { id: number; type: 'result'; value: Results[Exclude<RequestType, 'exec'>] }
  /** The request could not be carried out (unknown client, invalid import file, ...): nothing changed. */
  | { id: number; type: 'fault'; message: string }

/** Worker -> page, unprompted. */
export type WorkerEvent =
  /**
   * Keys changed (written, deleted or expired), batched. `all` means the whole database changed
   * (FLUSHDB, SWAPDB, a workspace switch, or too many keys to list): reload what is shown.
   */
  | { type: 'changed'; db: number; keys: Bytes[]; all: boolean }
  /** An out-of-band message for a client (pub/sub, MONITOR), with its redis-cli text. */
  | { type: 'push'; client: number; reply: Reply; text: string }
  /** A client's selected db, protocol or name changed (also sent when a client is created). */
  | ({ type: 'clientState' } & ClientState)
  /** Another client's CLIENT KILL closed this client: later commands need a new one. */
  | { type: 'clientClosed'; client: number }
  | ({ type: 'storage' } & StorageState)
  /** Writes reached IndexedDB: `at` is when, `lastSave` the last snapshot (LASTSAVE), both in ms. */
  | { type: 'persisted'; at: number; lastSave: number | null }
  /** The workspace list or the current workspace changed. */
  | ({ type: 'workspaces' } & WorkspaceList)

export type WorkerEventType = WorkerEvent['type']
export type EventOf<T extends WorkerEventType> = Extract<WorkerEvent, { type: T }>

/** Everything the worker posts. Responses have an id, events do not. */
export type WorkerMessage = Response | WorkerEvent

/** What host.ts and engine-client.ts need of a Worker, a MessagePort or Node's MessagePort. */
export interface MessagePortLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  /** MessagePorts deliver nothing until started; Workers have no start. */
  start?(): void
}
