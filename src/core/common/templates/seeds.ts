/**
 * The source documents our shipped templates are grounded in (the "seeds", summarised in
 * domain-digest.md). A template's framework cites one or more of these by label.
 */
export const SEED_LABELS = ['S0', 'S1', 'S2-P1', 'S2-P2', 'S2-P3', 'S2-P4', 'S2-P5', 'S3', 'S4'] as const
export type SeedLabel = (typeof SEED_LABELS)[number]

export interface SeedDocument {
  readonly file: string
  readonly citation: string
}

export const SEED_DOCUMENTS: Readonly<Record<SeedLabel, SeedDocument>> = {
  S0: {
    file: '000_4fcbe7f4d6f5741c.txt',
    citation:
      'Gannon, Z. and Lawson, N. (2008) Co-production: the modernisation of public services by staff and users. London: Compass.',
  },
  S1: {
    file: '001_aa7d69dece9d4e99.txt',
    citation:
      'Boyle, D., Coote, A., Sherwood, C. and Slay, J. (2010) Right Here, Right Now: taking co-production into the mainstream. London: nef and NESTA.',
  },
  'S2-P1': {
    file: '002_ead27ab5d5760bad.txt',
    citation:
      'Barker, A. (2010) Co-production of local public services: a brief summary of research for practitioners. In LARCI, Co-Production: a series of commissioned reports.',
  },
  'S2-P2': {
    file: '002_ead27ab5d5760bad.txt',
    citation:
      'Löffler, E. (2009) A future research agenda for co-production: overview paper. In LARCI, Co-Production: a series of commissioned reports.',
  },
  'S2-P3': {
    file: '002_ead27ab5d5760bad.txt',
    citation:
      'Griffiths, S. and Foley, B. (2009) Collective co-production: working together to improve public services. In LARCI, Co-Production: a series of commissioned reports.',
  },
  'S2-P4': {
    file: '002_ead27ab5d5760bad.txt',
    citation:
      'Löffler, E. and Watt, P. (2009) Understanding the efficiency implications of co-production. In LARCI, Co-Production: a series of commissioned reports.',
  },
  'S2-P5': {
    file: '002_ead27ab5d5760bad.txt',
    citation:
      'Needham, C. (2009) Personal co-production. In LARCI, Co-Production: a series of commissioned reports.',
  },
  S3: {
    file: '003_48c70a025002bf10.txt',
    citation:
      'I should co-pro (What shall we do with the public sector? – part three). Blog post with reader comments, 2010.',
  },
  S4: {
    file: '004_28d4a607f0ccb796.txt',
    citation:
      'Co-production – a new relationship. SCA fortnightly briefing, 8 June 2010 (summarising an IPPR and PricewaterhouseCoopers report).',
  },
}
