import { describe, expect, it } from 'vitest'
import { ListValue } from '../../worker/types/list.ts'
import { seededRandom } from '../helpers/engine.ts'

const contents = (list: ListValue) => [...list.values()]

describe('ListValue', () => {
  it('pushes and pops at both ends, wrapping around the ring buffer', () => {
    const list = new ListValue()
    for (let i = 0; i < 6; i++) list.pushBack(`b${i}`)
    for (let i = 0; i < 6; i++) list.pushFront(`f${i}`)
    expect(list.size).toBe(12)
    expect(contents(list)).toEqual(['f5', 'f4', 'f3', 'f2', 'f1', 'f0', 'b0', 'b1', 'b2', 'b3', 'b4', 'b5'])
    expect(list.popFront()).toBe('f5')
    expect(list.popBack()).toBe('b5')
    expect([...list.reversed()].slice(0, 3)).toEqual(['b4', 'b3', 'b2'])
    expect(new ListValue().popFront()).toBeUndefined()
    expect(new ListValue().popBack()).toBeUndefined()
  })

  it('reads and writes by index, negative from the tail', () => {
    const list = new ListValue(['a', 'b', 'c'])
    expect(list.at(0)).toBe('a')
    expect(list.at(-1)).toBe('c')
    expect(list.at(-3)).toBe('a')
    expect(list.at(3)).toBeUndefined()
    expect(list.at(-4)).toBeUndefined()
    expect(list.set(-1, 'z')).toBe(true)
    expect(list.set(3, 'y')).toBe(false)
    expect(contents(list)).toEqual(['a', 'b', 'z'])
    expect(list.indexOf('b')).toBe(1)
    expect(list.indexOf('q')).toBe(-1)
  })

  it('inserts in the middle from either side', () => {
    const list = new ListValue(['a', 'b', 'c', 'd', 'e'])
    list.insert(1, 'x')
    list.insert(5, 'y')
    list.insert(0, 'first')
    list.insert(list.size, 'last')
    expect(contents(list)).toEqual(['first', 'a', 'x', 'b', 'c', 'd', 'y', 'e', 'last'])
  })

  it('removes matches from the head or the tail, up to a limit', () => {
    const list = new ListValue(['a', 'x', 'b', 'x', 'c', 'x'])
    expect(list.removeMatching('x', 2, false)).toBe(2)
    expect(contents(list)).toEqual(['a', 'b', 'c', 'x'])
    const tail = new ListValue(['x', 'a', 'x', 'b', 'x'])
    expect(tail.removeMatching('x', 2, true)).toBe(2)
    expect(contents(tail)).toEqual(['x', 'a', 'b'])
    tail.pushFront('front')
    expect(contents(tail)).toEqual(['front', 'x', 'a', 'b'])
    const all = new ListValue(['x', 'x', 'y', 'x'])
    expect(all.removeMatching('x', 0, true)).toBe(3)
    expect(contents(all)).toEqual(['y'])
  })

  it('trims both ends and gives memory back', () => {
    const list = new ListValue(Array.from({ length: 1000 }, (_, i) => String(i)))
    list.trim(10, 985)
    expect(contents(list)).toEqual(['10', '11', '12', '13', '14'])
    list.trim(10, 10)
    expect(list.size).toBe(0)
  })

  it('clones deeply and reports the quicklist encoding', () => {
    const list = new ListValue(['a', 'b'])
    const copy = list.clone()
    copy.pushBack('c')
    expect(contents(list)).toEqual(['a', 'b'])
    expect(contents(copy)).toEqual(['a', 'b', 'c'])
    expect(list.encoding(new Map())).toBe('quicklist')
    expect([...list]).toEqual(['a', 'b'])
    expect(list.range(1, 1)).toEqual(['b'])
  })

  it('agrees with a plain array under random operations', () => {
    const random = seededRandom(7)
    const list = new ListValue()
    const model: string[] = []
    for (let step = 0; step < 20000; step++) {
      const op = Math.floor(random() * 8)
      const value = String(Math.floor(random() * 5))
      if (op === 0) { list.pushFront(value); model.unshift(value) }
      else if (op === 1) { list.pushBack(value); model.push(value) }
      else if (op === 2) expect(list.popFront()).toBe(model.shift())
      else if (op === 3) expect(list.popBack()).toBe(model.pop())
      else if (op === 4) {
        const index = Math.floor(random() * (model.length + 1))
        list.insert(index, value)
        model.splice(index, 0, value)
      } else if (op === 5) {
        const limit = Math.floor(random() * 3)
        const fromTail = random() < 0.5
        let removed = 0
        const order = fromTail ? [...model.keys()].reverse() : [...model.keys()]
        const drop = new Set<number>()
        for (const i of order) if (model[i] === value && (limit === 0 || removed < limit)) { drop.add(i); removed++ }
        expect(list.removeMatching(value, limit, fromTail)).toBe(removed)
        model.splice(0, model.length, ...model.filter((_, i) => !drop.has(i)))
      } else if (op === 6 && random() < 0.1) {
        const front = Math.floor(random() * 4)
        const back = Math.floor(random() * 4)
        list.trim(front, back)
        model.splice(0, Math.min(front, model.length))
        model.splice(Math.max(0, model.length - back), back)
      } else if (model.length > 0) {
        const index = Math.floor(random() * model.length)
        expect(list.at(index)).toBe(model[index])
        expect(list.at(index - model.length)).toBe(model[index])
      }
      expect(list.size).toBe(model.length)
    }
    expect(contents(list)).toEqual(model)
  })
})
