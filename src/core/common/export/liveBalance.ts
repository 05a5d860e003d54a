import type * as Y from 'yjs'
import { buildExportModel } from './model'
import type { ExportVoiceBalance } from './schema'

/**
 * The live voice-balance panel: cards, votes and words per co-production role, overall and per stage
 * (or zone), and which roles have not yet contributed to each stage. It is the export model's voice
 * balance computed on the live document, so the panel and the report never disagree. Votes count only
 * published ballots (closed rounds).
 */
export function liveVoiceBalance(doc: Y.Doc): ExportVoiceBalance {
  return buildExportModel(doc, { generatedAt: new Date(0).toISOString(), appVersion: 'live' }).voiceBalance
}
