// A console line cut into words the way redis-cli cuts it (worker/split-args.ts), but keeping
// each word's position and tolerating what is still being typed (an open quote), so the editor
// can colour, hint and complete a line that is not finished.

export interface Word {
  /** Offsets of the word in the line, quotes included. */
  from: number
  to: number
  /** The argument it stands for: quotes removed, escapes of double quotes applied. */
  value: string
  /** Whether any part of the word was quoted. */
  quoted: boolean
  /** False while a quote is still open (the line ends inside it). */
  closed: boolean
  /** False when a closing quote is followed by something other than a blank (redis-cli refuses such a line). */
  valid: boolean
}

const BLANK = /[ \n\r\t\v\f]/
const HEX = /^[0-9a-fA-F]{2}$/
const ESCAPES = new Map([['n', '\n'], ['r', '\r'], ['t', '\t'], ['b', '\b'], ['a', '\x07']])

export function isBlank(char: string | undefined): boolean {
  return char !== undefined && BLANK.test(char)
}

export function lexLine(line: string): Word[] {
  const words: Word[] = []
  let i = 0
  while (i < line.length) {
    while (i < line.length && isBlank(line[i])) i++
    if (i >= line.length) break
    const word: Word = { from: i, to: i, value: '', quoted: false, closed: true, valid: true }
    let quote: '"' | "'" | null = null
    for (; i < line.length; i++) {
      const c = line[i]
      if (quote === '"') {
        if (c === '\\' && line[i + 1] === 'x' && HEX.test(line.slice(i + 2, i + 4))) {
          word.value += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16))
          i += 3
        } else if (c === '\\' && i + 1 < line.length) {
          i++
          word.value += ESCAPES.get(line[i]) ?? line[i]
        } else if (c === '"') {
          quote = null
          if (i + 1 < line.length && !isBlank(line[i + 1])) word.valid = false
        } else {
          word.value += c
        }
      } else if (quote === "'") {
        if (c === '\\' && line[i + 1] === "'") {
          i++
          word.value += "'"
        } else if (c === "'") {
          quote = null
          if (i + 1 < line.length && !isBlank(line[i + 1])) word.valid = false
        } else {
          word.value += c
        }
      } else if (isBlank(c)) {
        break
      } else if (c === '"' || c === "'") {
        quote = c
        word.quoted = true
      } else {
        word.value += c
      }
    }
    word.to = i
    if (quote !== null) {
      // An open quote swallows the rest of the line, blanks included.
      word.closed = false
    }
    words.push(word)
  }
  return words
}

/** Quotes a value for the console when it would not survive splitting as a bare word. */
export function quoteIfNeeded(value: string): string {
  if (value !== '' && !/[\s"'\\\x00-\x1f\x7f]/.test(value)) return value
  let out = '"'
  for (const char of value) {
    const code = char.charCodeAt(0)
    if (char === '"' || char === '\\') out += `\\${char}`
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`
    else out += char
  }
  return `${out}"`
}
