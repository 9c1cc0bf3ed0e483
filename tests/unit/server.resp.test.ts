// worker/resp.ts as the server and the test clients use it: reply pieces for big replies, and a
// reply parser that takes a big bulk in many chunks without parsing it again for every chunk.
import { describe, expect, it, vi } from 'vitest'
import { encodeReply, encodeReplyInto, ReplyParser } from '../../worker/resp.ts'
import { array, bulk, double, map, NIL, type Reply } from '../../worker/reply.ts'

describe('encodeReplyInto', () => {
  it('gives the same bytes as encodeReply, in pieces that leave the payload whole', () => {
    const payload = 'p'.repeat(1000)
    const reply = array([bulk(payload), map([[bulk('k'), double(1.5)]]), NIL])
    for (const resp of [2, 3] as const) {
      const pieces: string[] = []
      encodeReplyInto(reply, resp, pieces)
      expect(pieces.join('')).toBe(encodeReply(reply, resp))
      expect(pieces).toContain(payload)
    }
  })
})

describe('ReplyParser', () => {
  it('parses replies split anywhere', () => {
    const replies: Reply[] = [bulk('a\r\nb'), array([bulk('x'), { type: 'integer', value: 5 }]), NIL, { type: 'simple', value: 'OK' }]
    const bytes = replies.map((r) => encodeReply(r, 2)).join('')
    const parser = new ReplyParser()
    const out: Reply[] = []
    for (const c of bytes) {
      parser.feed(c)
      for (let r = parser.next(); r !== undefined; r = parser.next()) out.push(r)
    }
    expect(out).toEqual(replies)
  })

  it('waits for a big bulk to be complete before parsing it again', () => {
    const size = 8 * 1024 * 1024
    const parser = new ReplyParser()
    const parse = vi.spyOn(parser as unknown as { parse(): Reply | undefined }, 'parse')
    parser.feed(`$${size}\r\n`)
    expect(parser.next()).toBeUndefined()
    const chunk = 'z'.repeat(64 * 1024)
    for (let sent = 0; sent < size; sent += chunk.length) {
      parser.feed(chunk)
      expect(parser.next()).toBeUndefined()
    }
    parser.feed('\r\n+OK\r\n')
    const reply = parser.next()
    expect(reply?.type === 'bulk' && reply.value.length).toBe(size)
    expect(parser.next()).toEqual({ type: 'simple', value: 'OK' })
    // One attempt at the header, one once the bulk was complete, one for +OK: not one per chunk.
    expect(parse).toHaveBeenCalledTimes(3)
  })
})
