// Persistence in IndexedDB (fake-indexeddb in Node): reloads restore everything, a crash leaves a
// loadable state, appendfsync always waits for the commit, SAVE and friends, workspaces, two tabs,
// and storage that is missing or full.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { openDB } from 'idb'
import { Engine } from '../../worker/engine.ts'
import { applyStored, Persister, type LogRecord, type WorkspaceStore } from '../../worker/persist.ts'
import { takeSnapshot, type Snapshot } from '../../worker/snapshot.ts'
import { bulk, int } from '../../worker/reply.ts'
import type { ServeOptions } from '../../worker/host.ts'
import { FakeLocks, manualClock, openTab, sleep, type Tab } from '../helpers/host.ts'
import { seededRandom, testEngine } from '../helpers/engine.ts'

let prefixes = 0
/** Each test gets IndexedDB databases of its own. */
const newPrefix = () => `test-${process.pid}-${++prefixes}`

const tabs: Tab[] = []
function tab(options: ServeOptions): Tab {
  const opened = openTab({ storage: 'indexeddb', flushDelay: 5, ...options })
  tabs.push(opened)
  return opened
}
afterEach(async () => {
  for (const opened of tabs.splice(0)) await opened.close().catch(() => undefined)
})

/** Everything in the engine as data, without the time it was taken. */
function state(engine: Engine): Snapshot['databases'] {
  return takeSnapshot(engine).databases
}

/** Runs lines on a new client and returns their texts. */
async function run(t: Tab, ...lines: string[][]): Promise<string[]> {
  const client = await t.engine.createClient()
  const texts: string[] = []
  for (const argv of lines) texts.push((await t.engine.exec(client, argv)).text)
  return texts
}

/** INFO persistence's text. */
async function persistenceInfo(t: Tab): Promise<string> {
  const client = await t.engine.createClient()
  const reply = (await t.engine.exec(client, ['INFO', 'persistence'])).reply
  return reply?.type === 'verbatim' || reply?.type === 'bulk' ? reply.value : ''
}

/** Waits until every change so far is committed. */
async function settle(t: Tab): Promise<void> {
  await (t.host.engine.persistence as Persister).flush()
}

async function readStored(prefix: string, workspace: string): Promise<{ snapshot: Snapshot | undefined; log: LogRecord[] }> {
  const db = await openDB(`${prefix}-workspace-${workspace}`)
  const snapshot = (await db.get('snapshot', 'current')) as Snapshot | undefined
  const log = (await db.getAll('log')) as LogRecord[]
  db.close()
  return { snapshot, log }
}

const EVERY_TYPE: string[][] = [
  ['SET', 'string', 'v\x00\xff'],
  ['SET', 'ttl', 'x', 'PX', '60000'],
  ['RPUSH', 'list', 'a', 'b', 'c'],
  ['SADD', 'set', '1', '2', 'three'],
  ['HSET', 'hash', 'f', 'v', 'g', 'w'],
  ['ZADD', 'zset', '1', 'one', '-inf', 'low', '2.5', 'two'],
  ['EXPIRE', 'hash', '3600'],
  ['SELECT', '9'],
  ['SET', 'nine', '9'],
  ['LPUSH', 'list', 'in nine'],
  ['SELECT', '15'],
  ['SADD', 'last', 'x'],
]

