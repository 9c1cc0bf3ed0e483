// Splits a command line into arguments with redis-cli's rules (sdssplitargs): blanks separate
// arguments; "double quotes" understand \n \r \t \b \a \\ \" and \xHH; 'single quotes' only \'.
// A closing quote must be followed by a blank or the end. Returns undefined for unbalanced
// quotes, where redis-cli prints "Invalid argument(s)". Input and output are byte strings.

const BLANK = /[ \n\r\t\v\f]/
const HEX = /^[0-9a-fA-F]{2}$/

export function splitArgs(line: string): string[] | undefined {
  const args: string[] = []
  let i = 0
  for (;;) {
    while (i < line.length && BLANK.test(line[i])) i++
    if (i >= line.length) return args
    let current = ''
    let inDouble = false
    let inSingle = false
    for (;;) {
      const c = line[i]
      if (inDouble) {
        if (c === undefined) return undefined
        if (c === '\\' && line[i + 1] === 'x' && HEX.test(line.slice(i + 2, i + 4))) {
          current += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16))
          i += 3
        } else if (c === '\\' && i + 1 < line.length) {
          i++
          const e = line[i]
          current += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e
        } else if (c === '"') {
          if (i + 1 < line.length && !BLANK.test(line[i + 1])) return undefined
          i++
          break
        } else {
          current += c
        }
      } else if (inSingle) {
        if (c === undefined) return undefined
        if (c === '\\' && line[i + 1] === "'") {
          i++
          current += "'"
        } else if (c === "'") {
          if (i + 1 < line.length && !BLANK.test(line[i + 1])) return undefined
          i++
          break
        } else {
          current += c
        }
      } else {
        if (c === undefined || BLANK.test(c)) break
        if (c === '"') inDouble = true
        else if (c === "'") inSingle = true
        else current += c
      }
      i++
    }
    args.push(current)
  }
}
