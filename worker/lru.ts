// The access record Redis keeps in each object's 24-bit `lru` field, for OBJECT IDLETIME and
// OBJECT FREQ (and, in Redis, eviction). Under an LRU (or no-eviction) policy it is the LRU clock:
// seconds, modulo 2^24. Under an LFU policy it is 16 bits of minutes and an 8-bit logarithmic
// access counter. The field is read with the policy in force at the time, so after a policy
// change old records are misread for a while, exactly as Redis warns in its error texts.

import { configNumber } from './config.ts'

const LRU_CLOCK_MAX = (1 << 24) - 1
const LFU_INIT_VAL = 5

/** True when maxmemory-policy is one of the LFU policies. */
export function usesLfu(config: ReadonlyMap<string, string>): boolean {
  return config.get('maxmemory-policy')?.endsWith('-lfu') === true
}

/** lfu-decay-time: minutes per decrement of the counter. */
export function lfuDecayMinutes(config: ReadonlyMap<string, string>): number {
  return configNumber(config, 'lfu-decay-time')
}

const lruClock = (now: number) => Math.floor(now / 1000) & LRU_CLOCK_MAX
const lfuMinutes = (now: number) => Math.floor(now / 60000) & 0xffff

/** The record of an object created now (Redis's createObject). */
export function freshStamp(now: number, lfu: boolean): number {
  return lfu ? (lfuMinutes(now) << 8) | LFU_INIT_VAL : lruClock(now)
}

/** The record after an access now under an LFU policy (Redis's updateLFU with LFULogIncr). */
export function lfuAccessed(stamp: number, now: number, config: ReadonlyMap<string, string>, random: () => number): number {
  let counter = lfuCounter(stamp, now, lfuDecayMinutes(config))
  if (counter < 255) {
    const base = Math.max(counter - LFU_INIT_VAL, 0)
    const logFactor = configNumber(config, 'lfu-log-factor')
    if (random() < 1 / (base * logFactor + 1)) counter++
  }
  return (lfuMinutes(now) << 8) | counter
}

/** OBJECT IDLETIME: whole seconds since the last access, by the LRU clock (which wraps). */
export function idleSeconds(stamp: number, now: number): number {
  const clock = lruClock(now)
  return clock >= stamp ? clock - stamp : LRU_CLOCK_MAX - stamp + clock
}

/** OBJECT FREQ: the access counter, decayed by the minutes since it last changed (LFUDecrAndReturn). */
export function lfuCounter(stamp: number, now: number, decayMinutes: number): number {
  const counter = stamp & 255
  const then = stamp >> 8
  const minutes = lfuMinutes(now)
  const elapsed = minutes >= then ? minutes - then : 65535 - then + minutes
  const periods = decayMinutes > 0 ? Math.floor(elapsed / decayMinutes) : 0
  return periods > counter ? 0 : counter - periods
}