describe('reload', () => {
  it('finds every type in every database as it was, with TTLs from absolute times', async () => {
    const prefix = newPrefix()
    const clock = manualClock()
    const first = tab({ prefix, clock: clock.now })
    await run(first, ...EVERY_TYPE)
    const before = state(first.host.engine)
    await first.close()
    clock.advance(10_000)
    const second = tab({ prefix, clock: clock.now })
    await second.host.ready
    expect(state(second.host.engine)).toEqual(before)
    expect(await run(second, ['PTTL', 'ttl'], ['TTL', 'hash'], ['ZRANGE', 'zset', '0', '-1', 'WITHSCORES'])).toEqual([
      '(integer) 50000', '(integer) 3590', '1) "low"\n2) "-inf"\n3) "one"\n4) "1"\n5) "two"\n6) "2.5"',
    ])
  })

  it('drops a key that expired while the page was closed', async () => {
    const prefix = newPrefix()
    const clock = manualClock()
    const first = tab({ prefix, clock: clock.now })
    await run(first, ['SET', 'gone', 'x', 'PX', '1000'], ['SET', 'kept', 'y', 'PX', '5000'])
    await first.close()
    clock.advance(2000)
    const second = tab({ prefix, clock: clock.now })
    expect(await run(second, ['EXISTS', 'gone'], ['PTTL', 'kept'])).toEqual(['(integer) 0', '(integer) 3000'])
    expect(await persistenceInfo(second)).toContain('rdb_last_load_keys_loaded:1\r\n')
  })

  it('replays deletions, expiry, flushes, swaps and moves exactly', async () => {
    const prefix = newPrefix()
    const clock = manualClock()
    const first = tab({ prefix, clock: clock.now, tickInterval: 5 })
    await run(first,
      ['MSET', 'a', '1', 'b', '2', 'c', '3'],
      ['DEL', 'a'],
      ['SET', 'soon', 'x', 'PX', '10'],
      ['SELECT', '1'], ['SET', 'one', '1'], ['FLUSHDB'], ['SET', 'after-flush', 'x'],
      ['SELECT', '2'], ['RPUSH', 'two', 'x'],
      ['SWAPDB', '2', '3'],
      ['SELECT', '0'], ['MOVE', 'b', '4'],
      ['RENAME', 'c', 'renamed'],
    )
    clock.advance(20)
    await sleep(30)
    const before = state(first.host.engine)
    expect(before).toEqual([
      { index: 0, keys: [['string', 'renamed', '3']] },
      { index: 1, keys: [['string', 'after-flush', 'x']] },
      { index: 3, keys: [['list', 'two', ['x']]] },
      { index: 4, keys: [['string', 'b', '2']] },
    ])
    await first.close()
    const second = tab({ prefix, clock: clock.now })
    await second.host.ready
    expect(state(second.host.engine)).toEqual(before)
  })
})

