// The engine: databases, clients, the clock and random source, and the dispatcher that
// checks a command against the table, runs its handler and turns errors into replies.
import { Database, type DatabaseHost } from './keyspace.ts'
import { MONITOR_TOUCHES_KEYSPACE, ReplyError, unknownCommand, unknownSubcommand, wrongArity } from './errors.ts'
import { error, type Reply } from './reply.ts'
import { COMMANDS } from './commands/table.ts'
import { HANDLERS } from './commands/handlers.ts'
import type { CommandSpec } from './commands/spec.ts'
import { defaultConfig } from './config.ts'
import { ScanCursors } from './scan.ts'
import type { PersistenceHook } from './commands/persistence.ts'
import { Blocking, isBlocked, type BlockedState } from './blocking.ts'
import { queueInTransaction, refusedInTransaction, Watches, type MultiState } from './commands/transactions.ts'
import { PubSub, refusedWhileSubscribed } from './pubsub.ts'
import { defaultScheduler, type Scheduler } from './schedule.ts'
import { KeyspaceNotifications } from './notifications.ts'
import { ReplyMode } from './reply-mode.ts'
import { Pause, keyspaceAccess } from './pause.ts'
import { Monitors } from './monitor.ts'

export const DATABASES = 16

/** One connection: a console tab, a lesson checker or a TCP connection. */
export class Client {
  name = ''
  db = 0
  resp: 2 | 3 = 2
  lastInteraction: number
  lastCommand = 'NULL'
  /** Set by QUIT (and CLIENT KILL): the transport closes the connection after the reply. */
  closing = false
  /** Set by the transport: answers to a blocked command ('reply') and unsolicited messages ('push'). See blocking.ts. */
  deliver?: (reply: Reply, kind: 'reply' | 'push') => void
  /** What the client waits for while a blocking command holds it (blocking.ts). */
  blocked?: BlockedState
  /** Inside EXEC or a script blocking commands answer as if their timeout ended at once. */
  denyBlocking = false
  /** Set while EXEC runs a transaction it may answer later: a long script in it goes on in slices. */
  execCanWait = false
  /** The commands queued since MULTI (commands/transactions.ts). */
  multi?: MultiState
  /** CLIENT REPLY ON|OFF|SKIP (reply-mode.ts). */
  readonly replyMode = new ReplyMode()
  /** CLIENT NO-EVICT ON: nothing to evict in the playground, only shown as flag 'e'. */
  noEvict = false
  /** Set by the transport: another client's CLIENT KILL closed this one; the transport drops the connection. */
  killed?: () => void
  constructor(
    readonly id: number,
    readonly createdAt: number,
    /** Peer and local address as CLIENT LIST shows them ('ip:port'). */
    readonly addr: string,
    readonly laddr: string,
  ) {
    this.lastInteraction = createdAt
  }
}

/** What a handler gets besides its arguments. */
export interface Context {
  engine: Engine
  client: Client
  /** The client's selected database. */
  db: Database
  /** The whole command line as received; argv[0] is the name as typed. */
  argv: string[]
  /** Lower-case full name as the table knows it: 'get', 'client|setname'. */
  name: string
  /** The engine clock when the command started (ms). Redis uses one time per command. */
  now: number
}

/** A command implementation: parses its arguments, acts, returns a Reply (never text). */
export type Handler = (ctx: Context, args: string[]) => Reply

export interface KeyChange {
  db: number
  key: string
  event: string
}

export interface EngineOptions {
  /** Milliseconds since the epoch. */
  clock?: () => number
  /** Uniform in [0, 1). */
  random?: () => number
  /** Runs the next slice of a long script once the host has read its pending messages (schedule.ts). */
  schedule?: Scheduler
}

/**
 * A script that ran past busy-reply-threshold and now continues in slices (scripting/long-script.ts).
 * Meanwhile other clients get its BUSY error except for allow-busy commands, and nothing else
 * touches the data: blocked clients and the active expiry cycle wait until it ends.
 */
export interface BusyScript {
  /** The client the script's own commands run on. */
  readonly client: Client
  readonly busyError: string
  /** Takes the script's reply when it ends: the caller's answer, or EXEC going on with its other commands. */
  answer: (reply: Reply) => void
  /** Stops the script for good without a reply (SHUTDOWN NOSAVE). */
  abandon(): void
}

