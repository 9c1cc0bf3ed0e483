// The RESP server in-process, without redis-server: batching, closing, client bookkeeping,
// expiry, limits and large payloads. Byte-for-byte comparisons with Redis are in tests/diff/resp-server.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Socket } from 'node:net'
import { constants } from 'node:buffer'
import { startServer, type RunningServer } from '../../server/server.ts'
import { formatAddress, toBuffer } from '../../server/connection.ts'
import { encodeCommand } from '../../worker/resp.ts'
import { rawSession } from '../helpers/raw-session.ts'

const multibulk = (...argv: string[]) => encodeCommand(argv)

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket()
    socket.once('error', reject)
    socket.connect(port, '127.0.0.1', () => resolve(socket))
  })
}

/** Reads from a socket until `length` bytes arrived; only the first `keep` are kept. */
function readBytes(socket: Socket, length: number, keep = 64): Promise<{ head: string; total: number }> {
  return new Promise((resolve, reject) => {
    const head: Buffer[] = []
    let total = 0
    const onData = (chunk: Buffer) => {
      if (total < keep) head.push(chunk.subarray(0, keep - total))
      total += chunk.length
      if (total >= length) {
        socket.off('data', onData)
        resolve({ head: Buffer.concat(head).toString('latin1'), total })
      }
    }
    socket.on('data', onData)
    socket.once('close', () => reject(new Error(`closed after ${total} of ${length} bytes`)))
  })
}

/** Sessions the server should close: that ends them at once; 2 s of silence means it did not. */
const untilClosed = { quietMs: 2000 }

const until = async (condition: () => boolean, ms = 2000) => {
  for (const start = Date.now(); !condition() && Date.now() - start < ms; ) await new Promise((r) => setTimeout(r, 10))
}

