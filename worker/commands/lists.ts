import type { Handler } from '../engine.ts'

export const listHandlers: Record<string, Handler> = {}
