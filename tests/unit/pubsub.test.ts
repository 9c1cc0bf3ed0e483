import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import type { Client } from '../../worker/engine.ts'
import { array, bulk, error, int, NIL, OK, PONG, push, simple, type Reply } from '../../worker/reply.ts'
import { formatReply } from '../../worker/format.ts'
import { encodeReply } from '../../worker/resp.ts'

/** Collects what the engine delivers to a client. */
function inbox(client: Client): Reply[] {
  const received: Reply[] = []
  client.deliver = (reply, kind) => {
    if (kind === 'push') received.push(reply)
  }
  return received
}

const confirm = (word: string, name: string | null, count: number) =>
  push([bulk(word), name === null ? NIL : bulk(name), int(count)])
const message = (channel: string, text: string) => push([bulk('message'), bulk(channel), bulk(text)])
const pmessage = (pattern: string, channel: string, text: string) =>
  push([bulk('pmessage'), bulk(pattern), bulk(channel), bulk(text)])
const SUBSCRIBED_ONLY = (name: string) =>
  error(`ERR Can't execute '${name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`)

describe('SUBSCRIBE, PSUBSCRIBE and PUBLISH', () => {
  it('confirms each channel with the running count, and delivers messages', () => {
    const { run, engine } = testEngine()
    const subscriber = engine.createClient()
    const received = inbox(subscriber)
    expect(run('SUBSCRIBE news sport news', subscriber)).toEqual({
      type: 'sequence',
      value: [confirm('subscribe', 'news', 1), confirm('subscribe', 'sport', 2), confirm('subscribe', 'news', 2)],
    })
    expect(run('PSUBSCRIBE n*', subscriber)).toEqual(confirm('psubscribe', 'n*', 3))
    expect(run('PUBLISH news hello')).toEqual(int(2))
    expect(run('PUBLISH nothing x')).toEqual(int(1))
    expect(run('PUBLISH weather x')).toEqual(int(0))
    expect(received).toEqual([message('news', 'hello'), pmessage('n*', 'news', 'hello'), pmessage('n*', 'nothing', 'x')])
  })

  it('UNSUBSCRIBE with names, without names, and when not subscribed', () => {
    const { run } = testEngine()
    expect(run('UNSUBSCRIBE')).toEqual(confirm('unsubscribe', null, 0))
    expect(run('PUNSUBSCRIBE')).toEqual(confirm('punsubscribe', null, 0))
    run('SUBSCRIBE a b')
    run('PSUBSCRIBE p*')
    expect(run('UNSUBSCRIBE x')).toEqual(confirm('unsubscribe', 'x', 3))
    expect(run('UNSUBSCRIBE')).toEqual({ type: 'sequence', value: [confirm('unsubscribe', 'a', 2), confirm('unsubscribe', 'b', 1)] })
    expect(run('PUNSUBSCRIBE')).toEqual(confirm('punsubscribe', 'p*', 0))
    expect(run('GET k')).toEqual(NIL)
  })

  it('shard channels have their own count and messages; they still hold subscribed mode', () => {
    const { run, engine } = testEngine()
    const subscriber = engine.createClient()
    const received = inbox(subscriber)
    expect(run('SSUBSCRIBE s1 s2', subscriber)).toEqual({
      type: 'sequence', value: [confirm('ssubscribe', 's1', 1), confirm('ssubscribe', 's2', 2)],
    })
    expect(run('SUBSCRIBE c', subscriber)).toEqual(confirm('subscribe', 'c', 1))
    expect(run('UNSUBSCRIBE', subscriber)).toEqual(confirm('unsubscribe', 'c', 0))
    expect(run('GET k', subscriber)).toEqual(SUBSCRIBED_ONLY('get'))
    expect(run('SPUBLISH s1 hi')).toEqual(int(1))
    expect(run('PUBLISH s1 hi')).toEqual(int(0))
    expect(received).toEqual([push([bulk('smessage'), bulk('s1'), bulk('hi')])])
    expect(run('PUBSUB SHARDCHANNELS')).toEqual(array([bulk('s1'), bulk('s2')]))
    expect(run('PUBSUB SHARDNUMSUB s1 x')).toEqual(array([bulk('s1'), int(1), bulk('x'), int(0)]))
    expect(run('SUNSUBSCRIBE s1 s2', subscriber)).toEqual({
      type: 'sequence', value: [confirm('sunsubscribe', 's1', 1), confirm('sunsubscribe', 's2', 0)],
    })
    expect(run('GET k', subscriber)).toEqual(NIL)
  })

  it('PUBSUB CHANNELS, NUMSUB and NUMPAT', () => {
    const { run, engine } = testEngine()
    const [a, b] = [engine.createClient(), engine.createClient()]
    run('SUBSCRIBE news sport', a)
    run('SUBSCRIBE news', b)
    run('PSUBSCRIBE x* y*', a)
    run('PSUBSCRIBE x*', b)
    expect(run('PUBSUB CHANNELS')).toEqual(array([bulk('news'), bulk('sport')]))
    expect(run('PUBSUB CHANNELS s*')).toEqual(array([bulk('sport')]))
    expect(run('PUBSUB NUMSUB news sport none')).toEqual(array([bulk('news'), int(2), bulk('sport'), int(1), bulk('none'), int(0)]))
    expect(run('PUBSUB NUMSUB')).toEqual(array([]))
    expect(run('PUBSUB NUMPAT')).toEqual(int(2))
    expect(run('PUBSUB CHANNELS a b')).toEqual(error("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."))
    engine.closeClient(a)
    expect(run('PUBSUB NUMSUB news sport')).toEqual(array([bulk('news'), int(1), bulk('sport'), int(0)]))
    expect(run('PUBSUB NUMPAT')).toEqual(int(1))
  })
})

