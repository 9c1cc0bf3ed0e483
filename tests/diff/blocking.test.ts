// Blocking pops with several connections, against redis-server and the engine's RESP server.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { REDIS_SERVER } from '../helpers/redis-server.ts'
import { expectSameScenario, sleep, startSides, type Sides } from '../helpers/multi-client.ts'

describe.skipIf(!REDIS_SERVER)('blocking commands against redis-server', () => {
  let sides: Sides
  beforeAll(async () => {
    sides = await startSides()
  })
  afterAll(async () => {
    await sides?.stop()
  })

  it('BLPOP and BRPOP are released by another client, first come first served', async () => {
    await expectSameScenario(sides, async (s) => {
      const first = await s.send(1, 'BLPOP q1 q2 0')
      const second = await s.send(2, 'BRPOP q2 0')
      await s.answer('first before', first)
      await s.run(0, 'RPUSH q2 a')
      await s.answer('first', first)
      await s.answer('second before', second)
      await s.run(0, 'RPUSH q2 b c')
      await s.answer('second', second)
      await s.run(0, 'LRANGE q2 0 -1')
    })
  })

  it('pipelined commands wait behind a blocked one', async () => {
    await expectSameScenario(sides, async (s) => {
      const blocked = await s.send(1, 'BLPOP q 0')
      const after = { reply: (await s.connection(1)).call(['ECHO', 'after']) }
      await s.answer('after before', after)
      await s.run(0, 'LPUSH q x')
      await s.answer('blocked', blocked)
      await s.answer('after', after)
    })
  })

  it('times out with a null array, also in RESP3', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.answer('timeout', await s.send(1, 'BLPOP q 0.05'), 200)
      await s.run(2, 'HELLO 3').then(() => undefined)
      s.transcript.pop()
      await s.answer('resp3 timeout', await s.send(2, 'BZPOPMIN z 0.05'), 200)
      await s.answer('blmove timeout', await s.send(1, 'BLMOVE a b LEFT RIGHT 0.05'), 200)
    })
  })

  it('a write inside MULTI/EXEC serves after EXEC, and blocking commands do not block inside MULTI', async () => {
    await expectSameScenario(sides, async (s) => {
      const blocked = await s.send(1, 'BLPOP q 0')
      await s.run(0, 'MULTI')
      await s.run(0, 'RPUSH q a b')
      await s.run(0, 'LPOP q')
      await s.run(0, 'EXEC')
      await s.answer('blocked', blocked)
      await s.run(0, 'LRANGE q 0 -1')
      await s.run(0, 'MULTI')
      await s.run(0, 'BLPOP none 0')
      await s.run(0, 'BLMOVE none x LEFT RIGHT 0')
      await s.run(0, 'BRPOPLPUSH none x 0')
      await s.run(0, 'BZPOPMAX none 0')
      await s.run(0, 'BLMPOP 0 1 none LEFT')
      await s.run(0, 'BZMPOP 0 1 none MIN')
      await s.run(0, 'EXEC')
    })
  })

  it('BLMOVE and BRPOPLPUSH chain into other blocked clients', async () => {
    await expectSameScenario(sides, async (s) => {
      const mover = await s.send(1, 'BLMOVE src dst RIGHT LEFT 0')
      const popper = await s.send(2, 'BRPOPLPUSH dst last 0')
      await s.run(0, 'LPUSH src v')
      await s.answer('mover', mover)
      await s.answer('popper', popper)
      await s.run(0, 'LRANGE last 0 -1')
      await s.run(0, 'EXISTS src dst')
    })
  })

  it('serves from the key that got data, and a wrong type keeps the client waiting', async () => {
    await expectSameScenario(sides, async (s) => {
      const blocked = await s.send(1, 'BZPOPMIN z1 z2 0')
      await s.run(0, 'SET z1 x')
      await s.answer('after set', blocked)
      await s.run(0, 'DEL z1')
      await s.run(0, 'ZADD z2 5 m 1 n')
      await s.answer('served', blocked)
      const multi = await s.send(1, 'BZMPOP 0 2 z3 z2 MAX COUNT 3')
      await s.run(0, 'ZADD z3 1 a 2 b')
      await s.answer('bzmpop', multi)
      const lists = await s.send(1, 'BLMPOP 0 2 l1 l2 RIGHT COUNT 2')
      await s.run(0, 'RPUSH l2 a b c')
      await s.answer('blmpop', lists)
    })
  })

  it('argument errors come before blocking', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(0, 'SET s x')
      for (const cmd of [
        'BLPOP q -1', 'BLPOP q abc', 'BLPOP q nan', 'BLPOP q 1e400', 'BLPOP q inf', 'BLPOP s q 0', 'BRPOP s x',
        'BLMOVE a b UP RIGHT x', 'BLMOVE s b LEFT RIGHT x', 'BLMOVE s b LEFT RIGHT 0', 'BLMOVE a b LEFT RIGHT -2',
        'BLMPOP x 1 a LEFT', 'BLMPOP 0 0 a LEFT', 'BLMPOP 0 1 a UP', 'BLMPOP 0 1 a LEFT COUNT 0', 'BLMPOP 0 5 a LEFT',
        'BLMPOP 0 1 a LEFT COUNT 1 COUNT 1', 'BZPOPMIN s 0', 'BZMPOP x 1 z MIN', 'BZMPOP 0 1 z MID', 'BZMPOP 0 1 z MIN COUNT -1',
        'BLPOP', 'BLMOVE a b LEFT RIGHT',
      ]) await s.run(0, cmd)
      await s.run(0, 'RPUSH l a')
      await s.run(0, 'BLMOVE l s LEFT RIGHT 0')
      await s.run(0, 'LLEN l')
    })
  })

  it('a client that disconnects while blocked is forgotten', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.send(3, 'BLPOP q 0')
      ;(await s.connection(3)).close()
      await sleep(20)
      const other = await s.send(1, 'BLPOP q 0')
      await s.run(0, 'RPUSH q a b')
      await s.answer('other', other)
      await s.run(0, 'LLEN q')
    })
  })
})

