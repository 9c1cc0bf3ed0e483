import type { Handler } from '../engine.ts'

export const stringHandlers: Record<string, Handler> = {}
