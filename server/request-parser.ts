// A streaming parser of client requests, as Redis reads them (networking.c): RESP multibulk
// requests ("*2\r\n$3\r\nGET\r\n$1\r\na\r\n") and inline commands ("GET a\r\n"), with Redis's
// protocol errors and limits. Feed it the socket's Buffers; `next()` hands out one request at a
// time, so the connection can stop reading after QUIT or a protocol error exactly where Redis does.
//
// Buffer handling is linear: new chunks wait in a queue and are copied into the working buffer
// once, when a line or a whole bulk argument is there; a big bulk is never re-concatenated per chunk.
import { constants } from 'node:buffer'
import { splitArgs } from '../worker/split-args.ts'
import { toInt64 } from '../worker/args.ts'
import {
  argumentTooLong,
  PROTOCOL_INVALID_BULK_LENGTH,
  PROTOCOL_INVALID_MULTIBULK_LENGTH,
  PROTOCOL_TOO_BIG_BULK_COUNT,
  PROTOCOL_TOO_BIG_INLINE,
  PROTOCOL_TOO_BIG_MULTIBULK_COUNT,
  PROTOCOL_UNBALANCED_QUOTES,
  protocolExpectedDollar,
} from '../worker/errors.ts'

/** PROTO_INLINE_MAX_SIZE: the longest inline request or count line. */
export const INLINE_MAX = 64 * 1024
/** Redis keeps the argument count in an int. */
const MULTIBULK_MAX = 2147483647
/** proto-max-bulk-len's default. */
const DEFAULT_MAX_BULK = 512 * 1024 * 1024

const CR = 0x0d
const LF = 0x0a
const NUL = 0x00
const STAR = 0x2a
const DOLLAR = 0x24
const EMPTY = Buffer.alloc(0)

export type Request =
  /** A command to run. */
  | { type: 'command'; argv: string[] }
  /** A well-formed command this server cannot hold (an argument longer than a JS string): answer the error, go on. */
  | { type: 'rejected'; error: string }
  /** Answer the error, then close the connection, as Redis does. */
  | { type: 'protocolError'; error: string }

export interface RequestParserOptions {
  /** proto-max-bulk-len; read for every bulk, since CONFIG SET may change it. */
  maxBulkLength?: () => number
  /** The longest argument that fits in a JS string (V8's limit unless a test lowers it). */
  maxArgumentLength?: number
}

export class RequestParser {
  /** Bytes being parsed, from `pos`. */
  private buffer: Buffer = EMPTY
  private pos = 0
  /** Chunks received after `buffer`, not yet copied into it. */
  private queued: Buffer[] = []
  private queuedLength = 0
  /** Arguments still to read in the current multibulk request (0: between requests). */
  private argsLeft = 0
  private argv: string[] = []
  /** Length of the bulk argument being read, or -1 while its "$N" line is still to come. */
  private bulkLength = -1
  /** Bytes to throw away: the payload of an argument too long to keep. */
  private discard = 0
  /** Set when the current multibulk request had such an argument. */
  private rejection: string | undefined
  /** After a protocol error the stream cannot be followed any more: nothing else is read. */
  private failed = false
  private readonly maxBulkLength: () => number
  private readonly maxArgumentLength: number

  constructor(options: RequestParserOptions = {}) {
    this.maxBulkLength = options.maxBulkLength ?? (() => DEFAULT_MAX_BULK)
    this.maxArgumentLength = options.maxArgumentLength ?? constants.MAX_STRING_LENGTH
  }

  feed(chunk: Buffer): void {
    if (chunk.length === 0 || this.failed) return
    if (this.pos === this.buffer.length && this.queuedLength === 0) {
      this.buffer = chunk
      this.pos = 0
    } else {
      this.queued.push(chunk)
      this.queuedLength += chunk.length
    }
  }

  /** Bytes received and not yet consumed. */
  get pending(): number {
    return this.buffer.length - this.pos + this.queuedLength
  }

  /** The next complete request, or undefined until more bytes arrive. */
  next(): Request | undefined {
    const request = this.parseNext()
    if (request?.type === 'protocolError') {
      this.failed = true
      this.buffer = EMPTY
      this.pos = 0
      this.queued = []
      this.queuedLength = 0
    }
    return request
  }

  private parseNext(): Request | undefined {
    if (this.failed) return undefined
    for (;;) {
      if (this.argsLeft === 0) {
        if (this.pending === 0) return undefined
        if (this.pos === this.buffer.length) this.consolidate()
        if (this.buffer[this.pos] !== STAR) {
          const inline = this.readInline()
          if (inline === undefined || inline.type !== 'command' || inline.argv.length > 0) return inline
          continue
        }
        const count = this.readMultibulkCount()
        if (typeof count !== 'number') return count
        // *0 and negative counts are ignored, like empty inline lines.
        if (count <= 0) continue
        this.argsLeft = count
        this.argv = []
      }
      return this.readArguments()
    }
  }

  private readInline(): Request | undefined {
    const end = this.findLine(LF)
    if (end === 'wait') return undefined
    if (end === 'tooBig') return protocolError(PROTOCOL_TOO_BIG_INLINE)
    const lineEnd = end > this.pos && this.buffer[end - 1] === CR ? end - 1 : end
    const argv = splitArgs(this.buffer.toString('latin1', this.pos, lineEnd))
    this.consume(end + 1 - this.pos)
    if (argv === undefined) return protocolError(PROTOCOL_UNBALANCED_QUOTES)
    return { type: 'command', argv }
  }

