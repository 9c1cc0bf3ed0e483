// The shape of the command table: what Redis itself knows about each command
// (the facts COMMAND INFO and COMMAND DOCS report), plus a summary in our own words.
// This file has no dependencies so the page can load the table without the engine.

export type Group =
  | 'generic' | 'string' | 'list' | 'set' | 'sorted-set' | 'hash' | 'connection' | 'server'
  | 'pubsub' | 'transactions' | 'scripting' | 'stream' | 'bitmap' | 'hyperloglog' | 'geo' | 'cluster'

export type Flag =
  | 'write' | 'readonly' | 'denyoom' | 'admin' | 'pubsub' | 'noscript' | 'blocking' | 'loading'
  | 'stale' | 'skip_monitor' | 'skip_slowlog' | 'fast' | 'no_auth' | 'may_replicate'
  | 'sentinel' | 'no_mandatory_keys' | 'no_async_loading' | 'no_multi' | 'movablekeys' | 'allow_busy'

/** Where keys are in the arguments: Redis 7 key specifications. */
export interface KeySpec {
  flags: string[]
  /** Redis's remark on the spec (COMMAND INFO shows it), e.g. why its keys cannot be located. */
  notes?: string
  begin: { index: number } | { keyword: string; startFrom: number } | { unknown: true }
  find:
    | { range: [lastKey: number, step: number, limit: number] }
    | { keynum: [keyNumIndex: number, firstKey: number, step: number] }
    | { unknown: true }
}

export type ArgType =
  | 'key' | 'string' | 'integer' | 'double' | 'pattern' | 'unix-time' | 'pure-token' | 'oneof' | 'block'

/** One node of a command's argument tree (what COMMAND DOCS reports and the console hints show). */
export interface Arg {
  name: string
  type: ArgType
  /** Index into the command's key specs, for key arguments. */
  keySpec?: number
  token?: string
  optional?: boolean
  multiple?: boolean
  /** The token is repeated before each of the multiple values (e.g. GET pattern GET pattern). */
  multipleToken?: boolean
  since?: string
  /** An argument form Redis keeps only for old clients (CLIENT KILL ip:port). */
  deprecatedSince?: string
  /** Shown instead of the name in syntax hints. */
  display?: string
  args?: Arg[]
}

export interface CommandSpec {
  group: Group
  /** Redis arity: positive = exact argc, negative = at least -arity (argc includes the name). */
  arity: number
  flags: Flag[]
  /** ACL categories besides the ones Redis derives from the flags (e.g. '@string', '@keyspace'). */
  acl: string[]
  keySpecs: KeySpec[]
  args: Arg[]
  summary: string
  /** Absent where Redis documents none (MONITOR). */
  complexity?: string
  since: string
  docFlags?: Array<'deprecated' | 'syscmd'>
  deprecatedSince?: string
  replacedBy?: string
  history?: Array<[version: string, change: string]>
  tips?: string[]
  subcommands?: Record<string, CommandSpec>
}

// Constructors that keep table entries short.
export const key = (name: string, keySpec = 0, more: Partial<Arg> = {}): Arg => ({ name, type: 'key', keySpec, ...more })
export const str = (name: string, more: Partial<Arg> = {}): Arg => ({ name, type: 'string', ...more })
export const integer = (name: string, more: Partial<Arg> = {}): Arg => ({ name, type: 'integer', ...more })
export const dbl = (name: string, more: Partial<Arg> = {}): Arg => ({ name, type: 'double', ...more })
export const pattern = (name: string, more: Partial<Arg> = {}): Arg => ({ name, type: 'pattern', ...more })
export const unixTime = (name: string, more: Partial<Arg> = {}): Arg => ({ name, type: 'unix-time', ...more })
export const token = (token: string, more: Partial<Arg> = {}): Arg =>
  ({ name: token.toLowerCase(), type: 'pure-token', token, ...more })
export const oneof = (name: string, args: Arg[], more: Partial<Arg> = {}): Arg => ({ name, type: 'oneof', args, ...more })
export const block = (name: string, args: Arg[], more: Partial<Arg> = {}): Arg => ({ name, type: 'block', args, ...more })
export const optional = (arg: Arg): Arg => ({ ...arg, optional: true })
export const multiple = (arg: Arg): Arg => ({ ...arg, multiple: true })

/** Key spec shorthands: one key at `index`, or keys from `index` to `lastKey` (-1 = the end) every `step`. */
export const keyAt = (index: number, flags: string[]): KeySpec =>
  ({ flags, begin: { index }, find: { range: [0, 1, 0] } })
export const keyRange = (index: number, lastKey: number, step: number, flags: string[], limit = 0): KeySpec =>
  ({ flags, begin: { index }, find: { range: [lastKey, step, limit] } })
/** Keys whose positions depend on the values or the option order (SORT's BY, GET and STORE). */
export const keyUnknown = (flags: string[], notes: string): KeySpec =>
  ({ flags, notes, begin: { unknown: true }, find: { unknown: true } })
export const keyNum = (index: number, keyNumIndex: number, firstKey: number, step: number, flags: string[]): KeySpec =>
  ({ flags, begin: { index }, find: { keynum: [keyNumIndex, firstKey, step] } })
