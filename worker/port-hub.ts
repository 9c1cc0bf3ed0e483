// Several pages (browser tabs) served by one host: the SharedWorker's ports merged into the one
// MessagePortLike that host.ts talks to. Every tab is then a set of clients of the same engine,
// as redis-cli windows are clients of one server: a write in one tab is there in the other,
// SUBSCRIBE in one hears PUBLISH from another, and nothing is saved twice.
//
// Each page numbers its requests from 1, so the hub renumbers them and sends each response back
// to the page that asked, under that page's own id. A client's pushes and state changes go to the
// page that created it; other events go to every page. A page that says goodbye (it is closing)
// has its clients closed, as a dropped TCP connection closes a Redis client.
import type { MessagePortLike, Request, Response, WorkerEvent } from './protocol.ts'

/** What a page posts when it goes away (pagehide). */
export const GOODBYE = 'goodbye'

interface Route {
  port: MessagePortLike
  id: number
  type: Request['type']
}

export class PortHub implements MessagePortLike {
  private readonly listeners = new Set<(event: MessageEvent) => void>()
  /** Each page's port and the clients it created. */
  private readonly pages = new Map<MessagePortLike, Set<number>>()
  /** Renumbered request id -> who asked. */
  private readonly routes = new Map<number, Route>()
  private nextId = 1

  /** Serves one more page. */
  add(port: MessagePortLike): void {
    this.pages.set(port, new Set())
    port.addEventListener('message', (event) => this.fromPage(port, event.data as Request | { type: typeof GOODBYE }))
    port.start?.()
  }

  get size(): number {
    return this.pages.size
  }

  // MessagePortLike, as the host sees it.

  postMessage(message: unknown): void {
    const out = message as Response | WorkerEvent
    if ('id' in out) return this.respond(out)
    const owner = out.type === 'push' || out.type === 'clientState' || out.type === 'clientClosed' ? this.ownerOf(out.client) : undefined
    if (owner !== undefined) owner.postMessage(out)
    else for (const port of this.pages.keys()) port.postMessage(out)
  }

  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.add(listener)
  }

  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.delete(listener)
  }

  private fromPage(port: MessagePortLike, message: Request | { type: typeof GOODBYE }): void {
    // A page that said goodbye may still ask for something (its last flush): it is answered.
    if (message.type === GOODBYE) return this.remove(port)
    const id = this.nextId++
    this.routes.set(id, { port, id: message.id, type: message.type })
    this.toHost({ ...message, id } as Request)
  }

  private respond(response: Response): void {
    const route = this.routes.get(response.id)
    this.routes.delete(response.id)
    if (route === undefined) return
    if (route.type === 'createClient' && response.type === 'result') {
      const { client } = response.value as { client: number }
      this.pages.get(route.port)?.add(client)
    }
    route.port.postMessage({ ...response, id: route.id })
  }

  /** The page is going: its clients are closed (the answers to those closes go nowhere). */
  private remove(port: MessagePortLike): void {
    const clients = this.pages.get(port)
    if (clients === undefined) return
    this.pages.delete(port)
    for (const client of clients) this.toHost({ id: this.nextId++, type: 'closeClient', client })
  }

  private ownerOf(client: number): MessagePortLike | undefined {
    for (const [port, clients] of this.pages) if (clients.has(client)) return port
    return undefined
  }

  private toHost(request: Request): void {
    const event = { data: request } as MessageEvent
    for (const listener of this.listeners) listener(event)
  }
}
