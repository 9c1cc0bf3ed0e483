import { describe, expect, it } from 'vitest'
import { encodeCommand } from '../../worker/resp.ts'
import { INLINE_MAX, RequestParser, type Request, type RequestParserOptions } from '../../server/request-parser.ts'

const bytes = (text: string) => Buffer.from(text, 'latin1')

/** Feeds the chunks one by one and collects every request handed out. */
function parse(chunks: Array<string | Buffer>, options?: RequestParserOptions): Request[] {
  const parser = new RequestParser(options)
  const out: Request[] = []
  for (const chunk of chunks) {
    parser.feed(typeof chunk === 'string' ? bytes(chunk) : chunk)
    for (let r = parser.next(); r !== undefined; r = parser.next()) out.push(r)
  }
  return out
}

const command = (...argv: string[]): Request => ({ type: 'command', argv })
const protocolError = (error: string): Request => ({ type: 'protocolError', error })
const multibulk = (...argv: string[]) => encodeCommand(argv)

describe('RequestParser: multibulk requests', () => {
  it('parses one request and a pipelined batch in order', () => {
    expect(parse([multibulk('SET', 'a', 'b')])).toEqual([command('SET', 'a', 'b')])
    expect(parse([multibulk('SET', 'a', 'b') + multibulk('GET', 'a') + multibulk('PING')])).toEqual([
      command('SET', 'a', 'b'),
      command('GET', 'a'),
      command('PING'),
    ])
  })

  it('gives the same requests however the bytes are split', () => {
    const stream = multibulk('SET', 'key', 'va\r\nlue') + 'PING x\r\n' + multibulk('ECHO', '') + '*0\r\n' + multibulk('GET', 'key')
    const expected = [command('SET', 'key', 'va\r\nlue'), command('PING', 'x'), command('ECHO', ''), command('GET', 'key')]
    expect(parse(stream.split(''))).toEqual(expected)
    for (const size of [2, 3, 5, 7, 11]) {
      const chunks: string[] = []
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size))
      expect(parse(chunks)).toEqual(expected)
    }
  })

  it('keeps bytes as one char per byte, NUL and high bytes included', () => {
    const value = '\x00\xff\xc3\xa9\r\n'
    expect(parse([multibulk('SET', 'k', value)])).toEqual([command('SET', 'k', value)])
  })

  it('ignores *0 and negative counts, like Redis', () => {
    expect(parse(['*0\r\n*-1\r\n*-5\r\n' + multibulk('PING')])).toEqual([command('PING')])
  })

  it('skips the two bytes after a payload without checking them, as Redis does', () => {
    expect(parse(['*1\r\n$4\r\nPINGxxPING\r\n'])).toEqual([command('PING'), command('PING')])
  })

  it('needs one byte after the CR of a count line, whatever it is', () => {
    expect(parse(['*1\r', 'X$4\r\nPING\r\n'])).toEqual([command('PING')])
  })

  it('rejects counts Redis rejects (string2ll and INT_MAX)', () => {
    for (const count of ['abc', '', '+1', '01', '1 ', '-0', '2147483648', '99999999999999999999', '-9223372036854775809']) {
      expect(parse([`*${count}\r\n`]), count).toEqual([protocolError('ERR Protocol error: invalid multibulk length')])
    }
    expect(parse(['*2147483647\r\n'])).toEqual([])
    expect(parse(['*-9223372036854775808\r\nPING\r\n'])).toEqual([command('PING')])
  })

  it('needs a $ before every argument', () => {
    expect(parse(['*1\r\nx3\r\n'])).toEqual([protocolError("ERR Protocol error: expected '$', got 'x'")])
    // Redis turns a CR or LF in the message into a space.
    expect(parse(['*1\r\n\r\n'])).toEqual([protocolError("ERR Protocol error: expected '$', got ' '")])
  })

  it('rejects bulk lengths Redis rejects, including above proto-max-bulk-len', () => {
    for (const length of ['x', '-1', '04', '', '536870913']) {
      expect(parse([`*1\r\n$${length}\r\n`]), length).toEqual([protocolError('ERR Protocol error: invalid bulk length')])
    }
    expect(parse(['*1\r\n$536870912\r\n'])).toEqual([])
    let limit = 10
    const options = { maxBulkLength: () => limit }
    expect(parse([multibulk('ECHO', '0123456789')], options)).toEqual([command('ECHO', '0123456789')])
    limit = 9
    expect(parse([multibulk('ECHO', '0123456789')], options)).toEqual([
      protocolError('ERR Protocol error: invalid bulk length'),
    ])
  })

  it('reports requests before the error, then stops at it', () => {
    const parser = new RequestParser()
    parser.feed(bytes('PING\r\n*a\r\nPING\r\n'))
    expect(parser.next()).toEqual(command('PING'))
    expect(parser.next()).toEqual(protocolError('ERR Protocol error: invalid multibulk length'))
  })

  it('refuses count lines longer than 64 KB', () => {
    expect(parse(['*' + '1'.repeat(INLINE_MAX + 1)])).toEqual([protocolError('ERR Protocol error: too big mbulk count string')])
    expect(parse(['*1\r\n$' + '1'.repeat(INLINE_MAX + 1)])).toEqual([protocolError('ERR Protocol error: too big bulk count string')])
    // Short but unfinished lines just wait.
    expect(parse(['*1\r\n$12'])).toEqual([])
  })

  it('answers an argument longer than a JS string with an error, skips it without buffering, and goes on', () => {
    const options = { maxArgumentLength: 8 }
    const parser = new RequestParser(options)
    parser.feed(bytes('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$20\r\n0123'))
    expect(parser.next()).toBeUndefined()
    expect(parser.pending).toBe(0)
    parser.feed(bytes('4567890123456789\r\n' + multibulk('PING')))
    expect(parser.next()).toEqual({ type: 'rejected', error: 'ERR argument longer than the 8 bytes this server can hold in a string' })
    expect(parser.next()).toEqual(command('PING'))
    // Whichever argument is too long, the rest of the request is still read.
    expect(parse([multibulk('SET', '0123456789', 'v') + multibulk('GET', 'k')], options).map((r) => r.type)).toEqual([
      'rejected',
      'command',
    ])
  })

  it('takes big payloads in many chunks and copies them once', () => {
    const payload = Buffer.alloc(32 * 1024 * 1024, 'ab')
    const header = bytes(`*2\r\n$4\r\nECHO\r\n$${payload.length}\r\n`)
    const parser = new RequestParser()
    parser.feed(header)
    const chunk = 64 * 1024
    let copies = 0
    const concat = Buffer.concat
    Buffer.concat = (list: readonly Uint8Array[], length?: number) => {
      copies++
      return concat(list, length)
    }
    try {
      for (let i = 0; i < payload.length; i += chunk) {
        parser.feed(payload.subarray(i, i + chunk))
        expect(parser.next()).toBeUndefined()
      }
      parser.feed(bytes('\r\n'))
      const request = parser.next()
      expect(request?.type === 'command' && request.argv[1].length).toBe(payload.length)
      expect(request?.type === 'command' && request.argv[1].slice(0, 4)).toBe('abab')
    } finally {
      Buffer.concat = concat
    }
    expect(copies).toBe(1)
    expect(parser.pending).toBe(0)
  })
})

