// From the command table to what COMMAND replies: the facts Redis 7.0 derives from its own
// table at startup (flags with movablekeys, ACL categories, the legacy first/last/step key
// range), the COMMAND INFO and COMMAND DOCS replies, and the keys of a command line found
// through the key specs (COMMAND GETKEYS).
import type { Arg, CommandSpec, Flag, KeySpec } from './spec.ts'
import { array, bulk, int, map, set, simple, type Reply } from '../reply.ts'

/** The flags COMMAND INFO shows, in the order Redis prints them; may_replicate and sentinel are hidden there. */
const FLAG_ORDER: readonly Flag[] = [
  'write', 'readonly', 'denyoom', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale',
  'skip_monitor', 'skip_slowlog', 'fast', 'no_auth', 'no_mandatory_keys', 'no_async_loading', 'no_multi',
  'movablekeys', 'allow_busy',
]

/** Redis's ACL categories in the order it lists them. */
export const ACL_CATEGORIES: readonly string[] = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog', 'geo',
  'stream', 'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection', 'transaction', 'scripting',
]

/** Key-spec flags in the order Redis prints them. */
export const KEY_SPEC_FLAGS: readonly string[] = [
  'RO', 'RW', 'OW', 'RM', 'access', 'update', 'insert', 'delete', 'not_key', 'incomplete', 'variable_flags',
]

const ARG_FLAGS = ['optional', 'multiple', 'multiple_token'] as const

const isPlainRange = (spec: KeySpec): boolean => 'index' in spec.begin && 'range' in spec.find

/** Redis marks a command movablekeys when some key spec is not a fixed index with a range. */
function hasMovableKeys(spec: CommandSpec): boolean {
  return spec.flags.includes('movablekeys') || spec.keySpecs.some((keySpec) => !isPlainRange(keySpec))
}

/** The flags as COMMAND INFO lists them: Redis's order, movablekeys derived, hidden ones left out. */
export function commandFlags(spec: CommandSpec): Flag[] {
  const flags = new Set<Flag>(spec.flags)
  if (hasMovableKeys(spec)) flags.add('movablekeys')
  return FLAG_ORDER.filter((flag) => flags.has(flag))
}

/** The ACL categories (without '@'), as Redis's setImplicitACLCategories completes the declared ones. */
export function aclCategories(spec: CommandSpec): string[] {
  const categories = new Set(spec.acl.map((category) => category.replace(/^@/, '')))
  const has = (flag: Flag) => spec.flags.includes(flag)
  if (has('write')) categories.add('write')
  // Scripting commands that only read stay out of @read.
  if (has('readonly') && !categories.has('scripting')) categories.add('read')
  if (has('admin')) {
    categories.add('admin')
    categories.add('dangerous')
  }
  if (has('pubsub')) categories.add('pubsub')
  if (has('fast')) categories.add('fast')
  if (has('blocking')) categories.add('blocking')
  if (!categories.has('fast')) categories.add('slow')
  return ACL_CATEGORIES.filter((category) => categories.has(category))
}

/**
 * The legacy (first key, last key, step) triple of COMMAND INFO, as Redis 7.0's
 * populateCommandLegacyRangeSpec builds it from the key specs: a single index/range spec is
 * taken as is; otherwise consecutive step-1 range specs are merged and the rest ignored.
 */
export function legacyKeyRange(spec: CommandSpec): [first: number, last: number, step: number] {
  const specs = spec.keySpecs
  if (specs.length === 0) return [0, 0, 0]
  const only = specs[0]
  if (specs.length === 1 && 'index' in only.begin && 'range' in only.find) {
    const [lastKey, step] = only.find.range
    const first = only.begin.index
    return [first, lastKey >= 0 ? first + lastKey : lastKey, step]
  }
  let first = Infinity
  // Kept as C's int but compared unsigned, so a negative (counted from the end) last key wins.
  let last = 0
  let previousLast = 0
  for (const keySpec of specs) {
    if (!('index' in keySpec.begin) || !('range' in keySpec.find)) continue
    const [lastKey, step] = keySpec.find.range
    const index = keySpec.begin.index
    if (step !== 1) continue
    if (previousLast !== 0 && previousLast !== index - 1) continue
    first = Math.min(first, index)
    const absoluteLast = lastKey >= 0 ? lastKey + index : lastKey
    last = unsigned(absoluteLast) > unsigned(last) ? absoluteLast : last
    previousLast = last
  }
  if (first === Infinity) return [0, 0, 0]
  return [first, last, 1]
}

