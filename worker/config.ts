// Server configuration parameters (CONFIG GET/SET) with Redis 7.0's defaults.
// Values are kept as the text CONFIG GET returns.

const DEFAULTS: Array<[string, string]> = [
  ['databases', '16'],
  ['hash-max-listpack-entries', '128'],
  ['hash-max-listpack-value', '64'],
  ['set-max-intset-entries', '512'],
  ['zset-max-listpack-entries', '128'],
  ['zset-max-listpack-value', '64'],
  ['list-max-listpack-size', '-2'],
  ['list-compress-depth', '0'],
  ['proto-max-bulk-len', '536870912'],
  ['notify-keyspace-events', ''],
  ['maxmemory', '0'],
  ['maxmemory-policy', 'noeviction'],
  ['appendonly', 'no'],
  ['appendfsync', 'everysec'],
  ['timeout', '0'],
  ['busy-reply-threshold', '5000'],
  ['lua-time-limit', '5000'],
]

export function defaultConfig(): Map<string, string> {
  return new Map(DEFAULTS)
}

/** A numeric parameter's current value. */
export function configNumber(config: Map<string, string>, name: string): number {
  return Number(config.get(name))
}