describe('subscribed mode', () => {
  it('RESP2 allows only the subscription commands, PING, QUIT and RESET; PING answers an array', () => {
    const { run } = testEngine()
    run('SUBSCRIBE c')
    expect(run('GET k')).toEqual(SUBSCRIBED_ONLY('get'))
    expect(run('CLIENT INFO')).toEqual(SUBSCRIBED_ONLY('client|info'))
    expect(run('HELLO 3')).toEqual(SUBSCRIBED_ONLY('hello'))
    expect(run('NOSUCH')).toEqual(error("ERR unknown command 'NOSUCH', with args beginning with: "))
    expect(run('PING')).toEqual(array([bulk('pong'), bulk('')]))
    expect(run('PING hi')).toEqual(array([bulk('pong'), bulk('hi')]))
    expect(run('RESET')).toEqual(simple('RESET'))
    expect(run('PING')).toEqual(PONG)
    expect(run('PUBSUB NUMSUB c')).toEqual(array([bulk('c'), int(0)]))
  })

  it('RESP3 runs any command; confirmations are push frames on the wire', () => {
    const { run, client } = testEngine()
    run('HELLO 3')
    const received = inbox(client)
    const reply = run('SUBSCRIBE a b')
    expect(encodeReply(reply, 3)).toBe('>3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n>3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n')
    expect(encodeReply(reply, 2)).toBe('*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n')
    expect(run('SET k v')).toEqual(OK)
    expect(run('PING')).toEqual(PONG)
    expect(run('PUBLISH a self')).toEqual(int(1))
    expect(received).toEqual([message('a', 'self')])
  })

  it('a sequence formats as redis-cli prints each reply', () => {
    const { run } = testEngine()
    expect(formatReply(run('SUBSCRIBE a b'), 2)).toBe('1) "subscribe"\n2) "a"\n3) (integer) 1\n1) "subscribe"\n2) "b"\n3) (integer) 2')
    expect(formatReply(run('UNSUBSCRIBE x'), 3)).toBe('1) "unsubscribe"\n2) "x"\n3) (integer) 2')
  })

  it('CLIENT LIST shows counts and the P flag; INFO counts channels and patterns', () => {
    const { run, engine } = testEngine()
    const subscriber = engine.createClient()
    run('HELLO 3', subscriber)
    run('SUBSCRIBE a b', subscriber)
    run('PSUBSCRIBE p*', subscriber)
    run('SSUBSCRIBE s', subscriber)
    const info = run('CLIENT INFO', subscriber)
    expect(info.type === 'verbatim' && info.value).toMatch(/ flags=P db=0 sub=2 psub=1 ssub=1 /)
    const list = run('CLIENT LIST TYPE pubsub')
    expect(list.type === 'verbatim' && list.value.trim().split('\n').length).toBe(1)
    const stats = run('INFO stats')
    expect(stats.type === 'verbatim' && stats.value).toContain('pubsub_channels:2\r\npubsub_patterns:1\r\npubsubshard_channels:1\r\n')
  })
})