const unsigned = (n: number): number => (n < 0 ? n + 2 ** 32 : n)

const statuses = (items: readonly string[]): Reply => set(items.map(simple))

function keySpecReply(keySpec: KeySpec): Reply {
  const fields: Array<[Reply, Reply]> = []
  if (keySpec.notes !== undefined) fields.push([bulk('notes'), bulk(keySpec.notes)])
  fields.push([bulk('flags'), statuses(KEY_SPEC_FLAGS.filter((flag) => keySpec.flags.includes(flag)))])
  const begin = keySpec.begin
  const beginReply: Array<[Reply, Reply]> =
    'index' in begin
      ? [[bulk('type'), bulk('index')], [bulk('spec'), map([[bulk('index'), int(begin.index)]])]]
      : 'keyword' in begin
        ? [
          [bulk('type'), bulk('keyword')],
          [bulk('spec'), map([[bulk('keyword'), bulk(begin.keyword)], [bulk('startfrom'), int(begin.startFrom)]])],
        ]
        : [[bulk('type'), bulk('unknown')], [bulk('spec'), map([])]]
  fields.push([bulk('begin_search'), map(beginReply)])
  const find = keySpec.find
  const findReply: Array<[Reply, Reply]> =
    'range' in find
      ? [
        [bulk('type'), bulk('range')],
        [bulk('spec'), map([
          [bulk('lastkey'), int(find.range[0])], [bulk('keystep'), int(find.range[1])], [bulk('limit'), int(find.range[2])],
        ])],
      ]
      : 'keynum' in find
        ? [
          [bulk('type'), bulk('keynum')],
          [bulk('spec'), map([
            [bulk('keynumidx'), int(find.keynum[0])], [bulk('firstkey'), int(find.keynum[1])], [bulk('keystep'), int(find.keynum[2])],
          ])],
        ]
        : [[bulk('type'), bulk('unknown')], [bulk('spec'), map([])]]
  fields.push([bulk('find_keys'), map(findReply)])
  return map(fields)
}

/** One command's COMMAND INFO entry: name, arity, flags, first, last, step, ACL categories, tips, key specs, subcommands. */
export function commandInfo(name: string, spec: CommandSpec): Reply {
  const [first, last, step] = legacyKeyRange(spec)
  return array([
    bulk(name),
    int(spec.arity),
    statuses(commandFlags(spec)),
    int(first),
    int(last),
    int(step),
    statuses(aclCategories(spec).map((category) => `@${category}`)),
    set((spec.tips ?? []).map(bulk)),
    set(spec.keySpecs.map(keySpecReply)),
    spec.subcommands === undefined
      ? set([])
      : array(Object.entries(spec.subcommands).map(([sub, subSpec]) => commandInfo(`${name}|${sub}`, subSpec))),
  ])
}

function argReply(arg: Arg): Reply {
  const fields: Array<[Reply, Reply]> = [[bulk('name'), bulk(arg.name)], [bulk('type'), bulk(arg.type)]]
  if (arg.keySpec !== undefined) fields.push([bulk('key_spec_index'), int(arg.keySpec)])
  if (arg.token !== undefined) fields.push([bulk('token'), bulk(arg.token)])
  if (arg.since !== undefined) fields.push([bulk('since'), bulk(arg.since)])
  if (arg.deprecatedSince !== undefined) fields.push([bulk('deprecated_since'), bulk(arg.deprecatedSince)])
  const flags = ARG_FLAGS.filter((flag) =>
    flag === 'optional' ? arg.optional : flag === 'multiple' ? arg.multiple : arg.multipleToken)
  if (flags.length > 0) fields.push([bulk('flags'), statuses(flags)])
  if (arg.type === 'oneof' || arg.type === 'block') fields.push([bulk('arguments'), array((arg.args ?? []).map(argReply))])
  return map(fields)
}

