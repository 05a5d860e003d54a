import { negotiateLanguage, translator, type MessageKey, type MessageValues } from '../shared/i18n'

/**
 * The command line's words (ADR 0045): messages meant for people come from the catalogues (`cli.*`),
 * in the language of COPRO_LANG, else the terminal's locale (LC_ALL, LC_MESSAGES, LANG: "cy_GB.UTF-8" →
 * Welsh), else English. Command names, options, file names and the status lines scripts wait for
 * ("… is running at …", "Health: …") stay as they are in every language.
 */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env) {
  const tags = [env.COPRO_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]
    .filter((v): v is string => typeof v === 'string' && v !== '' && v !== 'C' && v !== 'POSIX')
    .map((v) => v.split('.')[0]!)
  return negotiateLanguage(tags)
}

/** `w(key, values)` in the command line's language. */
export function w(key: MessageKey, values?: MessageValues): string {
  return translator(cliLanguage()).t(key, values)
}