  private readMultibulkCount(): number | Request | undefined {
    const end = this.findLine(CR)
    if (end === 'wait') return undefined
    if (end === 'tooBig') return protocolError(PROTOCOL_TOO_BIG_MULTIBULK_COUNT)
    const count = this.integer(this.pos + 1, end)
    if (count === undefined || count > MULTIBULK_MAX) return protocolError(PROTOCOL_INVALID_MULTIBULK_LENGTH)
    this.consume(end + 2 - this.pos)
    return count
  }

  /** Reads the current request's remaining arguments: the request, or undefined to wait. */
  private readArguments(): Request | undefined {
    while (this.argsLeft > 0) {
      if (this.discard > 0) {
        if (!this.dropDiscarded()) return undefined
        this.argsLeft--
        continue
      }
      if (this.bulkLength < 0) {
        const end = this.findLine(CR)
        if (end === 'wait') return undefined
        if (end === 'tooBig') return protocolError(PROTOCOL_TOO_BIG_BULK_COUNT)
        const first = this.buffer[this.pos]
        if (first !== DOLLAR) return protocolError(protocolExpectedDollar(String.fromCharCode(first)))
        const length = this.integer(this.pos + 1, end)
        if (length === undefined || length < 0 || length > this.maxBulkLength()) {
          return protocolError(PROTOCOL_INVALID_BULK_LENGTH)
        }
        this.consume(end + 2 - this.pos)
        if (length > this.maxArgumentLength) {
          // Redis would take it; a JS string cannot. Skip the payload without buffering it.
          this.rejection = argumentTooLong(this.maxArgumentLength)
          this.discard = length + 2
          continue
        }
        this.bulkLength = length
      }
      // Redis skips the two bytes after the payload without looking at them.
      if (!this.gather(this.bulkLength + 2)) return undefined
      if (this.rejection === undefined) {
        this.argv.push(this.buffer.toString('latin1', this.pos, this.pos + this.bulkLength))
      }
      this.consume(this.bulkLength + 2)
      this.bulkLength = -1
      this.argsLeft--
    }
    const argv = this.argv
    const rejection = this.rejection
    this.argv = []
    this.rejection = undefined
    return rejection === undefined ? { type: 'command', argv } : { type: 'rejected', error: rejection }
  }

  /**
   * Finds the byte that ends the line starting at `pos` (LF for inline requests, CR for count
   * lines, as Redis's strchr does: a NUL byte before it hides it). A count line also needs one
   * more byte after the CR. Lines longer than INLINE_MAX are an error whatever the chunking
   * (Redis reads 16 KB at a time and notices once 64 KB are buffered without an end).
   */
  private findLine(terminator: number): number | 'wait' | 'tooBig' {
    let end = this.lineEnd(terminator)
    if (end < 0 && this.queuedLength > 0) {
      this.consolidate()
      end = this.lineEnd(terminator)
    }
    if (end < 0) return this.pending > INLINE_MAX ? 'tooBig' : 'wait'
    if (end - this.pos > INLINE_MAX) return 'tooBig'
    if (terminator === CR && end + 1 >= this.buffer.length) {
      if (this.queuedLength === 0) return 'wait'
      const offset = end - this.pos
      this.consolidate()
      return offset
    }
    return end
  }

  private lineEnd(terminator: number): number {
    const end = this.buffer.indexOf(terminator, this.pos)
    if (end < 0) return -1
    return this.buffer.subarray(this.pos, end).indexOf(NUL) < 0 ? end : -1
  }

  /** Redis's string2ll over buffer[start, end): the value, or undefined when not an int64 in canonical form. */
  private integer(start: number, end: number): number | undefined {
    const length = end - start
    if (length === 0 || length > 20) return undefined
    if (length > 15) {
      const value = toInt64(this.buffer.toString('latin1', start, end))
      return value === undefined ? undefined : Number(value)
    }
    const negative = this.buffer[start] === 0x2d
    let i = negative ? start + 1 : start
    if (i === end) return undefined
    const first = this.buffer[i]
    if (first === 0x30) return length === 1 ? 0 : undefined
    let value = 0
    for (; i < end; i++) {
      const digit = this.buffer[i] - 0x30
      if (digit < 0 || digit > 9) return undefined
      value = value * 10 + digit
    }
    return negative ? -value : value
  }

  /** Makes `length` bytes contiguous at `pos`, once they have all arrived. */
  private gather(length: number): boolean {
    if (this.buffer.length - this.pos >= length) return true
    if (this.pending < length) return false
    this.consolidate()
    return true
  }

  /** Copies the unparsed rest and the queued chunks into one buffer. */
  private consolidate(): void {
    if (this.queuedLength === 0) return
    const rest = this.buffer.subarray(this.pos)
    this.buffer = rest.length === 0 && this.queued.length === 1 ? this.queued[0] : Buffer.concat([rest, ...this.queued])
    this.pos = 0
    this.queued = []
    this.queuedLength = 0
  }

  private consume(count: number): void {
    this.pos += count
    // Let go of a fully parsed chunk (it may be large) as soon as possible.
    if (this.pos === this.buffer.length) {
      this.buffer = EMPTY
      this.pos = 0
    }
  }

  /** Throws away discarded bytes as they arrive; true once all are gone. */
  private dropDiscarded(): boolean {
    const fromBuffer = Math.min(this.discard, this.buffer.length - this.pos)
    this.consume(fromBuffer)
    this.discard -= fromBuffer
    while (this.discard > 0 && this.queued.length > 0) {
      const chunk = this.queued[0]
      if (chunk.length <= this.discard) {
        this.queued.shift()
        this.queuedLength -= chunk.length
        this.discard -= chunk.length
      } else {
        this.queued[0] = chunk.subarray(this.discard)
        this.queuedLength -= this.discard
        this.discard = 0
      }
    }
    return this.discard === 0
  }
}

function protocolError(error: string): Request {
  return { type: 'protocolError', error }
}
