import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeMismatches, diffLines, EnginePeer, REDIS_SERVER, startRedis, type RedisProcess } from '../helpers/redis-server.ts'

describe.skipIf(!REDIS_SERVER)('connection commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  it('PING, ECHO, unknown commands', async () => {
    const mismatches = await diffLines(redis, new EnginePeer(), [
      'PING', 'PING hello', 'PING a b', 'ECHO "x y"', 'ECHO', 'NOSUCH a b', '"" x',
    ])
    expect(mismatches, describeMismatches(mismatches)).toEqual([])
  })
})