describe('crash safety', () => {
  it('every prefix of the log is a state the data really had, and a crash loses only unwritten changes', async () => {
    const prefix = newPrefix()
    const clock = manualClock()
    const random = seededRandom(7)
    const first = tab({ prefix, clock: clock.now, flushDelay: 60_000, compactAfter: 1e9 })
    await first.host.ready
    const client = await first.engine.createClient()
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]
    const keys = ['a', 'b', 'c', 'd']
    const commands = (): string[] => {
      const key = pick(keys)
      return pick([
        ['SET', key, String(random())],
        ['RPUSH', `l${key}`, 'x', 'y'],
        ['LPOP', `l${key}`],
        ['SADD', `s${key}`, pick(['1', '2', 'm'])],
        ['SREM', `s${key}`, pick(['1', '2', 'm'])],
        ['HSET', `h${key}`, pick(['f', 'g']), String(random())],
        ['HDEL', `h${key}`, 'f'],
        ['ZADD', `z${key}`, String(Math.floor(random() * 10)), pick(['p', 'q'])],
        ['ZREM', `z${key}`, 'p'],
        ['DEL', key],
        ['PEXPIRE', key, '100000'],
        ['PERSIST', key],
        ['SELECT', pick(['0', '1', '2'])],
        ['MOVE', key, '2'],
        ['SWAPDB', '0', '1'],
        ['FLUSHDB'],
        ['INCR', 'counter'],
      ])
    }
    const committed: Array<Snapshot['databases']> = []
    for (let flush = 0; flush < 40; flush++) {
      const count = 1 + Math.floor(random() * 8)
      for (let i = 0; i < count; i++) await first.engine.exec(client, commands())
      // The record is taken when flush() is called: that moment's state is what it must restore.
      const persister = first.host.engine.persistence as Persister
      if (!persister.hasChanges) continue
      const written = persister.flush()
      committed.push(state(first.host.engine))
      await written
    }
    for (let i = 0; i < 5; i++) await first.engine.exec(client, ['SET', `unwritten${i}`, 'x'])
    const workspace = (await first.engine.status()).workspace.id
    first.crash()

    const { snapshot, log } = await readStored(prefix, workspace)
    expect(log.length).toBeGreaterThan(30)
    expect(log).toHaveLength(committed.length)
    for (let length = 1; length <= log.length; length++) {
      const replay = new Engine({ clock: clock.now })
      applyStored(replay, snapshot, log.slice(0, length))
      expect(state(replay)).toEqual(committed[length - 1])
    }
    const second = tab({ prefix, clock: clock.now })
    await second.host.ready
    expect(state(second.host.engine)).toEqual(committed[committed.length - 1])
  })

  it('a crash after compaction reloads the compacted state plus the log written since', async () => {
    const prefix = newPrefix()
    const clock = manualClock()
    const first = tab({ prefix, clock: clock.now, flushDelay: 1, compactAfter: 20 })
    const client = await first.engine.createClient()
    for (let i = 0; i < 100; i++) {
      await first.engine.exec(client, ['RPUSH', 'list', String(i)])
      if (i % 7 === 0) await settle(first)
    }
    await settle(first)
    const workspace = (await first.engine.status()).workspace.id
    const stored = await readStored(prefix, workspace)
    expect(stored.snapshot).toBeDefined()
    expect(stored.log.length).toBeLessThan(10)
    const expected = state(first.host.engine)
    first.crash()
    const second = tab({ prefix, clock: clock.now })
    await second.host.ready
    expect(state(second.host.engine)).toEqual(expected)
    expect((await run(second, ['LLEN', 'list']))[0]).toBe('(integer) 100')
  })
})

describe('appendfsync', () => {
  it('everysec replies at once and writes a moment later: a crash in between loses that write', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix, flushDelay: 60_000 })
    expect(await run(first, ['CONFIG', 'GET', 'appendfsync'], ['SET', 'k', 'v'])).toEqual(['1) "appendfsync"\n2) "everysec"', 'OK'])
    first.crash()
    const second = tab({ prefix })
    expect(await run(second, ['EXISTS', 'k'])).toEqual(['(integer) 0'])
  })

  it('everysec writes within the flush delay and reports it', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix, flushDelay: 20 })
    await first.host.ready
    const persisted = first.next('persisted')
    await run(first, ['SET', 'k', 'v'])
    expect(await persisted).toMatchObject({ type: 'persisted', lastSave: null })
    first.crash()
    const second = tab({ prefix })
    expect(await run(second, ['GET', 'k'])).toEqual(['"v"'])
  })

  it('writes pending changes at once when the page asks (a tab being hidden or closed)', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix, flushDelay: 60_000 })
    await run(first, ['SET', 'k', 'v'])
    await first.engine.flush()
    first.crash()
    const second = tab({ prefix })
    expect(await run(second, ['GET', 'k'])).toEqual(['"v"'])
  })

  it('always replies only after the write is committed', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix, flushDelay: 60_000 })
    expect(await run(first, ['CONFIG', 'SET', 'appendfsync', 'always'], ['SET', 'k', 'v'], ['HSET', 'h', 'f', 'v'])).toEqual([
      'OK', 'OK', '(integer) 1',
    ])
    first.crash()
    const second = tab({ prefix })
    expect(await run(second, ['GET', 'k'], ['HGET', 'h', 'f'])).toEqual(['"v"', '"v"'])
  })
})

