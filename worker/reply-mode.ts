// CLIENT REPLY ON|OFF|SKIP: which of a client's replies reach it. Redis keeps two flags that
// its resetClient advances after every finished command: SKIP set by CLIENT REPLY SKIP becomes
// "skip this one" for the next command, and is cleared after that. A reply (or a MONITOR line)
// is dropped whenever OFF or "skip this one" holds at the moment it is produced.
import type { Reply } from './reply.ts'

/** The reply of a command whose answer CLIENT REPLY suppressed. Transports must not send it. */
export const NO_REPLY: Reply = Object.freeze({ type: 'simple', value: 'NO_REPLY' }) as Reply

export function isSuppressed(reply: Reply): boolean {
  return reply === NO_REPLY
}

/**
 * Subscribe confirmations are pushes in Redis 7.0 (its CLIENT_PUSHING): they reach the client
 * even under CLIENT REPLY OFF, like pub/sub messages.
 */
const CONFIRMS_SUBSCRIPTIONS = new Set(['subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe', 'punsubscribe', 'sunsubscribe'])

export class ReplyMode {
  private off = false
  private skipNext = false
  private skipThis = false

  /** Whether whatever the client would receive now is dropped. */
  get suppressing(): boolean {
    return this.off || this.skipThis
  }

  on(): void {
    this.off = false
    this.skipNext = false
    this.skipThis = false
  }

  /** RESET clears OFF and a pending SKIP, but not the skip of the running command (Redis's clearClientConnectionState). */
  reset(): void {
    this.off = false
    this.skipNext = false
  }

  setOff(): void {
    this.off = true
  }

  /** Under OFF, SKIP changes nothing (Redis ignores it). */
  skip(): void {
    if (!this.off) this.skipNext = true
  }

  /**
   * A command of this client is done (answered now, or later after blocking): returns the reply
   * to send, NO_REPLY when it is suppressed, and moves SKIP on to the next command.
   */
  finish(reply: Reply, name: string): Reply {
    const shown = this.suppressing && (reply.type === 'error' || !CONFIRMS_SUBSCRIPTIONS.has(name)) ? NO_REPLY : reply
    this.skipThis = this.skipNext
    this.skipNext = false
    return shown
  }
}
