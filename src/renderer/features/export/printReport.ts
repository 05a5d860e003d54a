import { uiT } from '../../device/i18n/uiT'
/**
 * The browser's way to a PDF: the report goes into a hidden iframe and the print dialog opens on it,
 * where the person chooses "Save as PDF". The frame is same-origin so that this page may call its
 * print(), but sandboxed without scripts: the report has none, and its own CSP blocks every request.
 * The desktop app prints with Electron's printToPDF instead (see the export.pdf app method).
 */
export function printHtml(html: string, title: string): Promise<void> {
  document.querySelectorAll('iframe[data-copro-print]').forEach((f) => f.remove())
  const frame = document.createElement('iframe')
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals')
  frame.setAttribute('data-copro-print', 'pending')
  frame.setAttribute('aria-hidden', 'true')
  frame.tabIndex = -1
  frame.title = title
  Object.assign(frame.style, {
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '0',
    height: '0',
    border: '0',
    visibility: 'hidden',
  })
  return new Promise<void>((resolve, reject) => {
    frame.addEventListener(
      'load',
      () => {
        const w = frame.contentWindow
        if (!w) return reject(new Error(uiT('export.printFailed')))
        try {
          // The file name the browser suggests in "Save as PDF" comes from the document title.
          w.document.title = title
          w.focus()
          w.print()
          frame.setAttribute('data-copro-print', 'printed')
          resolve()
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)))
        } finally {
          // Keep the frame a while: some browsers print asynchronously after print() returns.
          setTimeout(() => frame.remove(), 60_000)
        }
      },
      { once: true },
    )
    frame.srcdoc = html
    document.body.appendChild(frame)
  })
}
