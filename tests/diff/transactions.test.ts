// MULTI/EXEC/DISCARD/WATCH/UNWATCH against redis-server, with a second connection for WATCH races.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { EnginePeer, expectSameReplies, REDIS_SERVER, resp3, startRedis, type RedisProcess, type ScriptLine } from '../helpers/redis-server.ts'

const other = (cmd: string): ScriptLine => ({ cmd, connection: 1 })

describe.skipIf(!REDIS_SERVER)('transactions against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('queues, executes, and keeps going after run-time errors', async () => {
    await expectSameReplies(redis, [
      'MULTI', 'SET a 1', 'INCR a', 'LPUSH a x', 'GET a', 'HSET h f v', 'HGETALL h', 'EXEC',
      'MULTI', 'EXEC', 'MULTI', 'PING', 'DISCARD', 'EXEC', 'DISCARD',
      'MULTI', 'MULTI', 'WATCH a', 'UNWATCH', 'ECHO x', 'EXEC',
    ])
  })

  it('aborts EXEC after a command refused while queueing', async () => {
    await expectSameReplies(redis, [
      'MULTI', 'SET a 1', 'GET', 'FOO bar', 'EXEC', 'GET a',
      'MULTI', 'NOSUCH', 'DISCARD', 'MULTI', 'SET a 2', 'EXEC', 'GET a',
      'MULTI', 'CLIENT NOSUCH', 'EXEC',
      'MULTI', 'OBJECT', 'EXEC',
    ])
  })

  it('WATCH makes EXEC fail when another client writes', async () => {
    await expectSameReplies(redis, [
      'SET balance 100', 'WATCH balance', other('INCRBY balance 5'), 'MULTI', 'DECRBY balance 10', 'EXEC', 'GET balance',
      'WATCH balance', 'MULTI', 'DECRBY balance 10', 'EXEC', 'GET balance',
      'WATCH balance', other('GET balance'), 'MULTI', 'INCR balance', 'EXEC',
      'WATCH balance', other('SET balance 1'), 'UNWATCH', 'MULTI', 'INCR balance', 'EXEC',
      'WATCH balance', other('SET balance 1'), 'MULTI', 'INCR balance', 'DISCARD', 'MULTI', 'INCR balance', 'EXEC',
      'WATCH nokey', other('DEL nokey'), 'MULTI', 'PING', 'EXEC',
      'WATCH nokey', other('SET nokey 1'), 'MULTI', 'PING', 'EXEC',
      'WATCH balance', 'SET balance 7', 'MULTI', 'PING', 'EXEC',
      'WATCH balance', other('SET balance 1'), 'MULTI', 'NOSUCH', 'EXEC',
    ])
  })

  it('FLUSHDB, FLUSHALL and SWAPDB touch the watched keys that exist', async () => {
    await expectSameReplies(redis, [
      'SET k 1', 'WATCH k', other('FLUSHDB'), 'MULTI', 'PING', 'EXEC',
      'WATCH k', other('FLUSHDB'), 'MULTI', 'PING', 'EXEC',
      'SET k 1', 'WATCH k', other('FLUSHALL'), 'MULTI', 'PING', 'EXEC',
      'WATCH nokey', other('FLUSHALL'), 'MULTI', 'PING', 'EXEC',
      other('SELECT 1'), other('SET s 1'), 'WATCH s', other('SWAPDB 0 1'), 'MULTI', 'PING', 'EXEC',
      'WATCH other', other('SWAPDB 0 1'), 'MULTI', 'PING', 'EXEC',
      'SELECT 3', 'WATCH s', 'SELECT 0', other('SELECT 3'), other('SET s 2'), 'MULTI', 'PING', 'EXEC',
      other('SELECT 0'), other('SET s 2'), 'WATCH s', other('SELECT 4'), other('SET s 9'), 'MULTI', 'PING', 'EXEC',
    ])
  })

  it('an expired watched key makes EXEC fail', async () => {
    await expectSameReplies(redis, [
      'SET t 1 PX 30', 'WATCH t', { cmd: 'DEBUG SLEEP 0.06', compare: 'type' }, 'MULTI', 'PING', 'EXEC',
    ])
  })

  it('works over RESP3 and after RESET', async () => {
    await expectSameReplies(redis, [
      ...resp3(['MULTI', 'SET a 1', 'HSET h f v', 'HGETALL h', 'ZADD z 1 m', 'ZSCORE z m', 'EXEC', 'WATCH a', 'SET a 2', 'MULTI', 'EXEC']),
      'MULTI', 'SET a 3', 'RESET', 'EXEC', 'GET a',
      'WATCH a', other('SET a 5'), 'RESET', 'MULTI', 'PING', 'EXEC',
    ], new EnginePeer())
  })

  it("the complete guide's MULTI/EXEC and WATCH examples, then the same with a race", async () => {
    await expectSameReplies(redis, [
      'MULTI', 'SET account:1001:balance 500', 'SET account:1002:balance 300', 'EXEC',
      'WATCH account:1001:balance', 'GET account:1001:balance', 'MULTI', 'DECRBY account:1001:balance 100',
      'INCRBY account:1002:balance 100', 'EXEC', 'MGET account:1001:balance account:1002:balance',
      'WATCH account:1001:balance', 'GET account:1001:balance', other('DECRBY account:1001:balance 50'), 'MULTI',
      'DECRBY account:1001:balance 100', 'INCRBY account:1002:balance 100', 'EXEC',
      'MGET account:1001:balance account:1002:balance',
    ])
  })

  it('arity and errors of the commands themselves', async () => {
    await expectSameReplies(redis, ['MULTI x', 'EXEC x', 'DISCARD x', 'WATCH', 'UNWATCH x', 'EXEC', 'DISCARD', 'UNWATCH'])
  })
})
