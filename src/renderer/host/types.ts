import type { ApiArgs, ApiEvent, ApiEventPayload, ApiMethod, ApiResult, ApiValue } from '../../shared/api'

/** How the renderer reaches the server: Electron IPC (desktop) or HTTP/WebSocket (browser). */
export interface AppHost {
  readonly kind: 'electron' | 'browser'
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<ApiValue<M>>>
  on<E extends ApiEvent>(event: E, callback: (payload: ApiEventPayload<E>) => void): () => void
  /**
   * Called whenever events may have been missed — in a browser, each time the event socket
   * (re)connects — so state that events keep fresh is fetched again. Never called on the desktop,
   * where IPC events cannot be missed.
   */
  onResync(callback: () => void): () => void
  /** Save bytes to a file the person chooses (download in a browser). */
  saveFile(name: string, data: Blob): Promise<void>
}
