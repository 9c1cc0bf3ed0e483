// Random command sequences for the differential fuzzer, generated from the command table's
// argument trees (so every command and option in the table is exercised), with values drawn
// from pools that make collisions, wrong types and boundary cases likely, and with mutations
// (missing, extra and junk arguments, odd letter case) to exercise every error path.
import { COMMANDS } from '../../../worker/commands/table.ts'
import type { Arg, CommandSpec } from '../../../worker/commands/spec.ts'

/** Commands whose replies depend on randomness, time, or the connection: never compared exactly. */
const EXCLUDED = new Set([
  'quit', 'reset', 'hello', 'client', 'command', 'config', 'info', 'time', 'randomkey', 'spop',
  'srandmember', 'hrandfield', 'zrandmember', 'scan', 'sscan', 'hscan', 'zscan', 'object', 'debug',
  'shutdown', 'monitor', 'subscribe', 'psubscribe', 'ssubscribe', 'sync', 'psync', 'save', 'bgsave',
  'bgrewriteaof', 'lastsave', 'failover', 'replicaof', 'slaveof',
  'wait', 'waitaof', 'multi', 'exec', 'discard', 'watch', 'unwatch', 'eval', 'evalsha', 'eval_ro',
  'evalsha_ro', 'fcall', 'fcall_ro', 'function', 'script', 'blpop', 'brpop', 'blmove', 'brpoplpush',
  'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop', 'cluster', 'readonly', 'readwrite',
  'asking', 'auth', 'acl', 'latency', 'memory', 'module', 'slowlog', 'lolwut', 'role', 'pubsub',
  'migrate', 'restore', 'restore-asking', 'dump', 'publish', 'spublish', 'unsubscribe', 'punsubscribe',
  'sunsubscribe',
  // Idle times, lag and timestamps of the introspection replies move with each server's clock.
  'xinfo',
])

/** Containers whose subcommands are fuzzed as commands of their own ('xgroup create' ...). */
const FUZZED_CONTAINERS = new Set(['xgroup'])

/** Replies whose element order Redis leaves to its hash tables: compared as multisets. */
const UNORDERED = new Set([
  'smembers', 'sinter', 'sunion', 'sdiff', 'hgetall', 'hkeys', 'hvals', 'keys', 'zunion', 'zinter', 'zdiff',
])

/** Replies that move with the real clock between the two servers' calls. */
const CLOCK_DEPENDENT = new Set(['ttl', 'pttl', 'expiretime', 'pexpiretime'])

export type Comparison = 'exact' | 'unordered' | 'clock' | 'idle'

/** How a command's replies are compared. */
export function comparisonFor(argv: string[]): Comparison {
  const name = argv[0].toLowerCase()
  if (CLOCK_DEPENDENT.has(name)) return 'clock'
  if (UNORDERED.has(name)) return 'unordered'
  // XPENDING's extended form reports each entry's idle time, which moves with each server's clock.
  if (name === 'xpending') return 'idle'
  // SORT ... BY sorts with equal weights when the weight keys are missing; Redis's unstable
  // qsort then leaves an order that depends on its hash table: compare as a multiset.
  if ((name === 'sort' || name === 'sort_ro') && argv.some((a) => a.toLowerCase() === 'by')) return 'unordered'
  return 'exact'
}

const GROUP_KEYS: Record<string, string[]> = {
  string: ['s1', 's2', 's3'],
  list: ['l1', 'l2', 'l3'],
  set: ['t1', 't2', 't3'],
  hash: ['h1', 'h2'],
  'sorted-set': ['z1', 'z2', 'z3'],
  stream: ['x1', 'x2'],
  generic: ['s1', 'l1', 't1', 'h1', 'z1', 'x1', 'nokey'],
}
export const ALL_KEYS = [...new Set(Object.values(GROUP_KEYS).flat())]

const MEMBERS = ['a', 'b', 'c', 'd', '1', '2', '10', '-3', '1.5', '', 'é', '\xff\x00']
const INTEGERS = ['0', '1', '2', '3', '5', '-1', '-2', '10', '100', '-100', '9223372036854775807',
  '-9223372036854775808', '9223372036854775808', '01', '+1', '1.5', 'x', '', ' 1']
