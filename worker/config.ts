// Server configuration parameters (CONFIG GET/SET): Redis 7.0's names, old aliases, defaults
// and the validation CONFIG SET applies. Values are kept, under the canonical name, as the
// text CONFIG GET returns.

const LLONG_MAX = 9223372036854775807n
const ULLONG_MAX = 18446744073709551615n
const INT_MAX = 2147483647n
const INT_MIN = -2147483648n

export type ParameterType =
  | { type: 'bool' }
  /**
   * A number; `memory` ones also take units (1k, 1kb, 1mb, ...) and are shown in bytes,
   * `percent` ones also take a percentage of maxmemory ('10%').
   */
  | { type: 'integer'; min: bigint; max: bigint; memory?: boolean; percent?: boolean; clamp?: [bigint, bigint] }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'keyspace-events' }
  | { type: 'save' }
  | { type: 'string' }

export interface ConfigParameter {
  name: string
  /** The pre-7.0 name Redis still accepts (ziplist -> listpack, lua-time-limit). */
  alias?: string
  defaultValue: string
  kind: ParameterType
  /** Redis refuses to change these at run time (immutable) or without enable-protected-configs (protected). */
  fixed?: 'immutable' | 'protected'
}

const bool = (name: string, defaultValue: 'yes' | 'no', more: Partial<ConfigParameter> = {}): ConfigParameter =>
  ({ name, defaultValue, kind: { type: 'bool' }, ...more })
const integer = (name: string, defaultValue: string, min: bigint, max: bigint, more: Partial<ConfigParameter> = {}): ConfigParameter =>
  ({ name, defaultValue, kind: { type: 'integer', min, max }, ...more })
const memory = (name: string, defaultValue: string, min: bigint, max: bigint, more: Partial<ConfigParameter> = {}): ConfigParameter =>
  ({ name, defaultValue, kind: { type: 'integer', min, max, memory: true }, ...more })
const oneOf = (name: string, defaultValue: string, values: string[]): ConfigParameter =>
  ({ name, defaultValue, kind: { type: 'enum', values } })
const text = (name: string, defaultValue: string, fixed: 'immutable' | 'protected'): ConfigParameter =>
  ({ name, defaultValue, kind: { type: 'string' }, fixed })

