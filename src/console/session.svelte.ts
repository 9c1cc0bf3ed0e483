// The console's state: client tabs, each with its own engine connection and output, and the
// running of lines (redis-cli's rules: split, then HELP and CLEAR answered here, everything
// else sent to the engine). Commands of one tab are sent at once (pipelined) and shown in order.
import { COMMANDS } from '../../worker/commands/table.ts'
import { fromText, toText } from '../../worker/bytes.ts'
import { type EngineClient, type ExecResult, EngineFault, splitCommandLine } from '../lib/engine-client.ts'
import { helpText } from '../lib/redis-lang/help.ts'
import { CommandHistory, browserHistoryStore } from './history.ts'

export type EntryKind = 'reply' | 'error' | 'help' | 'note'

/** Entries kept per tab; older ones leave (and free their paged replies). */
const MAX_ENTRIES = 500
/** Lines of a paste sent per slice (each slice is one short task on the main thread). */
const PASTE_SLICE = 50
/** Lines fetched per "Show more". */
const PAGE_LINES = 1000

let nextEntryId = 1

/** One command and its output. */
export class Entry {
  readonly id = nextEntryId++
  prompt = $state('')
  pending = $state(true)
  kind = $state<EntryKind>('reply')
  text = $state('')
  /** Lines in the whole reply, and how many of them `text` holds. */
  lines = $state(0)
  shown = $state(0)
  /** Set while more lines of a paged reply can be fetched. */
  handle = $state<number | undefined>(undefined)
  loadingMore = $state(false)
  elapsed = $state<number | undefined>(undefined)
  /** A remark of the console's under the reply (the connection was closed, ...). */
  note = $state<string | undefined>(undefined)

  constructor(readonly command: string) {}
}

interface Interrupt {
  promise: Promise<'interrupted'>
  fire(): void
}

function interrupt(): Interrupt {
  let fire = () => {}
  const promise = new Promise<'interrupted'>((resolve) => (fire = () => resolve('interrupted')))
  return { promise, fire }
}

/** What a line does once split. */
type Action =
  | { type: 'invalid' }
  | { type: 'help'; args: string[] }
  | { type: 'clear' }
  | { type: 'exec'; argv: string[]; name: string }

/**
 * redis-cli prints the replies of these commands raw, not quoted (its output_raw list): INFO's
 * text reads as lines, not as "# Server\r\n...". The worker's text is the quoted form, so the
 * page prints the bulk value itself.
 */