export class Engine implements DatabaseHost {
  readonly databases: Database[] = []
  readonly clients = new Map<number, Client>()
  readonly config = defaultConfig()
  /** Live SCAN-family iterations (see scan.ts). */
  readonly scans = new ScanCursors()
  /** Set by a host that stores the data (SAVE, LASTSAVE, INFO persistence use it). */
  persistence?: PersistenceHook
  /**
   * Set by the host: SHUTDOWN stops the server. The Node RESP server exits; the browser starts
   * the engine again from what is stored. `discardPending`: a script was stopped in the middle,
   * so what is not yet stored is not a state between commands and must not be written.
   */
  shutdown?: (discardPending: boolean) => void
  readonly clock: () => number
  readonly random: () => number
  readonly startedAt: number
  private nextClientId = 1
  /** Clients waiting in blocking commands. */
  readonly blocking: Blocking = new Blocking(this)
  /** Nesting of exec calls (scripts run commands inside a command): blocked clients are served at depth 0. */
  private execDepth = 0
  readonly schedule: Scheduler
  private busy: BusyScript | undefined
  /** WATCHed keys (commands/transactions.ts). */
  readonly watches = new Watches()
  /** Channel, pattern and shard channel subscriptions (pubsub.ts). */
  readonly pubsub = new PubSub()
  /** notify-keyspace-events: key events published on __keyspace@/__keyevent@ channels. */
  readonly notifications = new KeyspaceNotifications(this.pubsub)
  /** CLIENT PAUSE: the pause and the commands it postponed (pause.ts). */
  readonly pause: Pause = new Pause(this)
  /** Clients in MONITOR mode (monitor.ts). */
  readonly monitors = new Monitors()
  private readonly changeListeners = new Set<(change: KeyChange) => void>()
  /** Number of commands processed (INFO stats). */
  commandsProcessed = 0
  /** Per-command call counts and time (INFO commandstats), keyed by full name. */
  readonly commandStats = new Map<string, { calls: number; usec: number; rejected: number; failed: number }>()
  /** Error replies by their first word, 'ERR', 'WRONGTYPE' (INFO errorstats). */
  readonly errorStats = new Map<string, number>()
  /** Counters INFO stats reports (CONFIG RESETSTAT zeroes them). */
  readonly stats = { connectionsReceived: 0, expiredKeys: 0, errorReplies: 0, keyspaceHits: 0, keyspaceMisses: 0 }
  private readonly databaseListeners = new Set<(emptied: Database, replacedWith?: Database) => void>()

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? Date.now
    this.random = options.random ?? Math.random
    this.schedule = options.schedule ?? defaultScheduler
    this.startedAt = this.clock()
    for (let i = 0; i < DATABASES; i++) this.databases.push(new Database(i, this))
  }

  now(): number {
    return this.clock()
  }

  createClient(addr = '127.0.0.1:0', laddr = '127.0.0.1:6379'): Client {
    const client = new Client(this.nextClientId++, this.clock(), addr, laddr)
    this.stats.connectionsReceived++
    this.clients.set(client.id, client)
    return client
  }

  closeClient(client: Client): void {
    client.closing = true
    this.blocking.remove(client)
    this.watches.unwatch(client)
    this.pubsub.removeClient(client)
    this.pause.remove(client)
    this.monitors.remove(client)
    this.clients.delete(client.id)
  }

  /** Listens to every key change (command writes and expiry). Returns an unsubscribe function. */
  onKeyChange(listener: (change: KeyChange) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  keyChanged(db: Database, key: string, event: string): void {
    if (event === 'expired') this.stats.expiredKeys++
    else this.blocking.signal(db.index, key)
    this.watches.touch(db.index, key)
    this.notifications.notify(db.index, key, event)
    if (this.changeListeners.size === 0) return
    const change = { db: db.index, key, event }
    for (const listener of this.changeListeners) listener(change)
  }

  /** Only commands create keys in Redis's sense: loading a snapshot publishes no 'new' events. */
  keyCreated(db: Database, key: string): void {
    if (this.execDepth > 0) this.notifications.notify(db.index, key, 'new')
  }

  /** A miss changes nothing, so watchers and change listeners do not hear of it. */
  keyMissed(db: Database, key: string, notify = true): void {
    this.stats.keyspaceMisses++
    if (notify) this.notifications.notify(db.index, key, 'keymiss')
  }

  keyHit(): void {
    this.stats.keyspaceHits++
  }

  /**
   * Listens to FLUSHDB, FLUSHALL and SWAPDB, which change a whole database without per-key events.
   * Called before the change, like Redis's touchAllWatchedKeysInDb: a WATCHed key is touched if it
   * exists in `emptied` now or in `replacedWith` (the database SWAPDB brings in).
   */
  onDatabaseReplaced(listener: (emptied: Database, replacedWith?: Database) => void): () => void {
    this.databaseListeners.add(listener)
    return () => this.databaseListeners.delete(listener)
  }

  databaseReplaced(emptied: Database, replacedWith?: Database): void {
    this.watches.databaseReplaced(emptied, replacedWith)
    for (const listener of this.databaseListeners) listener(emptied, replacedWith)
  }

  /** CONFIG RESETSTAT: the counters INFO reports start again from zero. */
  resetStats(): void {
    this.commandsProcessed = 0
    this.commandStats.clear()
    this.errorStats.clear()
    this.stats.connectionsReceived = 0
    this.stats.expiredKeys = 0
    this.stats.errorReplies = 0
    this.stats.keyspaceHits = 0
    this.stats.keyspaceMisses = 0
  }

  /** The active expiry cycle; hosts call it about ten times a second, as Redis's serverCron does. */
  tick(budgetPerDatabase = 200): number {
    if (this.busy !== undefined) return 0
    const now = this.clock()
    this.blocking.expire(now)
    this.pause.release(now)
    // While clients are paused the data stays as it is: Redis skips the active expiry cycle.
    if (this.pause.active) return 0
    let removed = 0
    for (const db of this.databases) removed += db.activeExpire(budgetPerDatabase)
    return removed
  }

  /** Looks a command up: its table entry and full name, or the error Redis gives. */
  resolve(argv: string[]): { spec: CommandSpec; name: string } | { error: string; rejected?: string } {
    const name = argv[0].toLowerCase()
    const spec = COMMANDS.get(name)
    if (spec === undefined) return { error: unknownCommand(argv[0], argv.slice(1)) }
    if (spec.subcommands === undefined) {
      return arityOk(spec.arity, argv.length) ? { spec, name } : { error: wrongArity(name), rejected: name }
    }
    // A container that also runs bare (COMMAND) has an arity that allows argc 1.
    if (argv.length < 2) return arityOk(spec.arity, 1) ? { spec, name } : { error: wrongArity(name), rejected: name }
    const sub = argv[1].toLowerCase()
    const subSpec = Object.hasOwn(spec.subcommands, sub) ? spec.subcommands[sub] : undefined
    if (subSpec === undefined) return { error: unknownSubcommand(argv[1], name) }
    const fullName = `${name}|${sub}`
    return arityOk(subSpec.arity, argv.length)
      ? { spec: subSpec, name: fullName }
      : { error: wrongArity(fullName), rejected: fullName }
  }

  /** Runs one command for a client and returns its reply. Never throws. */
  exec(client: Client, argv: string[]): Reply {
    if (this.execDepth === 0) {
      // Commands a pause postponed and whose pause is over run before this one.
      this.pause.release(this.clock())
      this.monitors.begin(client)
    }
    this.execDepth++
    let reply: Reply
    try {
      reply = this.dispatch(client, argv)
    } finally {
      this.execDepth--
    }
    if (reply.type === 'error') this.countError(reply.value)
    if (this.execDepth === 0) {
      this.blocking.serveReady()
      // CLIENT REPLY applies to what reaches the connection, not to replies inside EXEC or a script.
      if (!isBlocked(reply)) reply = client.replyMode.finish(reply, client.lastCommand)
      reply = this.monitors.end(client, reply)
      this.pause.release(this.clock())
    }
    return reply
  }

  /**
   * Whether the running command may answer its client later through client.deliver (a long
   * script): only the outermost command of a client with a transport, or a command of a
   * transaction whose EXEC may answer later (commands/transactions.ts).
   */
  canAnswerLater(client: Client): boolean {
    if (client.deliver === undefined) return false
    return client.execCanWait || (this.execDepth === 1 && !client.denyBlocking)
  }

  /** Sends a command's late answer (a served blocking command, a long script), as CLIENT REPLY allows. */
  answerLater(client: Client, reply: Reply): void {
    client.deliver?.(client.replyMode.finish(reply, client.lastCommand), 'reply')
  }

  get busyScript(): BusyScript | undefined {
    return this.busy
  }

  /** A long script goes on in slices: it counts as a running command until endBusyScript. */
  beginBusyScript(script: BusyScript): void {
    this.busy = script
    this.execDepth++
  }

  /**
   * The long script ended with `reply`. Its answer runs while the engine still counts a command
   * as running, so that an EXEC it belongs to finishes before blocked clients are served; that
   * EXEC may begin the next long script.
   */
  /**
   * SHUTDOWN NOSAVE during a long script: the script is dropped where it stands (its slices do
   * nothing more, and nobody gets its reply) and the engine is no longer busy.
   */
  abandonBusyScript(): void {
    const script = this.busy
    if (script === undefined) return
    script.abandon()
    this.busy = undefined
    this.execDepth--
  }

  endBusyScript(script: BusyScript, reply: Reply): void {
    if (this.busy === script) this.busy = undefined
    try {
      script.answer(reply)
    } finally {
      this.execDepth--
      if (this.execDepth === 0) this.blocking.serveReady()
    }
  }

  /** The earliest time (engine ms) a blocked client's timeout or a pause ends, for hosts that schedule tick(). */
  nextTimeout(): number | undefined {
    const blocked = this.blocking.nextTimeout()
    const paused = this.pause.nextTimeout()
    return blocked === undefined || paused === undefined ? blocked ?? paused : Math.min(blocked, paused)
  }

  private dispatch(client: Client, argv: string[]): Reply {
    const now = this.clock()
    client.lastInteraction = now
    if (argv.length === 0) return error('ERR empty command')
    const found = this.resolve(argv)
    if ('error' in found) {
      if (found.rejected !== undefined) this.statsFor(found.rejected).rejected++
      return refusedInTransaction(this, client, found.rejected, found.error)
    }
    const handler = HANDLERS.get(found.name)
    if (handler === undefined) {
      return refusedInTransaction(this, client, undefined, unknownCommand(argv[0], argv.slice(1)))
    }
    client.lastCommand = found.name
    // Checked for commands from the connection only: EXEC (and a script) runs its commands unchecked, as Redis does.
    const subscribed = client.denyBlocking ? undefined : refusedWhileSubscribed(this.pubsub, client, found.name)
    if (subscribed !== undefined) {
      this.statsFor(found.name).rejected++
      return refusedInTransaction(this, client, found.name, subscribed)
    }
    if (this.busy !== undefined && client !== this.busy.client && !found.spec.flags.includes('allow_busy')) {
      this.statsFor(found.name).rejected++
      return refusedInTransaction(this, client, found.name, this.busy.busyError)
    }
    if (this.execDepth === 1 && (this.pause.active || this.monitors.size > 0)) {
      // A MONITOR connection counts as a replica in Redis: never paused, and kept away from the keys.
      const access = keyspaceAccess(this, client, found.name, found.spec.flags)
      if (this.monitors.has(client)) {
        if (access.reads || access.writes) {
          this.statsFor(found.name).rejected++
          return refusedInTransaction(this, client, found.name, MONITOR_TOUCHES_KEYSPACE)
        }
      } else if (this.pause.holds(now, access)) {
        return this.pause.postpone(client, argv)
      }
    }
    const queued = queueInTransaction(client, found.name, found.spec.flags, argv)
    if (queued !== undefined) return queued
    const ctx: Context = { engine: this, client, db: this.databases[client.db], argv, name: found.name, now }
    // MONITOR never shows admin commands; scripts show before they run, so their own commands follow them.
    const monitored = this.monitors.size > 0 && !found.spec.flags.includes('admin')
    const monitoredFirst = monitored && found.spec.flags.includes('skip_monitor')
    if (monitoredFirst) this.feedMonitors(client, argv, now)
    const reply = this.run(handler, ctx, argv.slice(found.spec.subcommands === undefined && !found.name.includes('|') ? 1 : 2))
    if (monitored && !monitoredFirst) this.feedMonitors(client, argv, this.clock())
    // Counted once the command has run, as Redis does: INFO does not count itself, CONFIG RESETSTAT does.
    this.commandsProcessed++
    const stats = this.statsFor(found.name)
    stats.calls++
    if (reply.type === 'error') stats.failed++
    return reply
  }

  /** A script's commands run on a client of its own that no connection registered: MONITOR calls it 'lua'. */
  private feedMonitors(client: Client, argv: string[], now: number): void {
    this.monitors.feed(now, client.db, this.clients.get(client.id) === client ? { addr: client.addr } : 'lua', argv)
  }

  private run(handler: Handler, ctx: Context, args: string[]): Reply {
    try {
      return handler(ctx, args)
    } catch (thrown) {
      if (thrown instanceof ReplyError) return error(thrown.text)
      // A bug in a handler must never take the engine down; report it like Redis reports internal errors.
      const message = thrown instanceof Error ? thrown.message : String(thrown)
      return error(`ERR internal error: ${message.replace(/[\r\n]/g, ' ')}`)
    }
  }

  private countError(text: string): void {
    this.stats.errorReplies++
    const code = text.split(' ', 1)[0]
    this.errorStats.set(code, (this.errorStats.get(code) ?? 0) + 1)
  }

  private statsFor(name: string) {
    let stats = this.commandStats.get(name)
    if (stats === undefined) {
      stats = { calls: 0, usec: 0, rejected: 0, failed: 0 }
      this.commandStats.set(name, stats)
    }
    return stats
  }
}

function arityOk(arity: number, argc: number): boolean {
  return arity > 0 ? argc === arity : argc >= -arity
}