describe('RESP server (in-process)', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', parser: { maxArgumentLength: 1024 } })
  })
  afterAll(() => server.close())

  it('answers a pipelined batch in order, with one socket write', async () => {
    const writes: Socket[] = []
    const write = Socket.prototype.write
    Socket.prototype.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
      writes.push(this)
      return write.apply(this, args)
    } as Socket['write']
    try {
      const batch = Array.from({ length: 50 }, (_, i) => multibulk('ECHO', `m${i}`)).join('') + 'PING\r\n'
      const { bytes } = await rawSession(server.port, [batch], { until: '+PONG\r\n' })
      expect(bytes).toBe(Array.from({ length: 50 }, (_, i) => `$${String(i).length + 1}\r\nm${i}\r\n`).join('') + '+PONG\r\n')
    } finally {
      Socket.prototype.write = write
    }
    expect(writes.filter((socket) => socket.localPort === server.port)).toHaveLength(1)
  })

  it('makes one engine client per connection, with its real addresses, and removes it on disconnect', async () => {
    const before = new Set(server.engine.clients.keys())
    const socket = await connect(server.port)
    await until(() => server.engine.clients.size > before.size)
    const client = [...server.engine.clients.values()].find((c) => !before.has(c.id))
    expect(client?.addr).toBe(`127.0.0.1:${socket.localPort}`)
    expect(client?.laddr).toBe(`127.0.0.1:${server.port}`)
    socket.destroy()
    await until(() => !server.engine.clients.has(client?.id ?? -1))
    expect(server.engine.clients.has(client?.id ?? -1)).toBe(false)
  })

  it('sends the replies before a protocol error, the error, then closes and forgets the client', async () => {
    const clients = server.engine.clients.size
    const result = await rawSession(server.port, ['PING\r\n*1\r\n$x\r\nPING\r\n'], untilClosed)
    expect(result).toEqual({ bytes: '+PONG\r\n-ERR Protocol error: invalid bulk length\r\n', closed: true })
    await until(() => server.engine.clients.size === clients)
    expect(server.engine.clients.size).toBe(clients)
  })

  it('closes at once, without a reply, on an HTTP request line', async () => {
    expect(await rawSession(server.port, ['PING\r\nPOST / HTTP/1.1\r\nHost: x\r\n\r\n'], untilClosed)).toEqual({ bytes: '', closed: true })
  })

  it('QUIT: replies, closes, and runs nothing after it', async () => {
    const db = server.engine.databases[0]
    const result = await rawSession(server.port, ['SET quit:a 1\r\nQUIT\r\nSET quit:b 2\r\n'], untilClosed)
    expect(result).toEqual({ bytes: '+OK\r\n+OK\r\n', closed: true })
    expect(db.get('quit:a')).toBe('1')
    expect(db.get('quit:b')).toBeUndefined()
  })

  it('CLIENT KILL closes the killed connection right away, as Redis frees it', async () => {
    const before = new Set(server.engine.clients.keys())
    const victim = await connect(server.port)
    await until(() => server.engine.clients.size > before.size)
    const id = [...server.engine.clients.keys()].find((c) => !before.has(c))
    const closed = new Promise((resolve) => victim.once('close', resolve))
    const result = await rawSession(server.port, [`CLIENT KILL ID ${id}\r\n`], { until: '\r\n' })
    expect(result.bytes).toBe(':1\r\n')
    await closed
    expect(server.engine.clients.has(id ?? -1)).toBe(false)
  })

  it('keeps the connection after answering an argument too long for a JS string', async () => {
    const big = 'x'.repeat(2000)
    const result = await rawSession(server.port, [multibulk('SET', 'k', big) + multibulk('ECHO', 'after')], { until: 'after\r\n' })
    expect(result).toEqual({
      bytes: '-ERR argument longer than the 1024 bytes this server can hold in a string\r\n$5\r\nafter\r\n',
      closed: false,
    })
  })

  it('removes expired keys by itself, about ten times a second', async () => {
    const db = server.engine.databases[0]
    const before = db.size
    await rawSession(server.port, ['SET tick:k v PX 1000\r\n'], { until: '+OK\r\n' })
    expect(db.size).toBe(before + 1)
    // Nobody reads the key: only the active expiry cycle can remove it.
    await until(() => db.size === before, 3000)
    expect(db.size).toBe(before)
  })

  it('round-trips a 64 MB value sent in many chunks', async () => {
    const big = await startServer({ port: 0, host: '127.0.0.1' })
    try {
      const socket = await connect(big.port)
      const payload = Buffer.alloc(64 * 1024 * 1024, 'xyz')
      const reply = readBytes(socket, payload.length + 13 + 5)
      socket.write(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${payload.length}\r\n`)
      for (let i = 0; i < payload.length; i += 1 << 20) socket.write(payload.subarray(i, i + (1 << 20)))
      socket.write('\r\n' + multibulk('GET', 'k'))
      const { head, total } = await reply
      expect(head).toBe(`+OK\r\n$${payload.length}\r\n${'xyz'.repeat(30)}`.slice(0, head.length))
      expect(total).toBe(5 + `$${payload.length}\r\n`.length + payload.length + 2)
      socket.destroy()
    } finally {
      await big.close()
    }
  })

  it('survives a 512 MB argument (proto-max-bulk-len), and serves the longest a JS string can hold', async () => {
    const big = await startServer({ port: 0, host: '127.0.0.1' })
    try {
      const socket = await connect(big.port)
      // 512 MB is 24 bytes more than V8's longest string: answered with an error, the payload skipped.
      const max = 512 * 1024 * 1024
      const payload = Buffer.alloc(max, 'a')
      const error = '-ERR argument longer than the 536870888 bytes this server can hold in a string\r\n'
      const first = readBytes(socket, error.length + 7, 200)
      socket.write(`*2\r\n$4\r\nECHO\r\n$${max}\r\n`)
      socket.write(payload)
      socket.write('\r\nPING\r\n')
      expect((await first).head).toBe(error + '+PONG\r\n')
      // The longest string V8 holds goes through ECHO and back.
      const longest = constants.MAX_STRING_LENGTH
      const header = `$${longest}\r\n`
      const second = readBytes(socket, header.length + longest + 2)
      socket.write(`*2\r\n$4\r\nECHO\r\n$${longest}\r\n`)
      socket.write(payload.subarray(0, longest))
      socket.write('\r\n')
      const { head, total } = await second
      expect(head).toBe((header + 'a'.repeat(64)).slice(0, 64))
      expect(total).toBe(header.length + longest + 2)
      socket.destroy()
    } finally {
      await big.close()
    }
  })
})

describe('server helpers', () => {
  it('formats addresses as CLIENT LIST does', () => {
    expect(formatAddress('127.0.0.1', 5000)).toBe('127.0.0.1:5000')
    expect(formatAddress('::1', 5000)).toBe('[::1]:5000')
    expect(formatAddress('::ffff:10.0.0.1', 5000)).toBe('10.0.0.1:5000')
  })

  it('turns reply pieces into bytes, large or small', () => {
    expect(toBuffer(['$2\r\n', '\xff\x00', '\r\n'])).toEqual(Buffer.from([0x24, 0x32, 13, 10, 0xff, 0, 13, 10]))
    const large = ['+', 'z'.repeat(20_000_000), '\r\n']
    const buffer = toBuffer(large)
    expect(buffer.length).toBe(20_000_003)
    expect(buffer.subarray(0, 3).toString('latin1')).toBe('+zz')
    expect(buffer.subarray(-3).toString('latin1')).toBe('z\r\n')
  })
})
