// Test helpers for the worker host: a host and a page-side client joined by a MessageChannel,
// a fake clock, Web Locks shared by "tabs", and waiting for events.
import { serve, type Host, type ServeOptions } from '../../worker/host.ts'
import { EngineClient } from '../../src/lib/engine-client.ts'
import type { EventOf, MessagePortLike, WorkerEvent, WorkerEventType } from '../../worker/protocol.ts'
import type { LockManagerLike } from '../../worker/workspaces.ts'

export interface Tab {
  host: Host
  engine: EngineClient
  /** Every event received so far, in order. */
  events: WorkerEvent[]
  /** Resolves with the first event of `type` (received from now on) that passes `test`. */
  next<T extends WorkerEventType>(type: T, test?: (event: EventOf<T>) => boolean): Promise<EventOf<T>>
  close(): Promise<void>
  crash(): void
}

const EVENT_TYPES: WorkerEventType[] = ['changed', 'push', 'clientState', 'storage', 'persisted', 'workspaces']

/** A host on one end of a MessageChannel and an EngineClient on the other, as a page and its worker. */
export function openTab(options: ServeOptions = {}): Tab {
  const { port1, port2 } = new MessageChannel()
  const host = serve(port1 as unknown as MessagePortLike, options)
  const engine = new EngineClient(port2 as unknown as MessagePortLike)
  const events: WorkerEvent[] = []
  const waiting = new Set<{ type: WorkerEventType; test: (event: WorkerEvent) => boolean; resolve: (event: WorkerEvent) => void }>()
  for (const type of EVENT_TYPES) {
    engine.on(type, (event) => {
      events.push(event)
      for (const waiter of waiting) {
        if (waiter.type === event.type && waiter.test(event)) {
          waiting.delete(waiter)
          waiter.resolve(event)
        }
      }
    })
  }
  const shut = () => {
    engine.close()
    port1.close()
    port2.close()
  }
  return {
    host,
    engine,
    events,
    next(type, test = () => true) {
      return new Promise((resolve) => {
        waiting.add({ type, test: test as (event: WorkerEvent) => boolean, resolve: resolve as (event: WorkerEvent) => void })
      })
    },
    async close() {
      await host.close()
      shut()
    },
    crash() {
      host.crash()
      shut()
    },
  }
}

/** A clock tests move by hand. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance(ms: number): void } {
  let time = start
  return { now: () => time, advance: (ms) => void (time += ms) }
}

/** Web Locks for tabs of one test: exclusive, `ifAvailable` only, as workspaces.ts uses them. */
export class FakeLocks implements LockManagerLike {
  readonly held = new Set<string>()

  async request(name: string, _options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown> {
    if (this.held.has(name)) return callback(null)
    this.held.add(name)
    try {
      return await callback({ name })
    } finally {
      this.held.delete(name)
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
