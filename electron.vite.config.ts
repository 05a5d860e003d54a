import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: ['lowdb', 'steno'] },
      rolldownOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
    optimizeDeps: { exclude: ['@tldraw/assets'] },
    build: {
      outDir: 'out/renderer',
      minify: true,
      chunkSizeWarningLimit: 4096,
      // participant.html: the phone's participant screen, its own small entry without tldraw (ADR 0036)
      rolldownOptions: {
        input: {
          index: resolve('src/renderer/index.html'),
          participant: resolve('src/renderer/participant.html'),
        },
      },
    },
  },
})
