import type { ShareLinks } from '../../../shared/api'
import { useT } from '../../device/i18n'

/** A join code as people read it aloud and type it: two groups of three ("ABC 234"). */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code
}

/**
 * The short join code beside the QR code, for people who cannot scan: where to type it and the code
 * (it opens the participant link, and stops working when sharing stops). Nothing when the server gave
 * no code.
 */
export function JoinCodeHint({ links, className }: { links: ShareLinks; className?: string }) {
  const t = useT()
  if (!links.joinCode || !links.joinCodeUrl) return null
  return (
    <p className={className ?? 'share-code'} data-testid="share-join-code" data-code={links.joinCode}>
      {t('share.code.goTo')} <span className="share-code__url">{links.joinCodeUrl}</span>{' '}
      {t('share.code.type')}{' '}
      <strong className="share-code__code" aria-label={links.joinCode.split('').join(' ')}>
        {spacedCode(links.joinCode)}
      </strong>
      .
    </p>
  )
}
