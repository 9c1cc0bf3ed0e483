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

// RESP protocol errors (server/request-parser.ts): Redis answers them, then closes the connection.
export const PROTOCOL_INVALID_MULTIBULK_LENGTH = 'ERR Protocol error: invalid multibulk length'
export const PROTOCOL_INVALID_BULK_LENGTH = 'ERR Protocol error: invalid bulk length'
export const PROTOCOL_UNBALANCED_QUOTES = 'ERR Protocol error: unbalanced quotes in request'
export const PROTOCOL_TOO_BIG_INLINE = 'ERR Protocol error: too big inline request'
export const PROTOCOL_TOO_BIG_MULTIBULK_COUNT = 'ERR Protocol error: too big mbulk count string'
export const PROTOCOL_TOO_BIG_BULK_COUNT = 'ERR Protocol error: too big bulk count string'
/** Redis turns CR and LF in the echoed byte into spaces. */
export const protocolExpectedDollar = (got: string) => `ERR Protocol error: expected '$', got '${got.replace(/[\r\n]/g, ' ')}'`
/** Not a Redis error: a JS string holds fewer bytes than proto-max-bulk-len allows (V8's limit). */
export const argumentTooLong = (max: number) => `ERR argument longer than the ${max} bytes this server can hold in a string`

// String commands (worker/commands/strings.ts).
export const DECREMENT_OVERFLOW = 'ERR decrement would overflow'
export const OFFSET_OUT_OF_RANGE = 'ERR offset is out of range'
export const LCS_NOT_STRINGS = 'ERR The specified keys must contain string values'
export const LCS_LEN_AND_IDX = 'ERR If you want both the length and indexes, please just use IDX.'
export const LCS_TOO_MUCH_MEMORY = 'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len'

// Lists and sets.
export const LPOS_RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
export const LPOS_COUNT_NEGATIVE = "ERR COUNT can't be negative"
export const LPOS_MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative"
export const LIMIT_NEGATIVE = "ERR LIMIT can't be negative"
/** Redis's getRangeLongFromObjectOrReply text when a count must lie within [-LONG_MAX, LONG_MAX]. */
export const COUNT_OUT_OF_LONG_RANGE =
  'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'
/** Not a Redis error: Redis would try to build the reply (and run out of memory); the playground refuses. */
export const REPLY_TOO_LARGE = 'ERR the reply would be too large for the playground'

// Generic (keyspace) commands: worker/commands/keys.ts, expire.ts, sort.ts, object.ts.
/** Redis's getIntFromObjectOrReply text for a number outside C's int (DB indexes). */
export const INT_OUT_OF_RANGE = 'ERR value is out of range, value must between -2147483648 and 2147483647'
export const EXPIRE_NX_AND_OTHERS = 'ERR NX and XX, GT or LT options at the same time are not compatible'
export const EXPIRE_GT_AND_LT = 'ERR GT and LT options at the same time are not compatible'
export const SORT_SCORE_NOT_DOUBLE = "ERR One or more scores can't be converted into double"
export const LFU_NOT_SELECTED =
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.'
export const LFU_SELECTED =
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.'
/**
 * An expire option Redis does not know. Redis formats it with printf (the text stops at a NUL
 * byte), trims CR and LF at the ends and turns the others into spaces.
 */
export function unsupportedOption(option: string): string {
  const shown = option.split('\0', 1)[0]
  return `ERR Unsupported option ${shown}`.replace(/[\r\n]+$/, '').replace(/[\r\n]/g, ' ')
}

// Hashes.
/** HINCRBYFLOAT's increment must be finite (INCRBYFLOAT's text differs). */
export const INCREMENT_NAN_OR_INFINITY = 'ERR value is NaN or Infinity'
/** HRANDFIELD WITHVALUES: the count times two must fit a long. */
export const VALUE_OUT_OF_RANGE = 'ERR value is out of range'

// Sorted sets.
export const ZADD_XX_AND_NX = 'ERR XX and NX options at the same time are not compatible'
export const ZADD_GT_LT_NX = 'ERR GT, LT, and/or NX options at the same time are not compatible'
export const ZADD_INCR_SINGLE_PAIR = 'ERR INCR option supports a single increment-element pair'
export const WEIGHT_NOT_FLOAT = 'ERR weight value is not a float'
export const ZRANGE_LIMIT_NEEDS_BY = 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX'
export const ZRANGE_WITHSCORES_BYLEX = 'ERR syntax error, WITHSCORES not supported in combination with BYLEX'
/** ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD with numkeys below 1. */
export const atLeastOneInputKey = (name: string) => `ERR at least 1 input key is needed for '${name}' command`

// Client administration: CLIENT KILL, PAUSE, MONITOR (worker/commands/client.ts, worker/pause.ts, worker/monitor.ts).
export const NO_SUCH_CLIENT = 'ERR No such client'
export const CLIENT_ID_POSITIVE = 'ERR client-id should be greater than 0'
export const PAUSE_MODE = 'ERR CLIENT PAUSE mode must be WRITE or ALL'
/** A MONITOR connection is a replica to Redis, and replicas may not read or write keys. */
export const MONITOR_TOUCHES_KEYSPACE = "ERR Replica can't interact with the keyspace"
export const MONITOR_DENIED = "ERR MONITOR isn't allowed for DENY BLOCKING client"
export const unknownClientType = (type: string) => `ERR Unknown client type '${type}'`