function printsRaw(argv: readonly string[]): boolean {
  const name = argv[0].toLowerCase()
  const sub = argv[1]?.toLowerCase()
  return name === 'info' || name === 'lolwut'
    || (name === 'debug' && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction'))
    || (name === 'memory' && (sub === 'malloc-stats' || sub === 'doctor'))
    || (name === 'cluster' && argv.length === 2 && (sub === 'nodes' || sub === 'info'))
    || (name === 'client' && (sub === 'list' || sub === 'info'))
    || (name === 'latency' && ((argv.length === 3 && sub === 'graph') || (argv.length === 2 && sub === 'doctor')))
}

/**
 * redis-cli stops at "Reading messages..." after these; the console stays usable, so it says
 * instead where messages show and how to leave.
 */
const SUBSCRIBES = new Set(['subscribe', 'psubscribe', 'ssubscribe'])
const SUBSCRIBED_NOTE =
  'Subscribed: messages are shown below as they arrive. UNSUBSCRIBE (or PUNSUBSCRIBE, SUNSUBSCRIBE) or RESET ends it.'

/** The text to show for a result: redis-cli's, decoded from bytes for the screen. */
function resultText(argv: readonly string[], result: ExecResult): string {
  const reply = result.reply
  if (reply !== null && (reply.type === 'bulk' || reply.type === 'verbatim') && printsRaw(argv)) {
    return toText(reply.value).replace(/\r\n/g, '\n').replace(/\n$/, '')
  }
  return toText(result.text)
}

function parse(line: string): Action | undefined {
  const argv = splitCommandLine(line)
  if (argv === undefined) return { type: 'invalid' }
  if (argv.length === 0) return undefined
  const name = argv[0].toLowerCase()
  if (name === 'help' && !COMMANDS.has('help')) return { type: 'help', args: argv.slice(1).map(toText) }
  if (name === 'clear' && !COMMANDS.has('clear')) return { type: 'clear' }
  return { type: 'exec', argv, name }
}

/** One console tab: a connection of its own, its prompt state and its output. */
export class ClientTab {
  /** The engine's id for this tab's connection (a new one after QUIT or an interrupt). */
  clientId = $state<number | undefined>(undefined)
  db = $state(0)
  /** Inside MULTI: redis-cli tracks this itself and shows "(TX)" in the prompt. */
  inMulti = $state(false)
  entries = $state<Entry[]>([])
  /** Entries that left the log because it grew past MAX_ENTRIES. */
  dropped = $state(0)
  pending = $state(0)
  readonly prompt = $derived(`127.0.0.1:6379${this.db !== 0 ? `[${this.db}]` : ''}${this.inMulti ? '(TX)' : ''}>`)

  /** Resolves to the connection to send the next command on. */
  private connection: Promise<number>
  /** Shows results in the order the lines were run. */
  private chain: Promise<void> = Promise.resolve()
  private stop = interrupt()

  constructor(
    private readonly engine: EngineClient,
    readonly number: number,
  ) {
    this.connection = this.connect()
  }

  get label(): string {
    return `Client ${this.number}`
  }

  private connect(): Promise<number> {
    const connection = this.engine.createClient(`console-${this.number}`)
    void connection.then((id) => {
      this.clientId = id
      this.db = 0
      this.inMulti = false
    }, () => undefined)
    return connection
  }

  /** The connection's state changed in the engine (SELECT, RESET, HELLO). */
  applyState(db: number): void {
    this.db = db
  }

  /**
   * Runs one line. Shown in the log unless `silent`; resolves to the text redis-cli would print
   * (the whole text when `full`, else the first page of a large reply).
   */
  run(line: string, options: { silent?: boolean; full?: boolean } = {}): Promise<string> {
    const action = parse(line)
    if (action === undefined) return Promise.resolve('')
    const entry = options.silent ? undefined : this.addEntry(line)
    if (action.type !== 'exec') {
      return this.then(entry, () => {
        if (action.type === 'clear') {
          this.clear()
          return ''
        }
        const text = action.type === 'invalid' ? 'Invalid argument(s)' : helpText(COMMANDS, action.args)
        if (entry !== undefined) this.finish(entry, action.type === 'invalid' ? 'error' : 'help', text)
        return text
      })
    }
    // Sent now, so a pasted batch is pipelined; shown when the lines before it are done.
    const sent = this.connection.then((id) => this.engine.exec(id, action.argv, { full: options.full }))
    const stop = this.stop
    if (action.name === 'quit' || action.name === 'exit') {
      // The engine closes the connection after QUIT: later lines go to a new one.
      this.connection = sent.then(() => this.connect(), () => this.connect())
    }
    return this.then(entry, async () => {
      let outcome: ExecResult | 'interrupted'
      try {
        outcome = await Promise.race([sent, stop.promise])
      } catch (thrown) {
        const message = thrown instanceof EngineFault ? thrown.message : `The engine did not answer: ${String(thrown)}`
        if (entry !== undefined) this.finish(entry, 'error', message)
        return message
      }
      if (outcome === 'interrupted') {
        if (entry !== undefined) this.finish(entry, 'note', '(interrupted)')
        return '(interrupted)'
      }
      this.track(action.name, outcome)
      // CLIENT KILL of the tab's own connection closes it as QUIT does (QUIT reconnected when it was sent).
      if (outcome.closed && action.name !== 'quit' && action.name !== 'exit') this.connection = this.connect()
      const text = resultText(action.argv, outcome)
      if (entry !== undefined) {
        this.finish(entry, outcome.kind === 'error' ? 'error' : 'reply', text, outcome)
        if (outcome.closed) entry.note = 'The connection was closed; the next command opens a new one.'
        else if (outcome.noReply === true) entry.note = 'No reply: CLIENT REPLY is OFF, or SKIP skipped this one (CLIENT REPLY ON turns replies back on).'
        else if (SUBSCRIBES.has(action.name) && outcome.kind !== 'error') entry.note = SUBSCRIBED_NOTE
      }
      return text
    })
  }

  /** Queues a step after the lines before it; the entry's prompt is the state once they are done. */
  private then(entry: Entry | undefined, step: () => string | Promise<string>): Promise<string> {
    this.pending++
    const done = this.chain.then(() => {
      if (entry !== undefined) entry.prompt = this.prompt
      return step()
    })
    this.chain = done.then(
      () => undefined,
      () => undefined,
    )
    void this.chain.then(() => this.pending--)
    return done
  }

  /** redis-cli's own bookkeeping of MULTI (the engine does not report it). */
  private track(name: string, result: ExecResult): void {
    if (result.closed) {
      // The next command goes to a new connection, which starts in db 0.
      this.db = 0
      this.inMulti = false
      return
    }
    const ok = result.kind !== 'error'
    if (name === 'multi' && ok) this.inMulti = true
    else if (name === 'exec' || (name === 'discard' && ok) || (name === 'reset' && ok)) this.inMulti = false
  }

  /**
   * Another client's CLIENT KILL closed this tab's connection. redis-cli finds out on its next
   * command and reconnects; the console says so at once, and the next command opens a new one.
   */
  connectionKilled(): void {
    this.connection = this.connect()
    this.db = 0
    this.inMulti = false
    const entry = this.addEntry('')
    this.finish(entry, 'note', 'The connection was closed by CLIENT KILL; the next command opens a new one.')
  }

  /** An out-of-band message for this connection (pub/sub, MONITOR), shown as it arrives. */
  receive(text: string): void {
    const entry = this.addEntry('')
    this.finish(entry, 'reply', toText(text))
  }

  private addEntry(line: string): Entry {
    const entry = new Entry(line)
    entry.prompt = this.prompt
    this.entries.push(entry)
    if (this.entries.length > MAX_ENTRIES) {
      const gone = this.entries.splice(0, this.entries.length - MAX_ENTRIES)
      this.dropped += gone.length
      for (const old of gone) this.release(old)
    }
    return entry
  }

  private finish(entry: Entry, kind: EntryKind, text: string, result?: ExecResult): void {
    entry.kind = kind
    entry.text = text
    entry.lines = result?.lines ?? 0
    entry.shown = result?.more?.shownLines ?? entry.lines
    entry.handle = result?.more?.handle
    entry.elapsed = result?.elapsed
    entry.pending = false
  }

  /** Fetches the next lines of a paged reply. */
  async showMore(entry: Entry): Promise<void> {
    if (entry.handle === undefined || entry.loadingMore) return
    entry.loadingMore = true
    try {
      const page = await this.engine.page(entry.handle, entry.shown, PAGE_LINES)
      entry.text += `\n${toText(page.text)}`
      entry.shown = page.end
      if (page.end >= page.lines) this.release(entry)
    } catch (thrown) {
      entry.text += `\n${thrown instanceof Error ? thrown.message : String(thrown)}`
      entry.handle = undefined
    } finally {
      entry.loadingMore = false
    }
  }

  private release(entry: Entry): void {
    if (entry.handle === undefined) return
    void this.engine.releasePage(entry.handle).catch(() => undefined)
    entry.handle = undefined
  }

  clear(): void {
    for (const entry of this.entries) this.release(entry)
    this.entries = []
    this.dropped = 0
  }

  /**
   * Ends what this tab waits for, as Ctrl+C does in redis-cli: the connection is closed (a
   * blocked command ends with it) and a new one is opened for the next command.
   */
  interrupt(): boolean {
    if (this.pending === 0) return false
    const old = this.clientId
    this.stop.fire()
    this.stop = interrupt()
    if (old !== undefined) void this.engine.closeClient(old).catch(() => undefined)
    this.connection = this.connect()
    return true
  }

  /** Closes the tab's connection. */
  close(): void {
    this.stop.fire()
    this.clear()
    void this.connection.then((id) => this.engine.closeClient(id)).catch(() => undefined)
  }
}

/** All client tabs, the active one, and the shared history. */
export class ConsoleSession {
  tabs = $state<ClientTab[]>([])
  activeIndex = $state(0)
  readonly active = $derived(this.tabs[this.activeIndex] as ClientTab | undefined)
  readonly history = new CommandHistory(browserHistoryStore())
  private nextNumber = 1

  constructor(readonly engine: EngineClient) {
    engine.on('clientState', (state) => {
      for (const tab of this.tabs) if (tab.clientId === state.client) tab.applyState(state.db)
    })
    engine.on('clientClosed', ({ client }) => {
      for (const tab of this.tabs) if (tab.clientId === client) tab.connectionKilled()
    })
    engine.on('push', (event) => {
      for (const tab of this.tabs) if (tab.clientId === event.client) tab.receive(event.text)
    })
  }

  /** Opens a tab with a connection of its own and makes it active. */
  newClient(): ClientTab {
    const tab = new ClientTab(this.engine, this.nextNumber++)
    this.tabs.push(tab)
    this.activeIndex = this.tabs.length - 1
    return tab
  }

  closeTab(tab: ClientTab): void {
    const index = this.tabs.indexOf(tab)
    if (index < 0 || this.tabs.length === 1) return
    tab.close()
    this.tabs.splice(index, 1)
    if (this.activeIndex >= this.tabs.length) this.activeIndex = this.tabs.length - 1
    else if (this.activeIndex > index) this.activeIndex--
  }

  select(index: number): void {
    if (index >= 0 && index < this.tabs.length) this.activeIndex = index
  }

  /**
   * Runs what was typed or pasted in the active tab: each non-blank line, recorded in the history.
   * A long paste is sent in slices with a pause between them, so the page keeps painting.
   */
  async submit(text: string): Promise<void> {
    const tab = this.active
    if (tab === undefined) return
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
    this.history.add(...lines)
    for (let i = 0; i < lines.length; i++) {
      if (i > 0 && i % PASTE_SLICE === 0) await new Promise((resolve) => setTimeout(resolve, 0))
      void tab.run(lines[i])
    }
  }

  /** window.playground.exec: the whole redis-cli text of one line (or several, joined) on the active tab. */
  async exec(text: string): Promise<string> {
    const tab = this.active ?? this.newClient()
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
    const outputs = await Promise.all(lines.map((line) => tab.run(line, { silent: true, full: true })))
    return outputs.join('\n')
  }

  /** Existing key names starting with `prefix` in the active tab's database, for completion. */
  async keysStartingWith(prefix: string, limit = 50): Promise<string[]> {
    const db = this.active?.db ?? 0
    const pattern = `${escapeGlob(fromText(prefix))}*`
    const names = new Set<string>()
    let cursor = '0'
    for (let step = 0; step < 5 && names.size < limit; step++) {
      const page = await this.engine.keys(db, { cursor, count: 200, pattern })
      for (const key of page.keys) names.add(toText(key.name))
      cursor = page.cursor
      if (cursor === '0') break
    }
    return [...names].sort().slice(0, limit)
  }
}

/** A prefix as a Redis glob that matches it literally. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`)
}