const TIMEOUTS = ['100', '1000000', '-1', '0', '9223372036854775807', '-9223372036854775808', '9223372036854775', 'x', '1.5']
const SMALL_INTEGERS = ['0', '1', '2', '3', '-1', '-2', '-3', '5', '10', '-10', '100']
const DOUBLES = ['0', '1', '-1', '1.5', '-2.5', '3e2', '10', '0.1', 'inf', '-inf', '+inf', 'nan', '1e400',
  '(1', '(2.5', '[a', 'x', '', '1 ', '0x10', '.5', '5.', '-0']
const RANGES = ['-inf', '+inf', '(1', '[1', '0', '1', '2', '(a', '[a', '[c', '-', '+', 'a', '(']
const PATTERNS = ['*', 'a*', '?', '[a-c]', '*1', 'l*', '[^s]*', '\\*', 'nomatch']
/** Entry ids and range bounds; never '*' (an id from each server's own clock). */
const STREAM_IDS = ['0', '0-0', '0-1', '1', '1-0', '1-1', '1-2', '2', '2-*', '3-5', '5', '7-*', '10-1', '-', '+', '$',
  '>', '(1', '(1-1', '(0', 'x', '1-x', '-1', '18446744073709551615-18446744073709551615', '18446744073709551615-*']
const GROUPS = ['g1', 'g2', 'nogroup']
const CONSUMERS = ['c1', 'c2']
const STRINGS = ['v', 'hello', '', '12', '-5', '3.5', '9223372036854775807', 'a b', 'é', '\x00\xff', 'abcdefghij']

export type Random = () => number

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]

function randomCase(random: Random, token: string): string {
  const r = random()
  if (r < 0.7) return token
  if (r < 0.85) return token.toLowerCase()
  return [...token].map((c) => (random() < 0.5 ? c.toLowerCase() : c)).join('')
}

function keyFor(random: Random, group: string): string {
  const keys = GROUP_KEYS[group] ?? GROUP_KEYS.generic
  return random() < 0.85 ? pick(random, keys) : pick(random, ALL_KEYS)
}

function valueFor(random: Random, arg: Arg, group: string): string[] {
  const name = arg.name.toLowerCase()
  switch (arg.type) {
    case 'key':
      return [keyFor(random, group)]
    case 'integer':
      // Idle times compared with each server's clock: none, or more than any test runs.
      if (name === 'min-idle-time' || name === 'ms') return [pick(random, ['0', '3600000'])]
      // Expiry times far enough out (or already past) that the real clock cannot race the comparison.
      if (/seconds|milliseconds/.test(name)) return [pick(random, TIMEOUTS)]
      if (/count|numkeys|limit|len|rank|db|offset|start|end|stop|index|timeout|pivot/.test(name) && random() < 0.8) {
        return [pick(random, SMALL_INTEGERS)]
      }
      return [pick(random, random() < 0.7 ? SMALL_INTEGERS : INTEGERS)]
    case 'double':
      return [pick(random, DOUBLES)]
    case 'pattern':
      return [pick(random, PATTERNS)]
    case 'unix-time':
      return [pick(random, ['0', '1', '2000000000', '4000000000', '-1', '4000000000000', 'x'])]
    case 'pure-token':
      return []
    case 'oneof': {
      // XADD's '*' takes the id from each server's clock: the fuzzer gives ids itself.
      const options = (arg.args ?? []).filter((option) => option.token !== '*')
      return generateArgs(random, [{ ...pick(random, options), optional: false }], group)
    }
    case 'block':
      return generateArgs(random, arg.args ?? [], group)
    default:
      if (group === 'stream') {
        if (/^(id|start|end|threshold|last-id|max_deleted_entry_id)$/.test(name)) return [pick(random, STREAM_IDS)]
        if (/group/.test(name)) return [pick(random, GROUPS)]
        if (/consumer/.test(name)) return [pick(random, CONSUMERS)]
      }
      if (/min|max/.test(name)) return [pick(random, RANGES)]
      if (/member|field|element|pivot|value/.test(name)) return [pick(random, random() < 0.8 ? MEMBERS : STRINGS)]
      if (/increment|score/.test(name)) return [pick(random, random() < 0.8 ? SMALL_INTEGERS : DOUBLES)]
      return [pick(random, random() < 0.5 ? STRINGS : MEMBERS)]
  }
}

