// A raw TCP conversation with a RESP server: write chunks of bytes (a little apart, so they
// arrive as separate reads), collect every byte that comes back, and tell whether the server
// closed the connection. Used to compare our server with redis-server byte for byte.
import { Socket } from 'node:net'

export interface SessionResult {
  /** Everything received, one char per byte. */
  bytes: string
  /** The server closed the connection. */
  closed: boolean
}

export interface SessionOptions {
  /** Pause between chunks (ms). */
  gapMs?: number
  /** The conversation is over when the received bytes end with this (or the server closes). */
  until?: string
  /** Without `until`: after the last chunk, how long without new bytes counts as "the server is done" (ms). */
  quietMs?: number
}

/** With `until`, how long to wait for it at most (ms). */
const UNTIL_TIMEOUT = 10_000

export function rawSession(port: number, chunks: Array<string | Buffer>, options: SessionOptions = {}): Promise<SessionResult> {
  const { gapMs = 20, quietMs = 150, until } = options
  return new Promise((resolve, reject) => {
    const socket = new Socket()
    const received: Buffer[] = []
    let closed = false
    let quietTimer: NodeJS.Timeout | undefined
    const finish = () => {
      clearTimeout(quietTimer)
      socket.destroy()
      resolve({ bytes: Buffer.concat(received).toString('latin1'), closed })
    }
    const waitQuiet = () => {
      clearTimeout(quietTimer)
      quietTimer = setTimeout(finish, until === undefined ? quietMs : UNTIL_TIMEOUT)
    }
    let sent = false
    let tail = ''
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk)
      if (until !== undefined) {
        tail = (tail + chunk.toString('latin1')).slice(-until.length)
        if (tail === until) return finish()
      }
      if (sent && until === undefined) waitQuiet()
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the server closed is still a close.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') closed = true
      else reject(error)
    })
    socket.on('close', () => {
      closed = true
      finish()
    })
    socket.connect(port, '127.0.0.1', async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (closed) break
        if (i > 0) await new Promise((r) => setTimeout(r, gapMs))
        socket.write(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk)
      }
      sent = true
      waitQuiet()
    })
  })
}

