// OBJECT ENCODING, REFCOUNT, IDLETIME, FREQ and HELP: what Redis would report about a value.
import type { Context, Handler } from '../engine.ts'
import type { RedisValue } from '../keyspace.ts'
import { toInt64 } from '../args.ts'
import { fail, LFU_NOT_SELECTED, LFU_SELECTED } from '../errors.ts'
import { idleSeconds, lfuCounter, lfuDecayMinutes, usesLfu } from '../lru.ts'
import { array, bulk, int, NIL, type Reply, simple } from '../reply.ts'

/** Redis's tryObjectEncoding for a stored string: an int64 in up to 20 chars, else embedded up to 44 bytes, else raw. */
function stringEncoding(value: string): string {
  if (value.length <= 20 && toInt64(value) !== undefined) return 'int'
  return value.length <= 44 ? 'embstr' : 'raw'
}

/** Redis shares one object for each integer 0..9999 unless an LRU/LFU maxmemory policy needs per-key records. */
const SHARED_INTEGERS = 10000
const SHARED_REFCOUNT = 2147483647

function isSharedInteger(ctx: Context, value: RedisValue): boolean {
  if (typeof value !== 'string' || stringEncoding(value) !== 'int') return false
  const number = Number(value)
  if (number < 0 || number >= SHARED_INTEGERS) return false
  const config = ctx.engine.config
  const policy = config.get('maxmemory-policy') ?? ''
  return config.get('maxmemory') === '0' || !(policy.endsWith('-lru') || policy.endsWith('-lfu'))
}

/** Runs `reply` on the key's value, or replies nil when the key is missing. Not an access, no 'keymiss' (LOOKUP_NOTOUCH|LOOKUP_NONOTIFY). */
function withValue(ctx: Context, key: string, reply: (value: RedisValue) => Reply): Reply {
  const value = ctx.db.getWithoutNotify(key)
  return value === undefined ? NIL : reply(value)
}

const HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
]

export const objectHandlers: Record<string, Handler> = {
  'object|encoding': (ctx, [key]) =>
    withValue(ctx, key, (value) =>
      bulk(typeof value === 'string' ? stringEncoding(value) : value.encoding(ctx.engine.config))),

  'object|refcount': (ctx, [key]) =>
    withValue(ctx, key, (value) => int(isSharedInteger(ctx, value) ? SHARED_REFCOUNT : 1)),

  'object|idletime': (ctx, [key]) =>
    withValue(ctx, key, () => {
      if (usesLfu(ctx.engine.config)) fail(LFU_SELECTED)
      return int(idleSeconds(ctx.db.accessStamp(key) ?? 0, ctx.now))
    }),

  'object|freq': (ctx, [key]) =>
    withValue(ctx, key, () => {
      const config = ctx.engine.config
      if (!usesLfu(config)) fail(LFU_NOT_SELECTED)
      return int(lfuCounter(ctx.db.accessStamp(key) ?? 0, ctx.now, lfuDecayMinutes(config)))
    }),

  'object|help': () => array(HELP.map(simple)),
}