/** The parameters the playground knows, with Redis 7.0's defaults and bounds. */
export const CONFIG_PARAMETERS: readonly ConfigParameter[] = [
  integer('databases', '16', 1n, INT_MAX, { fixed: 'immutable' }),
  integer('hash-max-listpack-entries', '512', 0n, LLONG_MAX, { alias: 'hash-max-ziplist-entries' }),
  memory('hash-max-listpack-value', '64', 0n, LLONG_MAX, { alias: 'hash-max-ziplist-value' }),
  integer('set-max-intset-entries', '512', 0n, LLONG_MAX),
  integer('zset-max-listpack-entries', '128', 0n, LLONG_MAX, { alias: 'zset-max-ziplist-entries' }),
  memory('zset-max-listpack-value', '64', 0n, LLONG_MAX, { alias: 'zset-max-ziplist-value' }),
  integer('list-max-listpack-size', '-2', INT_MIN, INT_MAX, { alias: 'list-max-ziplist-size' }),
  integer('list-compress-depth', '0', 0n, INT_MAX),
  integer('stream-node-max-entries', '100', 0n, LLONG_MAX),
  memory('stream-node-max-bytes', '4096', 0n, LLONG_MAX),
  memory('hll-sparse-max-bytes', '3000', 0n, LLONG_MAX),
  memory('proto-max-bulk-len', '536870912', 1048576n, LLONG_MAX),
  { name: 'notify-keyspace-events', defaultValue: '', kind: { type: 'keyspace-events' } },
  memory('maxmemory', '0', 0n, ULLONG_MAX),
  oneOf('maxmemory-policy', 'noeviction', [
    'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random',
    'noeviction',
  ]),
  { name: 'maxmemory-clients', defaultValue: '0', kind: { type: 'integer', min: 0n, max: LLONG_MAX, memory: true, percent: true } },
  integer('maxmemory-samples', '5', 1n, INT_MAX),
  integer('maxmemory-eviction-tenacity', '10', 0n, 100n),
  integer('lfu-log-factor', '10', 0n, INT_MAX),
  integer('lfu-decay-time', '1', 0n, INT_MAX),
  integer('active-expire-effort', '1', 1n, 10n),
  bool('activerehashing', 'yes'),
  bool('lazyfree-lazy-user-flush', 'no'),
  { name: 'save', defaultValue: '3600 1 300 100 60 10000', kind: { type: 'save' } },
  bool('rdbcompression', 'yes'),
  bool('rdbchecksum', 'yes', { fixed: 'immutable' }),
  text('dbfilename', 'dump.rdb', 'protected'),
  text('dir', '/data', 'protected'),
  bool('appendonly', 'no'),
  text('appendfilename', 'appendonly.aof', 'immutable'),
  oneOf('appendfsync', 'everysec', ['everysec', 'always', 'no']),
  integer('auto-aof-rewrite-percentage', '100', 0n, INT_MAX),
  memory('auto-aof-rewrite-min-size', '67108864', 0n, LLONG_MAX),
  bool('aof-use-rdb-preamble', 'yes'),
  integer('slowlog-log-slower-than', '10000', -1n, LLONG_MAX),
  integer('slowlog-max-len', '128', 0n, LLONG_MAX),
  integer('latency-monitor-threshold', '0', 0n, LLONG_MAX),
  integer('timeout', '0', 0n, INT_MAX),
  integer('maxclients', '10000', 1n, 4294967295n),
  integer('busy-reply-threshold', '5000', 0n, LLONG_MAX, { alias: 'lua-time-limit' }),
  // Redis accepts any hz and then keeps it within 1..500.
  { name: 'hz', defaultValue: '10', kind: { type: 'integer', min: 0n, max: INT_MAX, clamp: [1n, 500n] } },
]

/** Every name CONFIG GET and CONFIG SET accept (aliases included), lower-case, to its parameter. */
export const CONFIG_NAMES: ReadonlyMap<string, ConfigParameter> = new Map(
  CONFIG_PARAMETERS.flatMap((p): Array<[string, ConfigParameter]> =>
    p.alias === undefined ? [[p.name, p]] : [[p.name, p], [p.alias, p]]),
)

export function defaultConfig(): Map<string, string> {
  return new Map(CONFIG_PARAMETERS.map((p) => [p.name, p.defaultValue]))
}

/** A numeric parameter's current value. */
export function configNumber(config: ReadonlyMap<string, string>, name: string): number {
  return Number(config.get(name))
}

