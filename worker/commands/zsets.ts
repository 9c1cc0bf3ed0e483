import type { Handler } from '../engine.ts'

export const sortedSetHandlers: Record<string, Handler> = {}
