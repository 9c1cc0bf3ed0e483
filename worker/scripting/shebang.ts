// An EVAL script's first line "#!lua flags=..." (Redis 7.0's evalExtractShebangFlags): without
// it a script runs in the old compatible mode; with it, only the flags it names apply
// (no-writes makes it read-only; EVAL_RO refuses a script without no-writes).
import { fail } from '../errors.ts'
import { splitArgs } from '../split-args.ts'
import { SCRIPT_FLAGS } from './register-function.ts'

export interface Shebang {
  /** The flags the line names; undefined for a script without the line. */
  flags?: Set<string>
  /** The body without the line (its newline kept, so that line numbers stay the same). */
  code: string
}

export function readShebang(body: string): Shebang {
  if (!body.startsWith('#!')) return { code: body }
  const end = body.indexOf('\n')
  if (end === -1) fail('ERR Invalid script shebang')
  const parts = splitArgs(body.slice(0, end))
  if (parts === undefined || parts.length === 0) fail('ERR Invalid engine in script shebang')
  if (parts[0] !== '#!lua') fail(`ERR Unexpected engine in script shebang: ${parts[0]}`)
  const flags = new Set<string>()
  for (const part of parts.slice(1)) {
    if (!part.startsWith('flags=')) fail(`ERR Unknown lua shebang option: ${part}`)
    const names = part.slice(6)
    if (names === '') continue
    for (const name of names.split(',')) {
      if (!(SCRIPT_FLAGS as readonly string[]).includes(name)) fail(`ERR Unexpected flag in script shebang: ${name}`)
      flags.add(name)
    }
  }
  return { flags, code: body.slice(end) }
}
