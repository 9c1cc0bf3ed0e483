// A real redis-server for differential tests: started on a free loopback port, spoken to over
// raw RESP so the exact reply types are visible, and compared command by command with the engine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, expect } from 'vitest'
import { createServer, Socket } from 'node:net'
import { encodeCommand, encodeReply, ReplyParser } from '../../worker/resp.ts'
import { Engine, type Client } from '../../worker/engine.ts'
import { splitArgs } from '../../worker/split-args.ts'
import { fromText } from '../../worker/bytes.ts'
import type { Reply } from '../../worker/reply.ts'

export const REDIS_SERVER = findRedisServer()
export const SKIP_MESSAGE =
  'redis-server is not installed: differential tests skipped. Install it with `apt-get install -y redis-server` (Debian).'

function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' })
  const path = found.stdout.trim()
  if (path === '') {
    console.warn(SKIP_MESSAGE)
    return undefined
  }
  return path
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** A RESP connection that sends one command at a time and resolves with the parsed reply. */
export class RawClient {
  private readonly parser = new ReplyParser()
  private readonly waiting: Array<(reply: Reply) => void> = []
  /** Replies that arrived with nobody waiting (pushes): read them with `nextPush`. */
  readonly unsolicited: Reply[] = []
  /** Settles when the server closes the connection (CLIENT KILL, QUIT) or it is closed here. */
  readonly closed: Promise<void>

  private constructor(private readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()))
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      this.parser.feed(chunk)
      for (let reply = this.parser.next(); reply !== undefined; reply = this.parser.next()) {
        const resolve = this.waiting.shift()
        if (resolve) resolve(reply)
        else this.unsolicited.push(reply)
      }
    })
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = new Socket()
      socket.once('error', reject)
      socket.connect(port, host, () => resolve(new RawClient(socket)))
    })
  }

  call(argv: string[]): Promise<Reply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve)
      this.socket.write(encodeCommand(argv), 'latin1')
    })
  }

  /** Sends raw bytes (inline commands, protocol errors). */
  writeRaw(bytes: string): void {
    this.socket.write(bytes, 'latin1')
  }

  close(): void {
    this.socket.destroy()
  }
}

export interface RedisProcess {
  port: number
  client: RawClient
  /** Opens another connection to the same server. */
  connect(): Promise<RawClient>
  stop(): Promise<void>
}

