// The SharedWorker's entry: one engine for every tab of the playground (worker/port-hub.ts),
// saving to IndexedDB. Browsers without SharedWorker use worker/main.ts, one engine per tab.
import { serve } from './host.ts'
import { PortHub } from './port-hub.ts'

const hub = new PortHub()
serve(hub, { storage: 'indexeddb' })

;(self as unknown as { onconnect: (event: MessageEvent) => void }).onconnect = (event) => {
  hub.add(event.ports[0])
}