describe('SAVE, BGSAVE, BGREWRITEAOF, LASTSAVE and INFO persistence', () => {
  it('SAVE writes a snapshot, empties the log and replies once it is stored', async () => {
    const prefix = newPrefix()
    const clock = manualClock()
    const first = tab({ prefix, clock: clock.now, flushDelay: 60_000 })
    const startedAt = Math.floor(clock.now() / 1000)
    expect(await run(first, ['LASTSAVE'])).toEqual([`(integer) ${startedAt}`])
    clock.advance(5000)
    expect(await run(first, ['SET', 'k', 'v'])).toEqual(['OK'])
    expect(await persistenceInfo(first)).toContain('rdb_changes_since_last_save:1\r\n')
    expect(await run(first, ['SAVE'], ['LASTSAVE'])).toEqual(['OK', `(integer) ${startedAt + 5}`])
    const info = await persistenceInfo(first)
    expect(info).toContain('rdb_changes_since_last_save:0\r\n')
    expect(info).toContain('rdb_saves:1\r\n')
    expect(info).toContain('aof_enabled:1\r\n')
    expect(info).toContain(`rdb_last_save_time:${startedAt + 5}\r\n`)
    const workspace = (await first.engine.status()).workspace.id
    const stored = await readStored(prefix, workspace)
    expect(stored.log).toEqual([])
    expect(stored.snapshot?.databases).toEqual([{ index: 0, keys: [['string', 'k', 'v']] }])
    first.crash()
    clock.advance(5000)
    const second = tab({ prefix, clock: clock.now })
    expect(await run(second, ['LASTSAVE'], ['GET', 'k'])).toEqual([`(integer) ${startedAt + 5}`, '"v"'])
    expect((await second.engine.status()).lastSave).toBe((startedAt + 5) * 1000)
  })

  it('BGSAVE and BGREWRITEAOF reply at once and compact in the background', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix, flushDelay: 60_000 })
    await first.host.ready
    const workspace = (await first.engine.status()).workspace.id
    const saved = first.next('persisted', (event) => event.lastSave !== null)
    expect(await run(first, ['SET', 'a', '1'], ['BGSAVE'])).toEqual(['OK', 'Background saving started'])
    await saved
    expect((await readStored(prefix, workspace)).snapshot?.databases).toEqual([{ index: 0, keys: [['string', 'a', '1']] }])
    const rewritten = first.next('persisted')
    expect(await run(first, ['SET', 'b', '2'], ['BGREWRITEAOF'])).toEqual(['OK', 'Background append only file rewriting started'])
    await rewritten
    const stored = await readStored(prefix, workspace)
    expect(stored.log).toEqual([])
    expect(stored.snapshot?.databases[0].keys).toHaveLength(2)
    expect(await run(first, ['BGSAVE', 'SCHEDULE'], ['BGSAVE', 'NOW'])).toEqual(['Background saving started', '(error) ERR syntax error'])
  })
})

describe('without storage (the Node server, plain engines)', () => {
  it('answers as a Redis whose saves succeed at once', () => {
    const t = testEngine()
    const started = Math.floor(t.now() / 1000)
    expect(t.run('LASTSAVE')).toEqual(int(started))
    t.advance(3000)
    expect(t.run('SAVE')).toEqual({ type: 'simple', value: 'OK' })
    expect(t.run('LASTSAVE')).toEqual(int(started + 3))
    expect(t.run('BGSAVE')).toEqual({ type: 'simple', value: 'Background saving started' })
    expect(t.run('BGSAVE schedule')).toEqual({ type: 'simple', value: 'Background saving started' })
    expect(t.run('BGSAVE x')).toEqual({ type: 'error', value: 'ERR syntax error' })
    expect(t.run('BGREWRITEAOF')).toEqual({ type: 'simple', value: 'Background append only file rewriting started' })
    expect(t.run('SAVE x')).toEqual({ type: 'error', value: "ERR wrong number of arguments for 'save' command" })
    expect(t.run('LASTSAVE x')).toEqual({ type: 'error', value: "ERR wrong number of arguments for 'lastsave' command" })
    const info = t.run('INFO persistence')
    expect(info.type).toBe('verbatim')
    const text = (info as { value: string }).value
    expect(text).toContain('rdb_saves:3\r\n')
    expect(text).toContain('aof_rewrites:1\r\n')
    expect(text).toContain('aof_enabled:0\r\n')
    expect(text).toContain(`rdb_last_save_time:${started + 3}\r\n`)
  })
})