/** One command's COMMAND DOCS map, with Redis's fields in Redis's order. */
export function commandDocs(name: string, spec: CommandSpec): Reply {
  const fields: Array<[Reply, Reply]> = [
    [bulk('summary'), bulk(spec.summary)],
    [bulk('since'), bulk(spec.since)],
    [bulk('group'), bulk(spec.group)],
  ]
  if (spec.complexity !== undefined) fields.push([bulk('complexity'), bulk(spec.complexity)])
  if (spec.docFlags !== undefined && spec.docFlags.length > 0) fields.push([bulk('doc_flags'), statuses(spec.docFlags)])
  if (spec.deprecatedSince !== undefined) fields.push([bulk('deprecated_since'), bulk(spec.deprecatedSince)])
  if (spec.replacedBy !== undefined) fields.push([bulk('replaced_by'), bulk(spec.replacedBy)])
  if (spec.history !== undefined && spec.history.length > 0) {
    fields.push([bulk('history'), set(spec.history.map(([version, change]) => array([bulk(version), bulk(change)])))])
  }
  if (spec.args.length > 0) fields.push([bulk('arguments'), array(spec.args.map(argReply))])
  if (spec.subcommands !== undefined) {
    fields.push([bulk('subcommands'), map(Object.entries(spec.subcommands).map(([sub, subSpec]) => {
      const fullName = `${name}|${sub}`
      return [bulk(fullName), commandDocs(fullName, subSpec)]
    }))])
  }
  return map(fields)
}

/** A command or subcommand by its full name ('get', 'client|list'), case-insensitive, as lookupCommandBySds. */
export function lookupByFullName(
  commands: ReadonlyMap<string, CommandSpec>, fullName: string,
): { name: string; spec: CommandSpec } | undefined {
  const parts = fullName.toLowerCase().split('|')
  if (parts.length > 2) return undefined
  const base = commands.get(parts[0])
  if (base === undefined) return undefined
  if (parts.length === 1) return { name: parts[0], spec: base }
  const sub = base.subcommands !== undefined && Object.hasOwn(base.subcommands, parts[1]) ? base.subcommands[parts[1]] : undefined
  return sub === undefined ? undefined : { name: fullName.toLowerCase(), spec: sub }
}

/** Every command and subcommand as [full name, spec], containers before their subcommands. */
export function* allCommands(commands: ReadonlyMap<string, CommandSpec>): Generator<[string, CommandSpec]> {
  for (const [name, spec] of commands) {
    yield [name, spec]
    if (spec.subcommands !== undefined) {
      for (const [sub, subSpec] of Object.entries(spec.subcommands)) yield [`${name}|${sub}`, subSpec]
    }
  }
}

/** A key found in a command line: its position in argv and the flags of the spec that found it. */
export interface KeyReference {
  index: number
  flags: string[]
}

/** Redis's doesCommandHaveKeys: a spec that names real keys (SORT also has its own key finder). */
export function hasKeys(spec: CommandSpec): boolean {
  return spec.keySpecs.some((keySpec) => !keySpec.flags.includes('not_key'))
}

/**
 * The keys of a command line (argv[0] is the command name), found as Redis's
 * getKeysFromCommandWithSpecs finds them: through the key specs, or through the command's own
 * key finder when a spec cannot locate its keys (SORT) or its flags depend on the arguments (SET).
 * Returns undefined where Redis finds no usable keys.
 */
