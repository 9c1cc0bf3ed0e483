// The SharedWorker's hub: two pages (each an EngineClient on its own MessageChannel) served by
// one host, as two browser tabs share one engine.
import { afterEach, describe, expect, it } from 'vitest'
import { serve, type Host } from '../../worker/host.ts'
import { GOODBYE, PortHub } from '../../worker/port-hub.ts'
import { EngineClient } from '../../src/lib/engine-client.ts'
import type { MessagePortLike, WorkerEvent } from '../../worker/protocol.ts'
import { sleep } from '../helpers/host.ts'

interface Page { engine: EngineClient; port: MessagePort; events: WorkerEvent[] }

let host: Host | undefined
const channels: MessageChannel[] = []
afterEach(async () => {
  await host?.close()
  host = undefined
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
})

function start(): { hub: PortHub; open(): Page } {
  const hub = new PortHub()
  host = serve(hub, { storage: 'memory' })
  return {
    hub,
    open() {
      const channel = new MessageChannel()
      channels.push(channel)
      hub.add(channel.port1 as unknown as MessagePortLike)
      const engine = new EngineClient(channel.port2 as unknown as MessagePortLike)
      const events: WorkerEvent[] = []
      for (const type of ['changed', 'push', 'clientState', 'workspaces'] as const) engine.on(type, (event) => events.push(event))
      return { engine, port: channel.port2, events }
    },
  }
}

describe('PortHub', () => {
  it('serves two pages from one engine, each answered under its own request ids', async () => {
    const { open } = start()
    const a = open()
    const b = open()
    const [clientA, clientB] = await Promise.all([a.engine.createClient(), b.engine.createClient()])
    expect(clientA).not.toBe(clientB)
    // Both pages number their requests from 1; the answers must not cross.
    const [setA, setB] = await Promise.all([
      a.engine.exec(clientA, ['SET', 'from', 'a']),
      b.engine.exec(clientB, ['INCR', 'counter']),
    ])
    expect(setA.text).toBe('OK')
    expect(setB.text).toBe('(integer) 1')
    expect((await b.engine.exec(clientB, ['GET', 'from'])).text).toBe('"a"')
    expect((await a.engine.exec(clientA, ['CLIENT', 'LIST'])).text.match(/id=\d+ /g)).toHaveLength(2)
  })

  it('sends a client\'s state changes to its own page and key changes to every page', async () => {
    const { open } = start()
    const a = open()
    const b = open()
    const clientA = await a.engine.createClient()
    const clientB = await b.engine.createClient()
    b.events.length = 0
    a.events.length = 0
    await a.engine.exec(clientA, ['SELECT', '3'])
    await a.engine.exec(clientA, ['SET', 'k', 'v'])
    await sleep(50)
    expect(a.events).toContainEqual(expect.objectContaining({ type: 'clientState', client: clientA, db: 3 }))
    expect(b.events.filter((event) => event.type === 'clientState')).toEqual([])
    expect(b.events).toContainEqual(expect.objectContaining({ type: 'changed', db: 3 }))
    expect(clientB).toBeGreaterThan(0)
  })

  it('closes the clients of a page that says goodbye, and still answers its last request', async () => {
    const { hub, open } = start()
    const a = open()
    const b = open()
    const clientA = await a.engine.createClient()
    const clientB = await b.engine.createClient()
    // A's client waits on a list; once A is gone it must not take what B pushes.
    void a.engine.exec(clientA, ['BLPOP', 'queue', '0']).catch(() => undefined)
    await sleep(20)
    a.port.postMessage({ type: GOODBYE })
    const flushed = a.engine.flush()
    await expect(flushed).resolves.toBeUndefined()
    expect(hub.size).toBe(1)
    const list = (await b.engine.exec(clientB, ['CLIENT', 'LIST'])).text
    expect(list).toContain(`id=${clientB} `)
    expect(list).not.toContain(`id=${clientA} `)
    await b.engine.exec(clientB, ['RPUSH', 'queue', 'job'])
    expect((await b.engine.exec(clientB, ['LLEN', 'queue'])).text).toBe('(integer) 1')
  })
})
