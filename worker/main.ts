// The module Web Worker's entry: the engine behind worker/host.ts, saving to IndexedDB.
import { serve } from './host.ts'

serve(self as unknown as DedicatedWorkerGlobalScope, { storage: 'indexeddb' })
