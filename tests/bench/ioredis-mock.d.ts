// The small part of ioredis-mock's API the benchmark uses (the package ships no types).
declare module 'ioredis-mock' {
  /** The JS shapes ioredis-mock stores: string, list, set, hash, sorted set (member -> entry). */
  export type MockValue =
    | string
    | string[]
    | Set<string>
    | Record<string, string>
    | Map<string, { score: number; value: string }>

  export interface RedisMockOptions {
    host?: string
    port?: number
    /** Initial keys, stored as given (ioredis-mock's own bulk-load path). */
    data?: Record<string, MockValue>
  }

  export default class RedisMock {
    constructor(options?: RedisMockOptions)
    disconnect(): void
    flushall(): Promise<unknown>
    /** Every Redis command, by lower-case name, async like ioredis. */
    [command: string]: unknown
  }
}