describe('workspaces', () => {
  it('starts with a default workspace and keeps workspaces apart', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix })
    const list = await first.engine.listWorkspaces()
    expect(list.workspaces.map((workspace) => workspace.name)).toEqual(['Default'])
    const defaultId = list.current
    await run(first, ['SET', 'where', 'default'])
    const second = await first.engine.createWorkspace('  Second  ')
    expect(second.name).toBe('Second')
    const changed = first.next('changed', (event) => event.db === 0 && event.all)
    expect((await first.engine.switchWorkspace(second.id)).current).toBe(second.id)
    await changed
    expect(await run(first, ['GET', 'where'], ['SET', 'where', 'second'])).toEqual(['(nil)', 'OK'])
    await first.engine.switchWorkspace(defaultId)
    expect(await run(first, ['GET', 'where'])).toEqual(['"default"'])
    await first.engine.switchWorkspace(second.id)
    await first.close()
    // A new tab opens the workspace used last.
    const again = tab({ prefix })
    expect((await again.engine.status()).workspace.id).toBe(second.id)
    expect(await run(again, ['GET', 'where'])).toEqual(['"second"'])
  })

  it('keeps function libraries with their workspace, also when switching to one never saved', async () => {
    const first = tab({ prefix: newPrefix() })
    const defaultId = (await first.engine.listWorkspaces()).current
    const code = "#!lua name=mylib\nredis.register_function('f', function() return 1 end)"
    expect(await run(first, ['FUNCTION', 'LOAD', code])).toEqual(['"mylib"'])
    await first.engine.flush()
    const empty = await first.engine.createWorkspace('Empty')
    await first.engine.switchWorkspace(empty.id)
    expect(await run(first, ['FUNCTION', 'LIST'], ['FCALL', 'f', '0'])).toEqual(['(empty array)', '(error) ERR Function not found'])
    await first.engine.switchWorkspace(defaultId)
    expect(await run(first, ['FCALL', 'f', '0'])).toEqual(['(integer) 1'])
    await first.close()
  })

  it('keeps clients connected across a switch, with requests in between held', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix })
    const client = await first.engine.createClient()
    await first.engine.exec(client, ['SET', 'k', 'a'])
    const other = await first.engine.createWorkspace('Other')
    const [, reply] = await Promise.all([first.engine.switchWorkspace(other.id), first.engine.exec(client, ['GET', 'k'])])
    expect(reply.text).toBe('(nil)')
  })

  it('renames, resets and deletes workspaces', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix })
    await run(first, ['SET', 'k', 'v'], ['SELECT', '3'], ['SET', 'k3', 'v'])
    const { current } = await first.engine.listWorkspaces()
    expect((await first.engine.renameWorkspace(current, 'Mine')).name).toBe('Mine')
    await expect(first.engine.renameWorkspace(current, '   ')).rejects.toThrow('A workspace needs a name.')
    await expect(first.engine.renameWorkspace('nope', 'x')).rejects.toThrow('There is no workspace with id "nope".')
    await first.engine.resetWorkspace()
    expect(state(first.host.engine)).toEqual([])
    expect((await first.engine.status()).workspace.name).toBe('Mine')

    const other = await first.engine.createWorkspace('Other')
    await first.engine.switchWorkspace(other.id)
    await run(first, ['SET', 'o', '1'])
    await first.engine.switchWorkspace(current)
    await run(first, ['SET', 'back', '1'])
    await first.engine.resetWorkspace(other.id)
    expect(state(first.host.engine)).toEqual([{ index: 0, keys: [['string', 'back', '1']] }])
    await first.engine.switchWorkspace(other.id)
    expect(state(first.host.engine)).toEqual([])

    const afterDelete = await first.engine.deleteWorkspace(current)
    expect(afterDelete.workspaces.map((workspace) => workspace.name)).toEqual(['Other'])
    const last = await first.engine.deleteWorkspace(other.id)
    expect(last.workspaces.map((workspace) => workspace.name)).toEqual(['Default'])
    expect(last.current).toBe(last.workspaces[0].id)
  })

  it('exports a workspace to a file and imports it as a new one', async () => {
    const prefix = newPrefix()
    const clock = manualClock()
    const first = tab({ prefix, clock: clock.now })
    await run(first, ...EVERY_TYPE)
    const before = state(first.host.engine)
    const { current } = await first.engine.listWorkspaces()
    await first.engine.renameWorkspace(current, 'Tutorial: lists')
    const file = await first.engine.exportWorkspace()
    expect(file.fileName).toBe('Tutorial-lists.redis-playground.json')
    const imported = await first.engine.importWorkspace(file.text)
    expect(imported.name).toBe('Tutorial: lists')
    expect((await first.engine.importWorkspace(file.text, 'Copy')).name).toBe('Copy')
    await first.engine.switchWorkspace(imported.id)
    expect(state(first.host.engine)).toEqual(before)
    // Exporting a workspace that is not loaded reads it from storage.
    await run(first, ['FLUSHALL'])
    const stored = await first.engine.exportWorkspace(current)
    expect(JSON.parse(stored.text).databases).toEqual(before)
  })

  it('refuses an invalid or foreign file with a clear message and changes nothing', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix })
    await run(first, ['SET', 'k', 'v'])
    const before = await first.engine.listWorkspaces()
    await expect(first.engine.importWorkspace('{"format":"something-else"}')).rejects.toThrow(
      'This is not a Redis Playground workspace file.',
    )
    await expect(first.engine.importWorkspace('garbage')).rejects.toThrow('(it is not JSON)')
    const newer = JSON.stringify({ format: 'redis-playground-snapshot', version: 9, savedAt: 0, databases: [] })
    await expect(first.engine.importWorkspace(newer)).rejects.toThrow('made by a newer version of the playground')
    expect(await first.engine.listWorkspaces()).toEqual(before)
    expect(await run(first, ['GET', 'k'])).toEqual(['"v"'])
  })
})

