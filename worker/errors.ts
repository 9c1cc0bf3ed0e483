// Every error text the engine can reply with, written once, exactly as Redis 7.0 writes it.
// Handlers throw a ReplyError; the dispatcher turns it into an error reply.

export class ReplyError extends Error {
  constructor(readonly text: string) {
    super(text)
  }
}

/** Throws an error reply. Typed `never` so handlers can `return fail(...)` or use it in expressions. */
export function fail(text: string): never {
  throw new ReplyError(text)
}

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value'
export const SYNTAX = 'ERR syntax error'
export const NOT_INTEGER = 'ERR value is not an integer or out of range'
export const NOT_FLOAT = 'ERR value is not a valid float'
export const OVERFLOW = 'ERR increment or decrement would overflow'
export const NAN_OR_INFINITY = 'ERR increment would produce NaN or Infinity'
export const NO_SUCH_KEY = 'ERR no such key'
export const INDEX_OUT_OF_RANGE = 'ERR index out of range'
export const DB_INDEX_OUT_OF_RANGE = 'ERR DB index is out of range'
export const OUT_OF_RANGE_POSITIVE = 'ERR value is out of range, must be positive'
export const MIN_MAX_NOT_FLOAT = 'ERR min or max is not a float'
export const MIN_MAX_NOT_STRING_RANGE = 'ERR min or max not valid string range item'
export const HASH_NOT_INTEGER = 'ERR hash value is not an integer'
export const HASH_NOT_FLOAT = 'ERR hash value is not a float'
export const STRING_TOO_LONG = 'ERR string exceeds maximum allowed size (proto-max-bulk-len)'
export const SCORE_NAN = 'ERR resulting score is not a number (NaN)'
export const SAME_OBJECT = 'ERR source and destination objects are the same'
export const NUMKEYS_POSITIVE = 'ERR numkeys should be greater than 0'
export const NUMKEYS_TOO_MANY = "ERR Number of keys can't be greater than number of args"
export const COUNT_POSITIVE = 'ERR count should be greater than 0'
export const INVALID_CURSOR = 'ERR invalid cursor'
export const NOT_SUPPORTED = 'ERR command not supported by the playground'

export const wrongArity = (name: string) => `ERR wrong number of arguments for '${name}' command`
export const invalidExpireTime = (name: string) => `ERR invalid expire time in '${name}' command`

/** Redis lists up to the first few arguments (each cut to 128 bytes) after an unknown command. */
export function unknownCommand(name: string, args: string[]): string {
  let listed = ''
  for (let i = 0; i < args.length && listed.length < 128; i++) {
    listed += `'${args[i].slice(0, 128 - listed.length)}' `
  }
  return clip(`ERR unknown command '${name.slice(0, 128)}', with args beginning with: ${listed}`)
}

export const unknownSubcommand = (sub: string, container: string) =>
  clip(`ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`)

/** Redis turns newlines in the errors it echoes into spaces, to keep the protocol line intact. */
function clip(s: string): string {
  return s.replace(/[\r\n]/g, ' ')
}
