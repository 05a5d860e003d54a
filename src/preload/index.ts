import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_EVENT, IPC_EVENT_NAMES, IPC_INVOKE, IPC_METHOD_NAMES } from '../shared/api/channels'

/**
 * The only bridge between the sandboxed renderer and main: `invoke` for allowlisted API methods and
 * `on` for allowlisted events. No ipcRenderer, no Node, nothing else.
 */
const bridge = {
  invoke(method: string, args: unknown): Promise<unknown> {
    if (!IPC_METHOD_NAMES.includes(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: `No method ${method}.` },
      })
    }
    return ipcRenderer.invoke(IPC_INVOKE, method, args)
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!IPC_EVENT_NAMES.includes(event) || typeof callback !== 'function') return () => {}
    const listener = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) callback(payload)
    }
    ipcRenderer.on(IPC_EVENT, listener)
    return () => ipcRenderer.off(IPC_EVENT, listener)
  },
}

contextBridge.exposeInMainWorld('copro', bridge)