describe('two tabs', () => {
  it('lets one tab own a workspace; the other shows a copy and writes nothing', async () => {
    const prefix = newPrefix()
    const locks = new FakeLocks()
    const owner = tab({ prefix, locks })
    await run(owner, ['SET', 'k', 'owner'])
    await settle(owner)
    const ownerStorage = owner.events.find((event) => event.type === 'storage')
    expect(ownerStorage).toEqual({ type: 'storage', mode: 'indexeddb' })

    const second = tab({ prefix, locks })
    const storage = await second.next('storage')
    expect(storage).toMatchObject({ type: 'storage', mode: 'memory', openElsewhere: true })
    expect(storage.reason).toBe('The workspace "Default" is open in another tab. This tab shows a copy of it; changes made here are not saved.')
    expect(await run(second, ['GET', 'k'], ['SET', 'k', 'second'], ['SET', 'only-second', '1'])).toEqual(['"owner"', 'OK', 'OK'])
    const { current } = await second.engine.listWorkspaces()
    await expect(second.engine.deleteWorkspace(current)).rejects.toThrow('The workspace "Default" is open in another tab.')
    await expect(second.engine.resetWorkspace()).rejects.toThrow('The workspace "Default" is open in another tab.')
    // The owner may not delete or reset a workspace held by another tab either.
    const spare = await second.engine.createWorkspace('Spare')
    await second.engine.switchWorkspace(spare.id)
    await expect(owner.engine.deleteWorkspace(spare.id)).rejects.toThrow('The workspace "Spare" is open in another tab.')
    await expect(owner.engine.resetWorkspace(spare.id)).rejects.toThrow('The workspace "Spare" is open in another tab.')
    await second.engine.switchWorkspace(current)
    expect(await run(second, ['GET', 'k'])).toEqual(['"owner"'])

    await run(owner, ['SET', 'more', 'x'])
    await owner.close()
    const third = tab({ prefix, locks })
    expect(await run(third, ['GET', 'k'], ['GET', 'more'], ['EXISTS', 'only-second'])).toEqual(['"owner"', '"x"', '(integer) 0'])
    expect(third.events.find((event) => event.type === 'storage')).toEqual({ type: 'storage', mode: 'indexeddb' })
  })
})

