import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { bulk, error, PONG } from '../../worker/reply.ts'

describe('connection', () => {
  it('PING and ECHO', () => {
    const { run } = testEngine()
    expect(run('PING')).toEqual(PONG)
    expect(run('ping "hello world"')).toEqual(bulk('hello world'))
    expect(run('PING a b')).toEqual(error("ERR wrong number of arguments for 'ping' command"))
    expect(run('ECHO x')).toEqual(bulk('x'))
  })
  it('unknown commands', () => {
    const { run } = testEngine()
    expect(run('FOO a b')).toEqual(error("ERR unknown command 'FOO', with args beginning with: 'a' 'b' "))
  })
})