/** A value CONFIG SET accepts, as CONFIG GET will show it, or the reason Redis gives for refusing it. */
export function parseConfigValue(parameter: ConfigParameter, value: string): { value: string } | { error: string } {
  const kind = parameter.kind
  switch (kind.type) {
    case 'bool': {
      const lower = value.toLowerCase()
      return lower === 'yes' || lower === 'no' ? { value: lower } : { error: "argument must be 'yes' or 'no'" }
    }
    case 'enum': {
      const lower = value.toLowerCase()
      return kind.values.includes(lower)
        ? { value: lower }
        : { error: `argument(s) must be one of the following: ${kind.values.join(', ')}` }
    }
    case 'integer': {
      const number = kind.memory ? memoryValue(value) : integerValue(value)
      if (number === undefined && kind.percent && value.length > 1 && value.endsWith('%')) {
        const percent = integerValue(value.slice(0, -1))
        if (percent !== undefined && percent >= 0n) {
          if (percent > 100n) return { error: 'percentage argument must be less or equal to 100' }
          return { value: percent === 0n ? '0' : `${percent}%` }
        }
      }
      if (number === undefined) {
        return {
          error: kind.percent
            ? 'argument must be a memory or percent value'
            : kind.memory ? 'argument must be a memory value' : "argument couldn't be parsed into an integer",
        }
      }
      // Redis compares memory values (unsigned) against signed bounds as signed numbers.
      const compared = kind.memory && kind.max <= LLONG_MAX && number > LLONG_MAX ? number - 2n ** 64n : number
      if (compared < kind.min || compared > kind.max) {
        return { error: `argument must be between ${kind.min} and ${kind.max} inclusive` }
      }
      const [low, high] = kind.clamp ?? [compared, compared]
      return { value: String(compared < low ? low : compared > high ? high : compared) }
    }
    case 'keyspace-events': {
      const flags = keyspaceEventsToFlags(value)
      return flags === undefined
        ? { error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." }
        : { value: keyspaceEventsToString(flags) }
    }
    case 'save':
      return parseSave(value)
    case 'string':
      return { value }
  }
}

/** Redis's string2ll: optional '-', digits without leading zeros, within int64. */
function integerValue(text: string): bigint | undefined {
  if (!/^(0|-?[1-9][0-9]*)$/.test(text) || text.length > 20) return undefined
  const number = BigInt(text)
  return number > LLONG_MAX || number < -LLONG_MAX - 1n ? undefined : number
}

const MEMORY_UNITS = new Map<string, bigint>([
  ['', 1n], ['b', 1n], ['k', 1000n], ['kb', 1024n], ['m', 1000n ** 2n], ['mb', 1024n ** 2n], ['g', 1000n ** 3n],
  ['gb', 1024n ** 3n],
])

/** Redis's memtoull: digits (possibly none) and an optional unit; strtoull saturates at 2^64-1. */
function memoryValue(text: string): bigint | undefined {
  const match = /^([0-9]*)(.*)$/s.exec(text)
  if (match === null) return undefined
  const unit = MEMORY_UNITS.get(match[2].toLowerCase())
  if (unit === undefined) return undefined
  const digits = match[1] === '' ? 0n : BigInt(match[1])
  const number = (digits > ULLONG_MAX ? ULLONG_MAX : digits) * unit
  return number > ULLONG_MAX ? undefined : number
}

/** The notify-keyspace-events classes: bits as Redis numbers them. */
export const EVENT_CLASSES: ReadonlyMap<string, number> = new Map<string, number>([
  ['g', 1 << 2], ['$', 1 << 3], ['l', 1 << 4], ['s', 1 << 5], ['h', 1 << 6], ['z', 1 << 7], ['x', 1 << 8],
  ['e', 1 << 9], ['t', 1 << 10], ['m', 1 << 11], ['d', 1 << 12], ['n', 1 << 13], ['K', 1 << 0], ['E', 1 << 1],
])
/** 'A' stands for g$lshzxetd (not m, not n). */
const ALL_EVENTS = [...'g$lshzxetd'].reduce((bits, c) => bits | (EVENT_CLASSES.get(c) ?? 0), 0)

export function keyspaceEventsToFlags(text: string): number | undefined {
  let flags = 0
  for (const c of text) {
    if (c === 'A') flags |= ALL_EVENTS
    else if (EVENT_CLASSES.has(c)) flags |= EVENT_CLASSES.get(c) ?? 0
    else return undefined
  }
  return flags
}

/** Redis's canonical text for the classes: 'A' when all are on, then K, E and m. */
function keyspaceEventsToString(flags: number): string {
  const has = (c: string) => (flags & (EVENT_CLASSES.get(c) ?? 0)) !== 0
  let out = (flags & ALL_EVENTS) === ALL_EVENTS ? 'A' : [...'g$lshzxetdn'].filter(has).join('')
  for (const c of 'KEm') if (has(c)) out += c
  return out
}

/** `save` takes "seconds changes" pairs, seconds at least 1; an empty value turns snapshots off. */
function parseSave(value: string): { value: string } | { error: string } {
  const words = value.split(' ').filter((word) => word !== '')
  const invalid = { error: 'Invalid save parameters' }
  if (words.length % 2 !== 0) return invalid
  const numbers: bigint[] = []
  for (let i = 0; i < words.length; i++) {
    if (!/^[-+]?[0-9]+$/.test(words[i])) return invalid
    const number = BigInt(words[i])
    if (i % 2 === 0 ? number < 1n : number < 0n) return invalid
    numbers.push(number)
  }
  return { value: numbers.join(' ') }
}
