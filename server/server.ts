// The TCP server: one Engine behind the Redis protocol, one Connection per socket, and the
// engine's active expiry run ten times a second, as Redis's serverCron does.
import { createServer, type AddressInfo } from 'node:net'
import { Engine } from '../worker/engine.ts'
import { Connection } from './connection.ts'
import type { RequestParserOptions } from './request-parser.ts'

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number
  host: string
  /** The engine to serve; a new one by default. */
  engine?: Engine
  /** Parser limits, for tests. */
  parser?: RequestParserOptions
}

export interface RunningServer {
  port: number
  /** The address actually bound. */
  host: string
  engine: Engine
  /** Stops listening, drops every connection, stops the expiry cycle. */
  close(): Promise<void>
}

const TICK_MS = 100

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const engine = options.engine ?? new Engine()
  const connections = new Set<Connection>()
  const closeKilled = () => {
    for (const connection of connections) connection.closeIfClientClosed()
  }
  const hooks = { onClose: (connection: Connection) => connections.delete(connection), onClientsClosed: closeKilled }
  const server = createServer((socket) => {
    connections.add(new Connection(engine, socket, hooks, options.parser))
  })
  const timer = setInterval(() => {
    engine.tick()
    closeKilled()
  }, TICK_MS)
  return new Promise((resolve, reject) => {
    let listening = false
    server.on('error', (error) => {
      if (listening) {
        // Accept failures (too many open files) must not stop the server.
        console.error('redis-playground server:', error.message)
        return
      }
      clearInterval(timer)
      reject(error)
    })
    server.listen(options.port, options.host, () => {
      listening = true
      const address = server.address() as AddressInfo
      resolve({
        port: address.port,
        host: address.address,
        engine,
        close: () =>
          new Promise((done) => {
            clearInterval(timer)
            for (const connection of connections) connection.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
