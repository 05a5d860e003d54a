import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { CopyLink } from '../../src/renderer/features/share/CopyLink'
import { QrFullScreen } from '../../src/renderer/features/share/QrFullScreen'

const URL = 'http://192.168.1.20:4000/join/s-1#k=secret'

describe('CopyLink', () => {
  it('copies the link to the clipboard and says so', async () => {
    const user = userEvent.setup()
    render(<CopyLink label="Participant link" url={URL} testId="link" />)
    const box = screen.getByRole('textbox', { name: 'Participant link' }) as HTMLInputElement
    expect(box.readOnly).toBe(true)
    expect(box.value).toBe(URL)
    await user.click(screen.getByRole('button', { name: 'Copy' }))
    expect(await navigator.clipboard.readText()).toBe(URL)
    expect(screen.getByRole('status').textContent).toBe('Copied.')
  })

  it('when the clipboard is refused, selects the link and says how to copy it', async () => {
    const user = userEvent.setup()
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    render(<CopyLink label="Participant link" url={URL} testId="link" />)
    await user.click(screen.getByRole('button', { name: 'Copy' }))
    const box = screen.getByRole('textbox', { name: 'Participant link' }) as HTMLInputElement
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Selected: press Ctrl+C (or ⌘C) to copy.'),
    )
    expect(document.activeElement).toBe(box)
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, URL.length])
  })
})

/** The full-screen QR code as the share panel uses it: opened from a button, closed back to it. */
function Harness() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Show QR code full screen
      </button>
      <a href="#elsewhere">elsewhere</a>
      {open && <QrFullScreen url={URL} title="Waiting times" onClose={() => setOpen(false)} />}
    </>
  )
}

describe('QrFullScreen', () => {
  it('is a modal dialog named after the session, focus on Close, with the link and a described QR image', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.click(screen.getByRole('button', { name: 'Show QR code full screen' }))
    const dialog = screen.getByRole('dialog', { name: 'Scan to join “Waiting times”' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close (Esc)' }))
    expect(dialog.textContent).toContain(URL)
    // a placeholder with the same name until the SVG is drawn, then the image itself
    const qr = () => screen.getByRole('img', { name: `QR code that opens ${URL}` })
    await waitFor(() => expect(qr().getAttribute('src')).toMatch(/^data:image\/svg\+xml/))
  })

  it('keeps Tab on its one control', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.click(screen.getByRole('button', { name: 'Show QR code full screen' }))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close (Esc)' }))
    await user.tab({ shift: true })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close (Esc)' }))
  })

  it('Escape closes it and focus returns to the button that opened it', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    const opener = screen.getByRole('button', { name: 'Show QR code full screen' })
    await user.click(opener)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })
})