function generateArgs(random: Random, args: Arg[], group: string): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg.optional && random() < 0.55) continue
    if (arg.name === 'numkeys' && args[i + 1]?.type === 'key' && args[i + 1].multiple) {
      // numkeys followed by that many keys (mostly right, sometimes not, to exercise the errors)
      const count = 1 + Math.floor(random() * 3)
      const said = random() < 0.9 ? count : pick(random, [0, -1, count + 1, count - 1])
      out.push(String(said))
      for (let k = 0; k < count; k++) out.push(keyFor(random, group))
      i++
      continue
    }
    const repeats = arg.multiple ? 1 + Math.floor(random() * 3) : 1
    for (let r = 0; r < repeats; r++) {
      if (arg.token !== undefined && (r === 0 || arg.multipleToken)) out.push(randomCase(random, arg.token))
      out.push(...valueFor(random, arg, group))
    }
  }
  return out
}

/** The commands the fuzzer may pick, from the table ('xgroup create' for subcommands). */
export function fuzzableCommands(): Array<[string, CommandSpec]> {
  const commands: Array<[string, CommandSpec]> = []
  for (const [name, spec] of COMMANDS) {
    if (EXCLUDED.has(name)) continue
    if (spec.subcommands === undefined) commands.push([name, spec])
    else if (FUZZED_CONTAINERS.has(name)) {
      for (const [sub, subSpec] of Object.entries(spec.subcommands)) if (sub !== 'help') commands.push([`${name} ${sub}`, subSpec])
    }
  }
  return commands
}

/** One random command line (argv). */
export function generateCommand(random: Random, commands: Array<[string, CommandSpec]>): string[] {
  const [name, spec] = pick(random, commands)
  const words = name.split(' ').map((word) => randomCase(random, word.toUpperCase()))
  const args = generateArgs(random, spec.args, spec.group)
  // XREAD and XREADGROUP without BLOCK: a sequence never waits.
  const block = args.findIndex((arg) => arg.toUpperCase() === 'BLOCK')
  if (block >= 0 && (name === 'xread' || name === 'xreadgroup')) args.splice(block, 2)
  const argv = [...words, ...args]
  const mutation = random()
  if (mutation < 0.04 && argv.length > 1) argv.pop()
  else if (mutation < 0.08) argv.push(pick(random, [...STRINGS, ...INTEGERS]))
  else if (mutation < 0.12 && argv.length > 1) argv[1 + Math.floor(random() * (argv.length - 1))] = pick(random, INTEGERS)
  return argv
}

/**
 * A transaction block for the sequence: sometimes a WATCH first, then MULTI, a few random
 * commands (some rejected while queueing, so EXEC aborts), and EXEC or DISCARD.
 */
export function generateTransaction(random: Random, commands: Array<[string, CommandSpec]>): string[][] {
  const block: string[][] = []
  if (random() < 0.4) block.push(['WATCH', pick(random, ALL_KEYS)])
  block.push(['MULTI'])
  const count = 1 + Math.floor(random() * 4)
  for (let i = 0; i < count; i++) {
    const r = random()
    if (r < 0.05) block.push(['MULTI'])
    else if (r < 0.08) block.push(['WATCH', pick(random, ALL_KEYS)])
    else block.push(generateCommand(random, commands))
  }
  block.push([random() < 0.9 ? 'EXEC' : 'DISCARD'])
  return block
}

/** Commands that read back the whole state of a key, to compare after a sequence. */
export function stateProbe(key: string, type: string): string[] {
  switch (type) {
    case 'string': return ['GET', key]
    case 'list': return ['LRANGE', key, '0', '-1']
    case 'set': return ['SMEMBERS', key]
    case 'hash': return ['HGETALL', key]
    case 'zset': return ['ZRANGE', key, '0', '-1', 'WITHSCORES']
    case 'stream': return ['XRANGE', key, '-', '+']
    default: return ['TYPE', key]
  }
}
