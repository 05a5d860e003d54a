/**
 * Temporary shim: test/e2e/share.spec.ts (owned by the e2e branch) still imports the QR options from
 * here. Delete this file once that import points at src/renderer/features/share/qr.
 */
export { QR_OPTIONS } from '../../features/share/qr'
