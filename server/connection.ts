// One TCP connection = one engine client. Reads requests as they arrive, runs every complete
// command of a chunk in order, and answers the whole batch with one socket write (pipelining).
// After a protocol error or QUIT, Redis sends what it has and closes; so does this.
import type { Socket } from 'node:net'
import type { Client, Engine } from '../worker/engine.ts'
import { encodeReplyInto } from '../worker/resp.ts'
import { configNumber } from '../worker/config.ts'
import { RequestParser, type RequestParserOptions } from './request-parser.ts'
import { isBlocked } from '../worker/blocking.ts'
import { isSuppressed } from '../worker/reply-mode.ts'
import type { Reply } from '../worker/reply.ts'

/** Pieces up to this many bytes in all are joined into one string before conversion. */
const JOIN_LIMIT = 1 << 24

export interface ConnectionHooks {
  /** The socket closed; the engine client is gone. */
  onClose(connection: Connection): void
  /** A command of this connection closed other clients (CLIENT KILL): their sockets must close too. */
  onClientsClosed(): void
}

export class Connection {
  readonly client: Client
  private readonly parser: RequestParser
  /** Set once the connection is on its way out: nothing more is read or run. */
  private closing = false
  /** Replies of the batch being run; messages delivered meanwhile join it, in order. */
  private batch: string[] | undefined
  /** Set while a blocking command waits: the pipelined commands after it wait too. */
  private blocked = false
  private blockTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly engine: Engine,
    private readonly socket: Socket,
    private readonly hooks: ConnectionHooks,
    parserOptions: RequestParserOptions = {},
  ) {
    this.client = engine.createClient(formatAddress(socket.remoteAddress, socket.remotePort), formatAddress(socket.localAddress, socket.localPort))
    this.parser = new RequestParser({
      maxBulkLength: () => configNumber(engine.config, 'proto-max-bulk-len'),
      ...parserOptions,
    })
    socket.setNoDelay(true)
    this.client.deliver = (reply, kind) => this.deliver(reply, kind)
    this.client.killed = () => this.destroy()
    socket.on('data', (chunk: Buffer) => this.receive(chunk))
    // Resets and write errors end the connection; the 'close' that follows cleans up.
    socket.on('error', () => socket.destroy())
    socket.on('close', () => {
      this.closing = true
      clearTimeout(this.blockTimer)
      engine.closeClient(this.client)
      this.hooks.onClose(this)
    })
  }

  /** Closes the connection if another client's command killed its client. */
  closeIfClientClosed(): void {
    if (!this.closing && (this.client.closing || !this.engine.clients.has(this.client.id))) this.destroy()
  }

  /** Drops the connection at once, replies still unwritten or not (Redis's freeClient). */
  destroy(): void {
    this.closing = true
    this.socket.destroy()
  }

  private receive(chunk: Buffer): void {
    if (this.closing) return
    this.parser.feed(chunk)
    if (this.blocked) return
    this.resume()
  }

  /** Runs the commands waiting in the parser. */
  private resume(): void {
    const clientsBefore = this.engine.clients.size
    try {
      this.runRequests()
    } catch (thrown) {
      // The engine answers errors itself; anything thrown here is a bug. It must cost this connection only.
      console.error('redis-playground server: connection dropped after an internal error:', thrown)
      this.destroy()
    }
    if (this.engine.clients.size < clientsBefore) this.hooks.onClientsClosed()
  }

  private runRequests(): void {
    const out: string[] = []
    this.batch = out
    try {
      this.runBatch(out)
    } finally {
      this.batch = undefined
    }
  }

  private runBatch(out: string[]): void {
    for (let request = this.parser.next(); request !== undefined; request = this.parser.next()) {
      if (request.type === 'protocolError') {
        out.push('-', request.error, '\r\n')
        return this.close(out)
      }
      if (request.type === 'rejected') {
        out.push('-', request.error, '\r\n')
        continue
      }
      if (isCrossProtocolAttack(request.argv)) {
        // Redis drops the connection at once, without a reply: an HTTP request is not a client.
        return this.destroy()
      }
      const reply = this.engine.exec(this.client, request.argv)
      if (isBlocked(reply)) {
        this.block()
        break
      }
      // CLIENT REPLY OFF or SKIP: the command ran, nothing is sent.
      if (!isSuppressed(reply)) encodeReplyInto(reply, this.client.resp, out)
      if (this.client.closing) return this.close(out)
    }
    if (out.length > 0) this.socket.write(toBuffer(out))
  }

  /** The client waits in a blocking command or a CLIENT PAUSE: wake up when its time is up (the engine's tick is coarser). */
  private block(): void {
    this.blocked = true
    const deadline = this.client.blocked?.deadline ?? this.engine.pause.nextTimeout() ?? 0
    if (deadline === 0) return
    this.blockTimer = setTimeout(() => {
      this.blockTimer = undefined
      this.engine.tick(0)
    }, Math.max(0, deadline - this.engine.now()) + 1)
  }

  /** A blocked command's answer, or a push (pub/sub, keyspace events). */
  private deliver(reply: Reply, kind: 'reply' | 'push'): void {
    if (this.closing) return
    // A waiting command that finished under CLIENT REPLY OFF or SKIP sends nothing.
    const send = !isSuppressed(reply)
    if (send && this.batch !== undefined) {
      encodeReplyInto(reply, this.client.resp, this.batch)
    } else if (send) {
      const out: string[] = []
      encodeReplyInto(reply, this.client.resp, out)
      this.socket.write(toBuffer(out))
    }
    if (kind === 'reply' && this.blocked) {
      this.blocked = false
      clearTimeout(this.blockTimer)
      this.blockTimer = undefined
      // Another client's command is running: the commands that waited run once it is done.
      queueMicrotask(() => {
        if (!this.closing && !this.blocked) this.resume()
      })
    }
  }

  /** Writes the last replies, then closes the socket (Redis's CLIENT_CLOSE_AFTER_REPLY). */
  private close(out: string[]): void {
    this.closing = true
    this.socket.end(toBuffer(out), () => this.socket.destroy())
  }
}

/** Redis refuses commands named like an HTTP request line or header (securityWarningCommand). */
function isCrossProtocolAttack(argv: string[]): boolean {
  const name = argv[0].toLowerCase()
  return name === 'post' || name === 'host:'
}

/** Byte-string pieces to one Buffer, one byte per char, without building one huge string. */
export function toBuffer(pieces: string[]): Buffer {
  let total = 0
  for (const piece of pieces) total += piece.length
  if (total <= JOIN_LIMIT) return Buffer.from(pieces.join(''), 'latin1')
  const buffer = Buffer.allocUnsafe(total)
  let offset = 0
  for (const piece of pieces) offset += buffer.write(piece, offset, 'latin1')
  return buffer
}

/** 'ip:port' as CLIENT LIST shows it: IPv6 in brackets, IPv4-mapped IPv6 as plain IPv4. */
export function formatAddress(ip: string | undefined, port: number | undefined): string {
  const host = ip === undefined ? '?' : ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip
  return `${host.includes(':') ? `[${host}]` : host}:${port ?? 0}`
}
