// CLIENT PAUSE and CLIENT UNPAUSE. While a pause holds, a connection's command that it covers
// (every command for ALL; for WRITE the write commands and those Redis flags MAY_REPLICATE)
// is postponed: the dispatcher returns BLOCKED, as for a blocking command, and the transports
// keep the connection's later commands queued behind it. When the pause ends (its time is up,
// or CLIENT UNPAUSE) the postponed commands run again in the order they came, and their replies
// go out through client.deliver(reply, 'reply'). MONITOR clients are never paused (Redis treats
// them as replicas). Commands inside EXEC or a script are never paused: the pause is checked
// when a connection's command arrives, before MULTI queues it.
import type { Client, Engine } from './engine.ts'
import { BLOCKED, isBlocked } from './blocking.ts'
import type { Reply } from './reply.ts'
import type { Flag } from './commands/spec.ts'

export type PauseMode = 'write' | 'all'

/**
 * Commands without the write flag that Redis 7.0 still pauses under WRITE: its MAY_REPLICATE
 * flag, which COMMAND INFO does not report (checked against redis-server, command by command).
 */
const MAY_REPLICATE = new Set(['eval', 'evalsha', 'fcall', 'publish', 'spublish', 'pfcount'])

/** What processCommand knows of a command before it runs: whether it reads keys, or may write or replicate. */
export interface KeyspaceAccess {
  reads: boolean
  writes: boolean
}

/** EXEC counts as the commands it has queued (Redis's mstate.cmd_flags). */
export function keyspaceAccess(engine: Engine, client: Client, name: string, flags: readonly Flag[]): KeyspaceAccess {
  const access = { reads: flags.includes('readonly'), writes: flags.includes('write') || MAY_REPLICATE.has(name) }
  if (name === 'exec' && client.multi !== undefined) {
    for (const argv of client.multi.queue) {
      const found = engine.resolve(argv)
      if ('error' in found) continue
      access.reads ||= found.spec.flags.includes('readonly')
      access.writes ||= found.spec.flags.includes('write') || MAY_REPLICATE.has(found.name)
    }
  }
  return access
}

export class Pause {
  private mode: PauseMode | undefined
  /** Engine ms; the pause lasts while now <= end, as Redis compares (end < now has expired). */
  private end = 0
  /** Postponed clients and their command, in the order they came (a Map keeps insertion order). */
  private readonly postponed = new Map<Client, string[]>()

  constructor(private readonly engine: Engine) {}

  /** Clients waiting for the pause to end (INFO counts them as blocked clients). */
  get size(): number {
    return this.postponed.size
  }

  /** CLIENT PAUSE: the mode replaces the current one, the end only moves later (Redis's pauseClients). */
  pause(mode: PauseMode, end: number, now: number): void {
    this.expire(now)
    this.mode = mode
    this.end = Math.max(this.end, end)
  }

  unpause(): void {
    this.mode = undefined
    this.end = 0
  }

  /** Whether a connection's command must wait: the pause covers it and has not ended by `now`. */
  holds(now: number, access: KeyspaceAccess): boolean {
    this.expire(now)
    return this.mode === 'all' || (this.mode === 'write' && access.writes)
  }

  postpone(client: Client, argv: string[]): Reply {
    this.postponed.set(client, argv)
    return BLOCKED
  }

  isPostponed(client: Client): boolean {
    return this.postponed.has(client)
  }

  /** Forgets a client that is gone. */
  remove(client: Client): void {
    this.postponed.delete(client)
  }

  /** When the pause ends by itself (engine ms), for hosts that wake up then. */
  nextTimeout(): number | undefined {
    return this.mode === undefined ? undefined : this.end
  }

  private expire(now: number): void {
    if (this.mode !== undefined && this.end < now) this.unpause()
  }

  /** Whether a pause holds now (the active expiry cycle waits meanwhile, as in Redis). */
  get active(): boolean {
    return this.mode !== undefined
  }

  /**
   * Once no pause holds at `now`, runs the postponed commands again, in order; one may block or
   * be postponed again (a new pause). The engine calls this between commands, never inside one.
   */
  release(now: number): void {
    this.expire(now)
    if (this.mode !== undefined || this.postponed.size === 0) return
    const waiting = [...this.postponed]
    this.postponed.clear()
    for (const [client, argv] of waiting) {
      const reply = this.engine.exec(client, argv)
      if (!isBlocked(reply)) client.deliver?.(reply, 'reply')
    }
  }
}