describe('RequestParser: inline commands', () => {
  it('splits with redis-cli quoting, LF or CRLF line ends', () => {
    expect(parse(['SET a "b c"\r\nGET a\n'])).toEqual([command('SET', 'a', 'b c'), command('GET', 'a')])
    expect(parse(['ECHO "\\x41\\n" \'it\\\'s\'\r\n'])).toEqual([command('ECHO', 'A\n', "it's")])
    expect(parse(['  PING\t \r\n'])).toEqual([command('PING')])
  })

  it('treats a lone CR inside a line as a blank', () => {
    expect(parse(['PING\rPING\r\n'])).toEqual([command('PING', 'PING')])
  })

  it('ignores empty lines', () => {
    expect(parse(['\r\n\n   \r\nPING\r\n'])).toEqual([command('PING')])
  })

  it('reports unbalanced quotes', () => {
    expect(parse(['PING "a\r\n'])).toEqual([protocolError('ERR Protocol error: unbalanced quotes in request')])
    expect(parse(['PING a"b" c\r\nPING\r\n'])).toEqual([command('PING', 'ab', 'c'), command('PING')])
    expect(parse(['PING "a"b\r\n'])).toEqual([protocolError('ERR Protocol error: unbalanced quotes in request')])
  })

  it('refuses inline requests longer than 64 KB', () => {
    expect(parse(['PING ' + 'x'.repeat(INLINE_MAX)])).toEqual([protocolError('ERR Protocol error: too big inline request')])
    expect(parse(['PING ' + 'x'.repeat(INLINE_MAX + 10) + '\r\n'])).toEqual([
      protocolError('ERR Protocol error: too big inline request'),
    ])
    expect(parse(['ECHO ' + 'x'.repeat(60_000) + '\r\n'])).toEqual([command('ECHO', 'x'.repeat(60_000))])
  })

  it('waits forever on a line with a NUL before its end, as Redis (strchr) does, until the 64 KB limit', () => {
    const parser = new RequestParser()
    parser.feed(bytes('PI\x00NG\r\n'))
    expect(parser.next()).toBeUndefined()
    parser.feed(bytes('PING\r\n'))
    expect(parser.next()).toBeUndefined()
    parser.feed(Buffer.alloc(INLINE_MAX, 'a'))
    expect(parser.next()).toEqual(protocolError('ERR Protocol error: too big inline request'))
  })
})
