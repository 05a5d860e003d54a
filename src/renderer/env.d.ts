/// <reference types="vite/client" />

interface CoproBridge {
  invoke(method: string, args: unknown): Promise<unknown>
  on(event: string, callback: (payload: unknown) => void): () => void
}

interface ImportMetaEnv {
  readonly VITE_TLDRAW_LICENSE_KEY?: string
}

interface Window {
  /** Present only in the desktop app (exposed by the preload). */
  copro?: CoproBridge
}
