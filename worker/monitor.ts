// MONITOR: clients that see every command the server runs, one line each, as Redis 7.0's
// replicationFeedMonitors writes it: `1339518083.107412 [0 127.0.0.1:60866] "keys" "*"`
// (time with microseconds, the database after the command, the client's address or `lua` for a
// script's commands, the arguments quoted like redis-cli quotes strings). A line is a simple
// string sent as an unsolicited message (client.deliver(line, 'push')), also in RESP3.
// Which commands are shown is decided by the dispatcher (engine.ts): admin commands never,
// script commands (the table's skip_monitor) before they run so their own commands follow,
// any other command once it has run; commands refused before running are not shown.
import type { Client } from './engine.ts'
import { quote } from './format.ts'
import { sequence, simple, type Reply } from './reply.ts'
import { isBlocked } from './blocking.ts'
import { isSuppressed } from './reply-mode.ts'

/** Where a command came from: a connection's address, or a script. */
export type MonitorSource = { addr: string } | 'lua'

export class Monitors {
  private readonly clients = new Set<Client>()
  /** The connection whose command runs now: Redis writes its own lines after its reply. */
  private running: Client | undefined
  private held: Reply[] = []

  get size(): number {
    return this.clients.size
  }

  has(client: Client): boolean {
    return this.clients.has(client)
  }

  add(client: Client): void {
    this.clients.add(client)
  }

  remove(client: Client): void {
    this.clients.delete(client)
  }

  /** Sends one command's line to every monitor whose replies CLIENT REPLY does not suppress. */
  feed(now: number, db: number, source: MonitorSource, argv: readonly string[]): void {
    if (this.clients.size === 0) return
    const line = simple(monitorLine(now, db, source, argv))
    for (const client of this.clients) {
      if (client.replyMode.suppressing) continue
      if (client === this.running) this.held.push(line)
      else client.deliver?.(line, 'push')
    }
  }

  /** A connection's command starts (the engine calls this for the outermost command only). */
  begin(client: Client): void {
    this.running = client
    this.held = []
  }

  /** The command's reply, followed by the lines of its own commands when the client is a monitor. */
  end(client: Client, reply: Reply): Reply {
    this.running = undefined
    const lines = this.held
    if (lines.length === 0) return reply
    this.held = []
    if (isBlocked(reply)) {
      for (const line of lines) client.deliver?.(line, 'push')
      return reply
    }
    return sequence(isSuppressed(reply) ? lines : [reply, ...lines])
  }
}

/** One MONITOR line (without CRLF); `now` is engine ms, fractions give the microseconds. */
export function monitorLine(now: number, db: number, source: MonitorSource, argv: readonly string[]): string {
  const micros = Math.floor(now * 1000)
  const time = `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`
  const from = source === 'lua' ? 'lua' : source.addr
  return `${time} [${db} ${from}] ${redacted(argv).map(quote).join(' ')}`
}

const REDACTED = '(redacted)'

/** Passwords never reach monitors: HELLO's AUTH username and password (Redis's redactClientCommandArgument). */
function redacted(argv: readonly string[]): readonly string[] {
  if (argv[0].toLowerCase() !== 'hello') return argv
  const shown = [...argv]
  for (let i = 2; i < shown.length; i++) {
    if (shown[i].toUpperCase() === 'AUTH' && i + 2 < shown.length) {
      shown[i + 1] = REDACTED
      shown[i + 2] = REDACTED
      i += 2
    } else if (shown[i].toUpperCase() === 'SETNAME') {
      i++
    }
  }
  return shown
}