export function findKeys(name: string, spec: CommandSpec, argv: string[]): KeyReference[] | undefined {
  const ownFinder = KEY_FINDERS.get(name)
  const variableFlags = spec.keySpecs.some((keySpec) => keySpec.flags.includes('variable_flags'))
  if (hasKeys(spec) && !(variableFlags && ownFinder !== undefined)) {
    const found = keysFromSpecs(spec, argv)
    if (found !== undefined) return found
  }
  return ownFinder?.(argv)
}

/** Redis's getKeysUsingKeySpecs; undefined when a spec cannot be followed on this command line. */
function keysFromSpecs(spec: CommandSpec, argv: string[]): KeyReference[] | undefined {
  const argc = argv.length
  const keys: KeyReference[] = []
  for (const keySpec of spec.keySpecs) {
    if (keySpec.flags.includes('not_key')) continue
    let first = 0
    const begin = keySpec.begin
    if ('index' in begin) {
      first = begin.index
    } else if ('keyword' in begin) {
      const start = begin.startFrom > 0 ? begin.startFrom : argc + begin.startFrom
      const end = begin.startFrom > 0 ? argc - 1 : 1
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break
        if (argv[i].toLowerCase() === begin.keyword.toLowerCase()) {
          first = i + 1
          break
        }
      }
      if (first === 0) continue
    } else {
      return undefined
    }
    let last: number
    let step: number
    const find = keySpec.find
    if ('range' in find) {
      const [lastKey, keyStep, limit] = find.range
      step = keyStep
      if (lastKey >= 0) last = first + lastKey
      else if (limit === 0) last = argc + lastKey
      else last = first + (Math.trunc((argc - first) / limit) + lastKey)
    } else if ('keynum' in find) {
      const [keyNumIndex, firstKey, keyStep] = find.keynum
      step = keyStep
      if (first + keyNumIndex >= argc) return undefined
      const numKeys = toCount(argv[first + keyNumIndex])
      if (numKeys === undefined) return undefined
      first += firstKey
      last = first + numKeys - 1
    } else {
      return undefined
    }
    if (last >= argc || last < first || first >= argc) return undefined
    for (let i = first; i <= last; i += step) keys.push({ index: i, flags: keySpec.flags })
    if (keySpec.flags.includes('incomplete')) return undefined
  }
  return keys
}

/** A non-negative integer in Redis's string2ll syntax. */
function toCount(text: string): number | undefined {
  if (!/^(0|[1-9][0-9]{0,17})$/.test(text)) return undefined
  return Number(text)
}

/** Commands whose keys Redis finds with a function of their own rather than the key specs. */
const KEY_FINDERS = new Map<string, (argv: string[]) => KeyReference[]>([
  // SORT's STORE destination cannot be described by a spec: skip LIMIT/GET/BY arguments, keep the last STORE.
  ['sort', (argv) => {
    const keys: KeyReference[] = [{ index: 1, flags: ['RO', 'access'] }]
    let store: KeyReference | undefined
    const skip = new Map([['limit', 2], ['get', 1], ['by', 1]])
    for (let i = 2; i < argv.length; i++) {
      const option = argv[i].toLowerCase()
      const skipped = skip.get(option)
      if (skipped !== undefined) i += skipped
      else if (option === 'store' && i + 1 < argv.length) store = { index: i + 1, flags: ['OW', 'update'] }
    }
    return store === undefined ? keys : [...keys, store]
  }],
  ['sort_ro', () => [{ index: 1, flags: ['RO', 'access'] }]],
  // SET reads the old value only with GET.
  ['set', (argv) => {
    const withGet = argv.slice(3).some((arg) => arg.toLowerCase() === 'get')
    return [{ index: 1, flags: withGet ? ['RW', 'access', 'update'] : ['OW', 'update'] }]
  }],
])

/** Key-spec flags in Redis's order, as a RESP set of statuses (COMMAND GETKEYSANDFLAGS). */
export function keyFlagsReply(flags: string[]): Reply {
  return statuses(KEY_SPEC_FLAGS.filter((flag) => flags.includes(flag)))
}