describe('storage unavailable', () => {
  it('does not misread a workspace saved by a newer version: it works in memory and says so', async () => {
    const prefix = newPrefix()
    const first = tab({ prefix })
    await run(first, ['SET', 'k', 'v'], ['SAVE'])
    const workspace = (await first.engine.status()).workspace.id
    await first.close()
    const db = await openDB(`${prefix}-workspace-${workspace}`)
    const snapshot = (await db.get('snapshot', 'current')) as Snapshot
    await db.put('snapshot', { ...snapshot, version: 2 }, 'current')
    db.close()
    const second = tab({ prefix })
    const status = await second.engine.status()
    expect(status.storage).toEqual({
      mode: 'memory',
      reason: 'Your saved workspace could not be loaded (it was saved by a newer version of the playground): this tab works in memory and saves nothing.',
    })
    expect(await run(second, ['SET', 'a', '1'], ['GET', 'a'])).toEqual(['OK', '"1"'])
  })


  it('works in memory and says why when there is no IndexedDB', async () => {
    const saved = globalThis.indexedDB
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB
    try {
      const t = tab({ prefix: newPrefix() })
      const storage = await t.next('storage')
      expect(storage).toEqual({
        type: 'storage', mode: 'memory',
        reason: 'Browser storage is unavailable (this browser offers no IndexedDB): your data lives in memory and is lost when the page closes.',
      })
      expect(await run(t, ['SET', 'k', 'v'], ['GET', 'k'], ['SAVE'])).toEqual(['OK', '"v"', 'OK'])
      const other = await t.engine.createWorkspace('Other')
      await t.engine.switchWorkspace(other.id)
      expect(await run(t, ['GET', 'k'])).toEqual(['(nil)'])
    } finally {
      globalThis.indexedDB = saved
    }
  })

  it('keeps working in memory when a write fails (quota exceeded)', async () => {
    const t = testEngine()
    const failures: string[] = []
    const full: WorkspaceStore = {
      read: async () => ({ snapshot: undefined, log: [] }),
      append: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      },
      compact: async () => undefined,
      close: () => undefined,
    }
    const loaded = { lastSave: undefined, keysLoaded: 0, keysExpired: 0, logWeight: 0, snapshotWeight: 0 }
    const persister = new Persister(t.engine, full, loaded, { flushDelay: 60_000, onFailure: (reason) => failures.push(reason) })
    t.run('CONFIG SET appendfsync always')
    t.run('SET k v')
    expect(persister.replyMustWait).toBe(true)
    await persister.flush()
    expect(failures).toEqual(['Browser storage is full: changes are kept in memory only from now on.'])
    expect(persister.replyMustWait).toBe(false)
    expect(t.run('GET k')).toEqual(bulk('v'))
    expect((t.run('INFO persistence') as { value: string }).value).toContain('aof_last_write_status:err')
    persister.detach()
  })
})
