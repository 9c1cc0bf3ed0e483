// Replies as text, exactly as redis-cli 7.0 prints them to a terminal (its cliFormatReplyTTY):
// quoted and escaped strings, "(integer) 3", "(nil)", numbered and nested aggregates with
// redis-cli's indentation, maps as `1# key => value`, sets as `1~ member`.
import type { Reply } from './reply.ts'
import { encodeReply, ReplyParser } from './resp.ts'
import { formatDouble } from './double.ts'

/**
 * The text redis-cli shows for a reply, lines joined with "\n" and no trailing newline.
 * `resp` is the protocol the client speaks: with 2 the reply is shown as a RESP2 client receives
 * it (maps flattened, doubles as strings, booleans as integers), as `redis-cli` shows it without -3.
 */
export function formatReply(reply: Reply, resp: 2 | 3 = 3): string {
  // redis-cli prints each reply of a sequence (SUBSCRIBE a b) as it reads it.
  if (reply.type === 'sequence') return reply.value.map((item) => formatReply(item, resp)).join('\n')
  const shown = resp === 2 ? asResp2(reply) : reply
  const text = shown.type === 'push' && isInvalidation(shown) ? invalidationText(shown.value[1]) : tty(shown, '')
  return text.endsWith('\n') ? text.slice(0, -1) : text
}

/** The reply a RESP2 client reads: the engine's own RESP2 encoding, parsed back. */
function asResp2(reply: Reply): Reply {
  const parser = new ReplyParser()
  parser.feed(encodeReply(reply, 2))
  return parser.next() as Reply
}

/** redis-cli prints status and error texts as C strings: they end at the first NUL byte. */
const cString = (text: string): string => {
  const nul = text.indexOf('\0')
  return nul < 0 ? text : text.slice(0, nul)
}

/** One reply as redis-cli's cliFormatReplyTTY writes it, ending with "\n"; `prefix` indents nested lines. */
function tty(reply: Reply, prefix: string): string {
  switch (reply.type) {
    case 'error':
      return `(error) ${cString(reply.value)}\n`
    case 'simple':
      return `${cString(reply.value)}\n`
    case 'integer':
      return `(integer) ${reply.value}\n`
    case 'double':
      return `(double) ${formatDouble(reply.value)}\n`
    case 'bigNumber':
      // redis-cli 7.0 cannot print a big number (it stops with "Unknown reply type: 13");
      // this is how later redis-cli versions show one.
      return `(big number) ${reply.value}\n`
    case 'bulk':
      return `${quote(reply.value)}\n`
    case 'verbatim':
      return `${reply.value}\n`
    case 'null':
    case 'nullArray':
      return '(nil)\n'
    case 'boolean':
      return reply.value ? '(true)\n' : '(false)\n'
    case 'sequence':
      return reply.value.map((item) => tty(item, prefix)).join('')
    case 'array':
    case 'set':
    case 'push':
      return aggregate(reply.type, reply.value.length, prefix, (i, nested) => tty(reply.value[i], nested))
    case 'map':
      return aggregate('map', reply.value.length, prefix, (i, nested) => {
        const [key, value] = reply.value[i]
        const keyText = tty(key, nested).slice(0, -1)
        // A value that takes several lines starts on its own line, aligned under the key.
        const lineBreak = isMultiline(value) ? `\n${nested}` : ''
        return `${keyText} => ${lineBreak}${tty(value, nested)}`
      })
  }
}

const EMPTY: Record<'array' | 'set' | 'push' | 'map', string> = {
  array: '(empty array)\n',
  set: '(empty set)\n',
  push: '(empty push)\n',
  map: '(empty hash)\n',
}

const SEPARATOR: Record<'array' | 'set' | 'push' | 'map', string> = { array: ')', set: '~', push: ')', map: '#' }

/**
 * Numbered entries: the numbers are right-aligned to the widest one, and nested lines are
 * indented by that width plus two. The first entry has no prefix: the caller already wrote
 * the parent's number on that line.
 */
function aggregate(
  type: 'array' | 'set' | 'push' | 'map', count: number, prefix: string, entry: (i: number, nested: string) => string,
): string {
  if (count === 0) return EMPTY[type]
  const width = String(count).length
  const nested = prefix + ' '.repeat(width + 2)
  let out = ''
  for (let i = 0; i < count; i++) {
    out += `${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}${SEPARATOR[type]} ${entry(i, nested)}`
  }
  return out
}

/** redis-cli's cliIsMultilineValueTTY: whether a reply takes more than one line. */
function isMultiline(reply: Reply): boolean {
  switch (reply.type) {
    case 'array':
    case 'set':
    case 'push':
      return reply.value.length > 1 || (reply.value.length === 1 && isMultiline(reply.value[0]))
    case 'map':
      return reply.value.length > 1 || (reply.value.length === 1 && isMultiline(reply.value[0][1]))
    default:
      return false
  }
}

/** redis-cli's test for a client-side caching invalidation push: ["invalidate...", [keys]]. */
function isInvalidation(reply: { value: Reply[] }): boolean {
  const [kind, keys] = reply.value
  return reply.value.length === 2 && kind.type === 'bulk' && cString(kind.value).startsWith('invalidate') &&
    keys.type === 'array'
}

/** How redis-cli shows an invalidation push: `-> invalidate: 'key1', 'key2'`. */
function invalidationText(keys: Reply): string {
  const names = keys.type === 'array' ? keys.value.map((key) => (key.type === 'bulk' ? `'${cString(key.value)}'` : '')) : []
  return `-> invalidate: ${names.join(', ')}\n`
}

/** redis's sdscatrepr: a double-quoted string with C escapes, and \xHH for other unprintable bytes. MONITOR quotes arguments the same way. */
export function quote(bytes: string): string {
  let out = '"'
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i)
    const escaped = ESCAPES.get(c)
    if (escaped !== undefined) out += escaped
    else if (c >= 0x20 && c <= 0x7e) out += bytes[i]
    else out += `\\x${(c & 0xff).toString(16).padStart(2, '0')}`
  }
  return out + '"'
}

const ESCAPES = new Map<number, string>([
  [0x5c, '\\\\'], [0x22, '\\"'], [0x0a, '\\n'], [0x0d, '\\r'], [0x09, '\\t'], [0x07, '\\a'], [0x08, '\\b'],
])