describe('keyspace notifications', () => {
  it('publishes __keyspace@ and __keyevent@ for the classes that are on', () => {
    const { run, engine } = testEngine()
    const subscriber = engine.createClient()
    const received = inbox(subscriber)
    run('PSUBSCRIBE __key*__:*', subscriber)
    run('SET quiet 1')
    expect(received).toEqual([])
    expect(run('CONFIG SET notify-keyspace-events KEl')).toEqual(OK)
    run('SELECT 3')
    run('SET a 1')
    run('RPUSH l x')
    expect(received).toEqual([
      pmessage('__key*__:*', '__keyspace@3__:l', 'rpush'),
      pmessage('__key*__:*', '__keyevent@3__:rpush', 'l'),
    ])
  })

  it("'A' hides 'n' in CONFIG GET, yet new-key events stay on", () => {
    const { run, engine } = testEngine()
    const subscriber = engine.createClient()
    const received = inbox(subscriber)
    run('SUBSCRIBE __keyevent@0__:new', subscriber)
    run('CONFIG SET notify-keyspace-events AnE')
    expect(run('CONFIG GET notify-keyspace-events')).toEqual({ type: 'map', value: [[bulk('notify-keyspace-events'), bulk('AE')]] })
    run('SET a 1')
    run('SET a 2')
    expect(received).toEqual([message('__keyevent@0__:new', 'a')])
  })

  it('expired keys are announced in class x, lazily and by the active cycle', () => {
    const { run, engine, advance } = testEngine()
    const subscriber = engine.createClient()
    const received = inbox(subscriber)
    run('SUBSCRIBE __keyevent@0__:expired', subscriber)
    run('CONFIG SET notify-keyspace-events Ex')
    run('SET lazy v PX 10')
    run('SET active v PX 10')
    advance(20)
    run('GET lazy')
    engine.tick()
    expect(received).toEqual([message('__keyevent@0__:expired', 'lazy'), message('__keyevent@0__:expired', 'active')])
  })

  it("a read lookup that finds no key is a 'keymiss' (class m, not in A); a write lookup is not", () => {
    const { run, engine, advance } = testEngine()
    const subscriber = engine.createClient()
    const received = inbox(subscriber)
    run('PSUBSCRIBE __keyevent@*', subscriber)
    run('SET s v')
    run('CONFIG SET notify-keyspace-events EA')
    run('GET nope')
    expect(received).toEqual([])
    run('CONFIG SET notify-keyspace-events Exm')
    run('SET t v PX 10')
    advance(20)
    for (const line of ['GET t', 'GET s', 'MGET s a b', 'TYPE c', 'OBJECT ENCODING d', 'LPUSHX e x', 'INCR f', 'HGET s x']) run(line)
    const event = (name: string, key: string) => pmessage('__keyevent@*', `__keyevent@0__:${name}`, key)
    expect(received).toEqual([
      event('expired', 't'), event('keymiss', 't'), event('keymiss', 'a'), event('keymiss', 'b'), event('keymiss', 'c'),
    ])
  })
})
