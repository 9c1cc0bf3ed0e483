// The Redis serialization protocol: Reply -> RESP2/RESP3 bytes, and a streaming parser of
// replies (for clients and tests). Byte strings in, byte strings out; no Node APIs here.
import type { Reply } from './reply.ts'
import { formatDouble } from './double.ts'

/** Encodes a reply for a client speaking RESP2 or RESP3, as a byte string. */
export function encodeReply(reply: Reply, resp: 2 | 3): string {
  const out: string[] = []
  encodeReplyInto(reply, resp, out)
  return out.join('')
}

/**
 * Appends a reply's encoding to `out` as pieces. The TCP server writes the pieces to one Buffer:
 * a reply near 512 MB does not fit in a single JS string, its pieces do.
 */
export function encodeReplyInto(reply: Reply, resp: 2 | 3, out: string[]): void {
  switch (reply.type) {
    case 'simple':
      out.push('+', reply.value, '\r\n')
      return
    case 'error':
      out.push('-', reply.value, '\r\n')
      return
    case 'integer':
      out.push(':', String(reply.value), '\r\n')
      return
    case 'bulk':
      out.push('$', String(reply.value.length), '\r\n', reply.value, '\r\n')
      return
    case 'null':
      out.push(resp === 3 ? '_\r\n' : '$-1\r\n')
      return
    case 'nullArray':
      out.push(resp === 3 ? '_\r\n' : '*-1\r\n')
      return
    case 'sequence':
      for (const item of reply.value) encodeReplyInto(item, resp, out)
      return
    case 'array':
    case 'set':
    case 'push': {
      const prefix = resp === 2 ? '*' : reply.type === 'array' ? '*' : reply.type === 'set' ? '~' : '>'
      out.push(prefix, String(reply.value.length), '\r\n')
      for (const item of reply.value) encodeReplyInto(item, resp, out)
      return
    }
    case 'map':
      out.push(resp === 3 ? '%' : '*', String(resp === 3 ? reply.value.length : reply.value.length * 2), '\r\n')
      for (const [k, v] of reply.value) {
        encodeReplyInto(k, resp, out)
        encodeReplyInto(v, resp, out)
      }
      return
    case 'double': {
      const text = formatDouble(reply.value)
      if (resp === 3) out.push(',', text, '\r\n')
      else out.push('$', String(text.length), '\r\n', text, '\r\n')
      return
    }
    case 'boolean':
      out.push(resp === 3 ? (reply.value ? '#t\r\n' : '#f\r\n') : reply.value ? ':1\r\n' : ':0\r\n')
      return
    case 'bigNumber':
      if (resp === 3) out.push('(', reply.value, '\r\n')
      else out.push('$', String(reply.value.length), '\r\n', reply.value, '\r\n')
      return
    case 'verbatim':
      if (resp === 3) {
        const body = `${reply.format}:${reply.value}`
        out.push('=', String(body.length), '\r\n', body, '\r\n')
      } else {
        out.push('$', String(reply.value.length), '\r\n', reply.value, '\r\n')
      }
      return
  }
}

/** Encodes a command as a RESP multibulk request. */
export function encodeCommand(argv: string[]): string {
  let out = `*${argv.length}\r\n`
  for (const arg of argv) out += `$${arg.length}\r\n${arg}\r\n`
  return out
}

/**
 * Parses replies from a byte stream. Feed it bytes; `next()` returns the next complete reply
 * or undefined when more bytes are needed. RESP3 doubles come back as { type: 'double' }
 * with the value parsed.
 */
export class ReplyParser {
  private buffer = ''
  private offset = 0
  /** Bytes fed since the last parse attempt, joined once there are enough of them. */
  private chunks: string[] = []
  private chunksLength = 0
  /** How many bytes from `offset` the last incomplete reply needs at least, so a big bulk is not re-parsed per chunk. */
  private needed = 0
  /** Where in `buffer` the last parse attempt ran out of bytes. */
  private shortAt = 0

  feed(bytes: string): void {
    this.chunks.push(bytes)
    this.chunksLength += bytes.length
  }

  next(): Reply | undefined {
    if (this.buffer.length - this.offset + this.chunksLength < this.needed) return undefined
    if (this.chunks.length > 0) {
      this.buffer = this.buffer.slice(this.offset) + this.chunks.join('')
      this.offset = 0
      this.chunks = []
      this.chunksLength = 0
    }
    const start = this.offset
    const reply = this.parse()
    if (reply === undefined) {
      this.offset = start
      this.needed = this.shortAt - start
    } else {
      this.needed = 0
    }
    return reply
  }

  private line(): string | undefined {
    const end = this.buffer.indexOf('\r\n', this.offset)
    if (end < 0) {
      this.shortAt = this.buffer.length + 1
      return undefined
    }
    const text = this.buffer.slice(this.offset, end)
    this.offset = end + 2
    return text
  }

  private blob(length: number): string | undefined {
    if (this.buffer.length < this.offset + length + 2) {
      this.shortAt = this.offset + length + 2
      return undefined
    }
    const text = this.buffer.slice(this.offset, this.offset + length)
    this.offset += length + 2
    return text
  }

  private items(count: number): Reply[] | undefined {
    const items: Reply[] = []
    for (let i = 0; i < count; i++) {
      const item = this.parse()
      if (item === undefined) return undefined
      items.push(item)
    }
    return items
  }

  private parse(): Reply | undefined {
    const line = this.line()
    if (line === undefined) return undefined
    const kind = line[0]
    const rest = line.slice(1)
    switch (kind) {
      case '+':
        return { type: 'simple', value: rest }
      case '-':
        return { type: 'error', value: rest }
      case ':': {
        const n = BigInt(rest)
        return { type: 'integer', value: n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n }
      }
      case '$': {
        if (rest === '-1') return { type: 'null' }
        const value = this.blob(Number(rest))
        return value === undefined ? undefined : { type: 'bulk', value }
      }
      case '=': {
        const value = this.blob(Number(rest))
        return value === undefined ? undefined : { type: 'verbatim', format: value.slice(0, 3), value: value.slice(4) }
      }
      case '*':
      case '~':
      case '>': {
        if (rest === '-1') return { type: 'nullArray' }
        const items = this.items(Number(rest))
        if (items === undefined) return undefined
        return { type: kind === '*' ? 'array' : kind === '~' ? 'set' : 'push', value: items }
      }
      case '%': {
        const items = this.items(Number(rest) * 2)
        if (items === undefined) return undefined
        const pairs: Array<[Reply, Reply]> = []
        for (let i = 0; i < items.length; i += 2) pairs.push([items[i], items[i + 1]])
        return { type: 'map', value: pairs }
      }
      case '_':
        return { type: 'null' }
      case ',':
        return { type: 'double', value: rest === 'inf' ? Infinity : rest === '-inf' ? -Infinity : Number(rest) }
      case '#':
        return { type: 'boolean', value: rest === 't' }
      case '(':
        return { type: 'bigNumber', value: rest }
      default:
        throw new Error(`RESP: unexpected type byte ${JSON.stringify(kind)}`)
    }
  }
}
