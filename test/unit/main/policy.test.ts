import { describe, expect, it } from 'vitest'
import {
  devRendererUrl,
  isAllowedNavigation,
  isExternalWebUrl,
  isPdfReportRequest,
  isTrustedSender,
  withForcedCsp,
} from '../../../src/main/policy'

describe('Electron main security policy', () => {
  it('hands only http(s) links to the system browser', () => {
    expect(isExternalWebUrl('https://tldraw.dev/?utm_source=dotcom')).toBe(true)
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'not a url',
      'https://',
    ]) {
      expect(isExternalWebUrl(bad), bad).toBe(false)
    }
  })
  it('trusts IPC only from our own renderer page', () => {
    const renderer = 'file:///opt/copro/out/renderer/index.html'
    expect(isTrustedSender('file:///opt/copro/out/renderer/index.html?host=electron', renderer)).toBe(true)
    expect(isTrustedSender('file:///tmp/evil.html', renderer)).toBe(false)
    expect(isTrustedSender('https://evil.example/', renderer)).toBe(false)
    expect(isTrustedSender(undefined, renderer)).toBe(false)
    expect(isTrustedSender('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true)
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })
  it('allows no in-app navigation away from the workbench page', () => {
    const cur = 'file:///opt/copro/out/renderer/index.html?host=electron'
    expect(isAllowedNavigation('https://example.org/', cur)).toBe(false)
    expect(isAllowedNavigation('file:///etc/passwd', cur)).toBe(false)
    expect(isAllowedNavigation('file:///opt/copro/out/renderer/index.html#x', cur)).toBe(true)
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app (issue 22)', () => {
    expect(devRendererUrl('http://localhost:5173', false)).toBe('http://localhost:5173')
    expect(devRendererUrl('https://evil.example/', true)).toBeNull()
    expect(devRendererUrl(undefined, false)).toBeNull()
    expect(devRendererUrl('', false)).toBeNull()
  })

  it('puts the forced CSP first and lets the PDF window load only the report file', () => {
    expect(withForcedCsp('<!DOCTYPE html><p>x')).toMatch(
      /^<!DOCTYPE html><meta http-equiv="Content-Security-Policy"[^>]+><p>x$/,
    )
    expect(withForcedCsp('<p>x')).toMatch(/^<meta http-equiv="Content-Security-Policy"[^>]+><p>x$/)
    const report = 'file:///tmp/copro-report-1.html'
    expect(isPdfReportRequest(report, report)).toBe(true)
    expect(isPdfReportRequest(`${report}#top`, report)).toBe(true)
    expect(isPdfReportRequest('file:///tmp/copro-report-1.html?x', report)).toBe(false)
    expect(isPdfReportRequest('file:///tmp/other.html', report)).toBe(false)
  })
})