export async function startRedis(extraArgs: string[] = []): Promise<RedisProcess> {
  if (REDIS_SERVER === undefined) throw new Error(SKIP_MESSAGE)
  const port = await freePort()
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...extraArgs],
    { stdio: 'ignore' },
  )
  let client: RawClient | undefined
  for (let attempt = 0; attempt < 100 && client === undefined; attempt++) {
    try {
      client = await RawClient.connect(port)
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  if (client === undefined) throw new Error(`redis-server did not start on port ${port}`)
  const opened: RawClient[] = [client]
  return {
    port,
    client,
    async connect() {
      const c = await RawClient.connect(port)
      opened.push(c)
      return c
    },
    stop: () =>
      new Promise((resolve) => {
        for (const c of opened) c.close()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** How one line's replies are compared. */
export type Compare = 'exact' | 'unordered' | 'type' | ((redis: Reply, engine: Reply) => boolean)

export interface Mismatch {
  line: string
  redis: Reply
  engine: Reply
}

/** Sorts array/set/map members recursively so replies whose order Redis does not define compare equal. */
export function normalizeUnordered(reply: Reply): Reply {
  if (reply.type === 'array' || reply.type === 'set') {
    const items = reply.value.map(normalizeUnordered)
    return { type: reply.type, value: items.sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b))) }
  }
  if (reply.type === 'map') {
    const pairs = reply.value.map(([k, v]) => [normalizeUnordered(k), normalizeUnordered(v)] as [Reply, Reply])
    return { type: 'map', value: pairs.sort((a, b) => cmp(JSON.stringify(a[0]), JSON.stringify(b[0]))) }
  }
  return reply
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** BigInt-safe structural form of a reply, for equality checks and readable diffs. */
export function show(reply: Reply): string {
  return JSON.stringify(reply, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))
}

function same(redis: Reply, engine: Reply, compare: Compare): boolean {
  if (typeof compare === 'function') return compare(redis, engine)
  if (compare === 'type') return redis.type === engine.type
  if (compare === 'unordered') return show(normalizeUnordered(redis)) === show(normalizeUnordered(engine))
  return show(redis) === show(engine)
}

/**
 * The engine side of a differential test: one engine, one client per connection. Replies go
 * through the RESP encoder and parser, so they compare with what a client of redis-server sees
 * (a RESP2 client gets a map as a flat array, a double as a bulk string).
 */
export class EnginePeer {
  readonly engine = new Engine()
  readonly clients: Client[] = [this.engine.createClient()]
  private readonly parser = new ReplyParser()
  exec(argv: string[], connection = 0): Reply {
    while (this.clients.length <= connection) this.clients.push(this.engine.createClient())
    const client = this.clients[connection]
    return this.onTheWire(this.engine.exec(client, argv), client.resp)
  }
  /** A reply as the client receives it. */
  onTheWire(reply: Reply, resp: 2 | 3): Reply {
    this.parser.feed(encodeReply(reply, resp))
    const parsed = this.parser.next()
    if (parsed === undefined) throw new Error('reply did not round-trip through RESP')
    return parsed
  }
}

/** Parses a script line: redis-cli quoting, UTF-8 text to bytes. */
export function argvOf(line: string | string[]): string[] {
  if (Array.isArray(line)) return line
  const argv = splitArgs(fromText(line))
  if (argv === undefined) throw new Error(`unbalanced quotes: ${line}`)
  return argv
}

/** A script line: redis-cli text, an argv, or an object with argv or text and how to compare. */
export type ScriptLine = string | string[] | { cmd: string | string[]; compare?: Compare; connection?: number }

/** Runs lines on both sides (connection 0 unless said) and returns the mismatches. */
export async function diffLines(redis: RedisProcess, engine: EnginePeer, lines: ScriptLine[]): Promise<Mismatch[]> {
  const connections: RawClient[] = [redis.client]
  const mismatches: Mismatch[] = []
  for (const entry of lines) {
    const { cmd, compare = 'exact', connection = 0 } = typeof entry === 'string' || Array.isArray(entry) ? { cmd: entry } : entry
    while (connections.length <= connection) connections.push(await redis.connect())
    const argv = argvOf(cmd)
    const expected = await connections[connection].call(argv)
    const actual = engine.exec(argv, connection)
    if (!same(expected, actual, compare)) mismatches.push({ line: argv.join(' '), redis: expected, engine: actual })
  }
  return mismatches
}

/** Runs the lines on a flushed redis-server and the engine, and fails the test with a readable diff on any mismatch. */
/**
 * A redis-server for the enclosing describe block, and `check(lines)`: runs the lines on it and
 * on a new engine and expects the same replies. `reset` runs on the server before each check.
 */
export function useRedis(reset: string[][] = []): { redis: () => RedisProcess; check: (lines: ScriptLine[]) => Promise<void> } {
  let started: RedisProcess | undefined
  beforeAll(async () => {
    started = await startRedis()
  })
  afterAll(() => started?.stop())
  const redis = (): RedisProcess => {
    if (started === undefined) throw new Error('redis-server has not started')
    return started
  }
  return {
    redis,
    async check(lines) {
      for (const argv of reset) await redis().client.call(argv)
      const mismatches = await diffLines(redis(), new EnginePeer(), lines)
      expect(mismatches, describeMismatches(mismatches)).toEqual([])
    },
  }
}

export async function expectSameReplies(redis: RedisProcess, lines: ScriptLine[], engine = new EnginePeer()): Promise<void> {
  await redis.client.call(['FLUSHALL'])
  const mismatches = await diffLines(redis, engine, lines)
  expect(mismatches, describeMismatches(mismatches)).toEqual([])
}

/** Text `unordered` lines: shorthand for { cmd, compare: 'unordered' }. */
export const unordered = (cmd: string | string[]): ScriptLine => ({ cmd, compare: 'unordered' })

/**
 * Lines on a RESP3 connection: connection 1, switched with HELLO 3 on both sides first. Lines
 * given as objects keep their comparison.
 */
export const resp3 = (lines: ScriptLine[]): ScriptLine[] => [
  { cmd: 'HELLO 3', connection: 1, compare: 'type' },
  ...lines.map((line) => (typeof line === 'string' || Array.isArray(line) ? { cmd: line, connection: 1 } : { ...line, connection: 1 })),
]

/**
 * Integer replies that may differ by up to `tolerance` (TTLs: real time passes between the two
 * sides); any other reply must be the same.
 */
export const near = (tolerance: number): Compare => (redis, engine) =>
  redis.type === 'integer' && engine.type === 'integer'
    ? Math.abs(Number(redis.value) - Number(engine.value)) <= tolerance
    : show(redis) === show(engine)

/** The strings of an array (or set) of bulk strings, or undefined when the reply is not one. */
export function bulkTexts(reply: Reply): string[] | undefined {
  if (reply.type !== 'array' && reply.type !== 'set') return undefined
  const out: string[] = []
  for (const item of reply.value) {
    if (item.type !== 'bulk') return undefined
    out.push(item.value)
  }
  return out
}

/** Readable text of mismatches for assertion messages. */
export function describeMismatches(mismatches: Mismatch[]): string {
  return mismatches.map((m) => `> ${m.line}\n  redis:  ${show(m.redis)}\n  engine: ${show(m.engine)}`).join('\n')
}
