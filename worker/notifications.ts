// Keyspace notifications (notify-keyspace-events): each key event is published, when its class
// is on, as `__keyspace@<db>__:<key>` with the event name as message (K) and as
// `__keyevent@<db>__:<event>` with the key as message (E), in that order, as Redis's
// notifyKeyspaceEvent does.
import { EVENT_CLASSES, keyspaceEventsToFlags } from './config.ts'
import type { PubSub } from './pubsub.ts'

/** The class letter of each event name the engine emits (Redis's NOTIFY_* argument at each call). */
const EVENT_CLASS = new Map<string, string>([
  ...['del', 'expire', 'persist', 'rename_from', 'rename_to', 'move_from', 'move_to', 'copy_to', 'restore']
    .map((event): [string, string] => [event, 'g']),
  ...['set', 'setrange', 'incrby', 'incrbyfloat', 'append'].map((event): [string, string] => [event, '$']),
  ...['lpush', 'rpush', 'lpop', 'rpop', 'linsert', 'lset', 'ltrim', 'lrem', 'sortstore']
    .map((event): [string, string] => [event, 'l']),
  ...['sadd', 'srem', 'spop', 'sinterstore', 'sunionstore', 'sdiffstore'].map((event): [string, string] => [event, 's']),
  ...['hset', 'hdel', 'hincrby', 'hincrbyfloat'].map((event): [string, string] => [event, 'h']),
  ...[
    'zadd', 'zincr', 'zrem', 'zremrangebyscore', 'zremrangebyrank', 'zremrangebylex', 'zinterstore', 'zunionstore',
    'zdiffstore', 'zrangestore', 'zpopmin', 'zpopmax',
  ].map((event): [string, string] => [event, 'z']),
  ...[
    'xadd', 'xtrim', 'xdel', 'xsetid', 'xgroup-create', 'xgroup-createconsumer', 'xgroup-delconsumer',
    'xgroup-destroy', 'xgroup-setid',
  ].map((event): [string, string] => [event, 't']),
  ['expired', 'x'],
  ['evicted', 'e'],
  ['new', 'n'],
  ['keymiss', 'm'],
])

const bit = (letter: string): number => EVENT_CLASSES.get(letter) ?? 0
const KEYSPACE = bit('K')
const KEYEVENT = bit('E')

export class KeyspaceNotifications {
  /**
   * The classes that are on. Kept apart from the config text: CONFIG GET shows 'A' for all
   * classes and then leaves 'n' out, yet 'n' stays on.
   */
  private classes = 0

  constructor(private readonly pubsub: PubSub) {}

  /** CONFIG SET notify-keyspace-events, with the value as given (already validated). */
  configure(text: string): void {
    this.classes = keyspaceEventsToFlags(text) ?? 0
  }

  /** Whether an event of this name is published at all, checked before any channel name is built. */
  private wants(event: string): boolean {
    return (this.classes & (KEYSPACE | KEYEVENT)) !== 0 && (this.classes & bit(EVENT_CLASS.get(event) ?? 'g')) !== 0
  }

  notify(db: number, key: string, event: string): void {
    if (!this.wants(event)) return
    if (this.classes & KEYSPACE) this.pubsub.publish(`__keyspace@${db}__:${key}`, event)
    if (this.classes & KEYEVENT) this.pubsub.publish(`__keyevent@${db}__:${event}`, key)
  }
}