describe.skipIf(!REDIS_SERVER)('CLIENT UNBLOCK and CLIENT LIST flags against redis-server', () => {
  let sides: Sides
  beforeAll(async () => {
    sides = await startSides()
  })
  afterAll(async () => {
    await sides?.stop()
  })

  it('unblocks with the timeout reply or an UNBLOCKED error', async () => {
    await expectSameScenario(sides, async (s) => {
      const id = await (await s.connection(1)).call(['CLIENT', 'ID'])
      const target = id.type === 'integer' ? String(id.value) : '0'
      const blocked = await s.send(1, 'BLPOP q 0')
      const flags = await s.run(0, ['CLIENT', 'LIST', 'ID', target])
      s.transcript.pop()
      s.record('flags', { type: 'bulk', value: flags.type === 'bulk' || flags.type === 'verbatim' ? / flags=(\S+)/.exec(flags.value)?.[1] ?? '' : '' })
      const control = await s.connection(0)
      s.record('unblock', await control.call(['CLIENT', 'UNBLOCK', target]))
      await s.answer('timeout reply', blocked)
      s.record('unblock again', await control.call(['CLIENT', 'UNBLOCK', target]))
      const again = await s.send(1, 'BZPOPMAX z 0')
      s.record('unblock error', await control.call(['CLIENT', 'UNBLOCK', target, 'error']))
      await s.answer('error reply', again)
      for (const cmd of ['CLIENT UNBLOCK x', 'CLIENT UNBLOCK 1 FOO', 'CLIENT UNBLOCK 99999', 'CLIENT UNBLOCK -1', 'CLIENT UNBLOCK 1 timeout x']) {
        await s.run(0, cmd)
      }
      await s.run(1, 'MULTI')
      await s.run(1, 'PING')
      const list = await s.run(0, ['CLIENT', 'LIST', 'ID', target])
      s.transcript.pop()
      s.record('in multi', { type: 'bulk', value: list.type === 'bulk' || list.type === 'verbatim' ? / flags=\S+|multi=\S+/g.exec(list.value)?.[0] ?? '' : '' })
      s.record('multi count', { type: 'bulk', value: list.type === 'bulk' || list.type === 'verbatim' ? / multi=\S+/.exec(list.value)?.[0] ?? '' : '' })
    })
  })
})
